/**
 * The headline answers of a run: how much of each bloc's demand is served free of the taint set
 * (served in the run, potential, upper bound) and when it is fully served, the taint set's share per
 * stage, shortfall.
 */
import { freeLabel, type Taint } from '../model/taint.js';
import { fmtAmount, fmtShare } from './format.js';
import type { RunData } from './types.js';

/** Stages in chain order; others (if any) follow alphabetically. */
export const STAGE_ORDER = ['mining', 'separation', 'metal', 'magnet', 'recycling'] as const;

export function stageRank(stage: string): number {
  const i = (STAGE_ORDER as readonly string[]).indexOf(stage);
  return i < 0 ? STAGE_ORDER.length : i;
}

export function sortStages(stages: Iterable<string>): string[] {
  return [...new Set(stages)].sort((a, b) => stageRank(a) - stageRank(b) || a.localeCompare(b));
}

/** A ratio counts as reaching 100% within this tolerance (as the analysis does). */
const REACHED = 1 - 1e-9;

import type {
  ChainAnswer,
  ChainMeasure,
  Headline,
  HeadlineItem,
  ShortfallTotal,
  StageShare,
} from './schema.js';

export type { ChainAnswer, ChainMeasure, Headline, HeadlineItem, ShortfallTotal, StageShare };

export function headline(run: RunData): Headline {
  const periods = run.manifest.periods.map((p) => p.period);
  const firstPeriod = periods[0]!;
  const lastPeriod = periods[periods.length - 1]!;
  const order = new Map(periods.map((p, i) => [p, i]));
  const byPeriod = <T extends { period: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (order.get(a.period) ?? 1e9) - (order.get(b.period) ?? 1e9));

  const shown = [...new Set([firstPeriod, periods[Math.floor(periods.length / 2)]!, lastPeriod])];
  const chainRows = byPeriod(run.selfSufficiency.filter((r) => r.stage === 'chain'));
  const blocs = [...new Set(chainRows.map((r) => r.bloc))];
  const chain = blocs.map((bloc): ChainAnswer => {
    const rows = (m: ChainMeasure) => chainRows.filter((r) => r.bloc === bloc && r.measure === m);
    const at = (m: ChainMeasure) => shown.map((p) => rows(m).find((r) => r.period === p)?.ratio);
    return {
      bloc,
      first: rows('potential').find((r) => r.ratio >= REACHED)?.period,
      shares: { served: at('served'), potential: at('potential'), upper_bound: at('upper_bound') },
    };
  });

  const taintShare = sortStages(run.concentration.map((r) => r.stage)).map(
    (stage): StageShare => ({
      stage,
      first: run.concentration.find((r) => r.stage === stage && r.period === firstPeriod)?.taint_share,
      last: run.concentration.find((r) => r.stage === stage && r.period === lastPeriod)?.taint_share,
    }),
  );

  const units = [...new Set(run.demand.map((d) => d.unit))];
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  const shortfall = units.map((unit): ShortfallTotal => {
    const rows = run.demand.filter((d) => d.unit === unit);
    const subs = run.substitution.filter((s) => s.unit === unit);
    const lastRows = rows.filter((d) => d.period === lastPeriod);
    const regions = new Map<string, number>();
    for (const d of rows) regions.set(d.region, (regions.get(d.region) ?? 0) + d.short);
    return {
      unit,
      demand: sum(rows, (d) => d.demand),
      short: sum(rows, (d) => d.short),
      destroyed: sum(rows, (d) => d.destroyed),
      substituted: sum(subs, (s) => s.volume),
      last: {
        demand: sum(lastRows, (d) => d.demand),
        short: sum(lastRows, (d) => d.short),
        destroyed: sum(lastRows, (d) => d.destroyed),
        substituted: sum(
          subs.filter((s) => s.period === lastPeriod),
          (s) => s.volume,
        ),
      },
      byRegion: [...regions]
        .filter(([, s]) => s > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([region, short]) => ({ region, short })),
    };
  });

  return {
    taint: run.manifest.taint,
    periods,
    firstPeriod,
    lastPeriod,
    shown,
    chain,
    taintShare,
    shortfall,
  };
}

/** One answer, as both renderers show it: the question, the short answer, and the figures behind it. */

export function horizonText(h: Headline): string {
  return h.firstPeriod === h.lastPeriod ? h.firstPeriod : `${h.firstPeriod}–${h.lastPeriod}`;
}

/** What each chain measure means, in one sentence each (the report and README say the same). */
export function measureSentences(t: Taint): Record<ChainMeasure, string> {
  const free = freeLabel(t);
  return {
    served: `Served: the share of the bloc's demand the run itself served ${free}.`,
    potential: `Potential: the most of the bloc's demand that could be served ${free} while every region outside it keeps at least the ${free} supply it got in the run (the run re-solved with that constraint).`,
    upper_bound: `Upper bound: the share the bloc could be served ${free} if it had first call on all ${free} capacity in the world; blocs' upper bounds count the same capacity, so they must not be added or compared as if they could all happen at once.`,
  };
}

export function headlineItems(h: Headline): HeadlineItem[] {
  const items: HeadlineItem[] = [];
  const free = freeLabel(h.taint);
  const series = (xs: readonly (number | null | undefined)[]) =>
    h.shown.map((p, i) => `${fmtShare(xs[i] ?? undefined)} (${p})`).join(', ');
  for (const c of h.chain) {
    const measured = (m: ChainMeasure) => c.shares[m].some((x) => x !== undefined && x !== null);
    items.push({
      question: `When can all ${c.bloc} demand be served ${free}, without taking supply from other regions?`,
      answer: measured('potential')
        ? (c.first ?? `Not within the horizon (${horizonText(h)})`)
        : 'Not computed (the analysis skipped the re-solves)',
      detail: [
        `Served ${free} in the run: ${series(c.shares.served)}.`,
        measured('potential')
          ? `Potential, while every other region keeps its ${free} supply: ${series(c.shares.potential)}.`
          : '',
        measured('upper_bound')
          ? `Upper bound, with first call on all ${free} capacity in the world (not additive across blocs): ${series(c.shares.upper_bound)}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
  }
  if (h.chain.length === 0) {
    items.push({
      question: `When can demand be served ${free}?`,
      answer: 'Not reported',
      detail: 'self_sufficiency.csv has no "chain" rows (no bloc in this dataset).',
    });
  }
  if (h.taintShare.length > 0) {
    items.push({
      question: `${h.taint.name}'s share of each stage's output, ${h.firstPeriod} → ${h.lastPeriod}`,
      answer: h.taintShare.map((s) => `${s.stage} ${fmtShare(s.first)} → ${fmtShare(s.last)}`).join('; '),
      detail: `Share of the stage output (t REO content) made in ${h.taint.regions.join(', ')} (taint set ${h.taint.set}), from concentration.csv.`,
    });
  }
  for (const s of h.shortfall) {
    const top = s.byRegion.slice(0, 3).map((r) => `${r.region} ${fmtAmount(r.short)}`);
    const givenUp =
      s.destroyed > 0
        ? ` A further ${fmtAmount(s.destroyed)} ${s.unit} (${fmtShare(s.demand > 0 ? s.destroyed / s.demand : 0)} of demand) was given up because of price, on the demand curves.`
        : '';
    items.push({
      question: `Total shortfall, ${horizonText(h)}`,
      answer: `${fmtAmount(s.short)} ${s.unit} (${fmtShare(s.demand > 0 ? s.short / s.demand : 0)} of demand)`,
      detail:
        (s.short > 0
          ? `Demand left unserved over all periods; most in ${top.join(', ')} ${s.unit}.`
          : s.destroyed > 0
            ? 'No demand was left short.'
            : 'All demand was served in every period.') + givenUp,
    });
  }
  for (const s of h.shortfall) if (s.substituted > 0 || s.destroyed > 0) items.push(responseItem(h, s));
  return items;
}

/** Demand met by substitution, given up because of price and left short: the last period and the horizon. */
function responseItem(h: Headline, s: ShortfallTotal): HeadlineItem {
  const of = (x: number, demand: number) => `${fmtAmount(x)} (${fmtShare(demand > 0 ? x / demand : 0)})`;
  const figures = (f: ShortfallTotal['last']) =>
    `${of(f.substituted, f.demand)} substituted, ${of(f.destroyed, f.demand)} given up, ${of(f.short, f.demand)} short`;
  return {
    question: 'How much magnet demand did substitution and demand response absorb?',
    answer: `${h.lastPeriod}: ${figures(s.last)} ${s.unit}`,
    detail:
      `Over ${horizonText(h)}: ${figures(s)} ${s.unit} (shares of demand). ` +
      'Substituted: demand met by a grade switch, thrift or a design without the magnet (substitution.csv); ' +
      'given up: priced out on the demand curves (demand.csv “destroyed”); short: left unserved beyond both.',
  };
}
