/** The headline answers of a run: when each bloc can do without China, China's share per stage, shortfall. */
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

export interface ChainAnswer {
  readonly bloc: string;
  /** The first period a China-free chain can serve all the bloc's demand, if any. */
  readonly first: string | undefined;
  readonly firstRatio: number | undefined;
  readonly lastRatio: number | undefined;
}

export interface StageShare {
  readonly stage: string;
  readonly first: number | undefined;
  readonly last: number | undefined;
}

export interface ShortfallTotal {
  readonly unit: string;
  readonly demand: number;
  readonly short: number;
  /** Regions with any shortfall, largest first. */
  readonly byRegion: readonly { readonly region: string; readonly short: number }[];
}

export interface Headline {
  readonly periods: readonly string[];
  readonly firstPeriod: string;
  readonly lastPeriod: string;
  readonly chain: readonly ChainAnswer[];
  readonly chinaShare: readonly StageShare[];
  readonly shortfall: readonly ShortfallTotal[];
}

export function headline(run: RunData): Headline {
  const periods = run.manifest.periods.map((p) => p.period);
  const firstPeriod = periods[0]!;
  const lastPeriod = periods[periods.length - 1]!;
  const order = new Map(periods.map((p, i) => [p, i]));
  const byPeriod = <T extends { period: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (order.get(a.period) ?? 1e9) - (order.get(b.period) ?? 1e9));

  const chainRows = byPeriod(run.selfSufficiency.filter((r) => r.stage === 'chain'));
  const blocs = [...new Set(chainRows.map((r) => r.bloc))];
  const chain = blocs.map((bloc): ChainAnswer => {
    const rows = chainRows.filter((r) => r.bloc === bloc);
    return {
      bloc,
      first: rows.find((r) => r.ratio >= REACHED)?.period,
      firstRatio: rows.find((r) => r.period === firstPeriod)?.ratio,
      lastRatio: rows.find((r) => r.period === lastPeriod)?.ratio,
    };
  });

  const chinaShare = sortStages(run.concentration.map((r) => r.stage)).map(
    (stage): StageShare => ({
      stage,
      first: run.concentration.find((r) => r.stage === stage && r.period === firstPeriod)?.china_share,
      last: run.concentration.find((r) => r.stage === stage && r.period === lastPeriod)?.china_share,
    }),
  );

  const units = [...new Set(run.demand.map((d) => d.unit))];
  const shortfall = units.map((unit): ShortfallTotal => {
    const rows = run.demand.filter((d) => d.unit === unit);
    const regions = new Map<string, number>();
    for (const d of rows) regions.set(d.region, (regions.get(d.region) ?? 0) + d.short);
    return {
      unit,
      demand: rows.reduce((s, d) => s + d.demand, 0),
      short: rows.reduce((s, d) => s + d.short, 0),
      byRegion: [...regions]
        .filter(([, s]) => s > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([region, short]) => ({ region, short })),
    };
  });

  return { periods, firstPeriod, lastPeriod, chain, chinaShare, shortfall };
}

/** One answer, as both renderers show it: the question, the short answer, and the figures behind it. */
export interface HeadlineItem {
  readonly question: string;
  readonly answer: string;
  readonly detail: string;
}

export function horizonText(h: Headline): string {
  return h.firstPeriod === h.lastPeriod ? h.firstPeriod : `${h.firstPeriod}–${h.lastPeriod}`;
}

export function headlineItems(h: Headline): HeadlineItem[] {
  const items: HeadlineItem[] = [];
  for (const c of h.chain) {
    items.push({
      question: `When can ${c.bloc} demand be met by a supply chain that never touches China?`,
      answer: c.first ?? `Not within the horizon (${horizonText(h)})`,
      detail: `A China-free chain could serve ${fmtShare(c.firstRatio)} of ${c.bloc} demand in ${h.firstPeriod} and ${fmtShare(c.lastRatio)} in ${h.lastPeriod}.`,
    });
  }
  if (h.chain.length === 0) {
    items.push({
      question: 'When can demand be met by a supply chain that never touches China?',
      answer: 'Not reported',
      detail: 'self_sufficiency.csv has no "chain" rows (no bloc in this dataset).',
    });
  }
  if (h.chinaShare.length > 0) {
    items.push({
      question: `China's share of each stage's output, ${h.firstPeriod} → ${h.lastPeriod}`,
      answer: h.chinaShare.map((s) => `${s.stage} ${fmtShare(s.first)} → ${fmtShare(s.last)}`).join('; '),
      detail: 'Share of the stage output (t REO content) made in China, from concentration.csv.',
    });
  }
  for (const s of h.shortfall) {
    const top = s.byRegion.slice(0, 3).map((r) => `${r.region} ${fmtAmount(r.short)}`);
    items.push({
      question: `Total shortfall, ${horizonText(h)}`,
      answer: `${fmtAmount(s.short)} ${s.unit} (${fmtShare(s.demand > 0 ? s.short / s.demand : 0)} of demand)`,
      detail:
        s.short > 0
          ? `Demand left unserved over all periods; most in ${top.join(', ')} ${s.unit}.`
          : 'All demand was served in every period.',
    });
  }
  return items;
}
