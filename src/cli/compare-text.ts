/**
 * What `compare` prints for a person: per scenario, a few key figures at each period where it
 * differs from the first scenario (or every fifth year with --all), within 100 columns: demand short,
 * and, when any scenario has them, demand given up because of price and displaced by substitution.
 * Every key output, side by side, goes to compare.csv (--out).
 */
import { type ComparisonRow, differs } from '../analysis/compare.js';
import { formatNumber, textTable } from './text-table.js';

/** Terminal width the tables fit in. */
export const WIDTH = 100;

/** The demand response columns: what they hold, and their headings where they fit beside the Δ columns. */
const RESPONSE_MEANING = {
  destroyed: 'priced out on the demand curves',
  substituted: 'met by substitution',
} as const;
const DELTA_LABEL = { destroyed: 'Δ given up', substituted: 'Δ subst.' } as const;

/** One scenario's figures in one period. */
interface Figures {
  short: number;
  /** Given up because of price (destroyed, on the demand curves). */
  destroyed: number;
  substituted: number;
  shortByRegion: Map<string, number>;
  freeShare: Map<string, number>;
  /** Key outputs other than shortfalls and China-free shares that differ from the base. */
  others: number;
}

export interface ComparisonTextOptions {
  /** Every fifth year instead of the periods that differ. */
  readonly all?: boolean;
  /** Where compare.csv was written, if it was. */
  readonly csv?: string;
}

export function comparisonText(
  names: readonly string[],
  rows: readonly ComparisonRow[],
  options: ComparisonTextOptions = {},
): string {
  const base = names[0]!;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const units = [...new Set(rows.filter((r) => r.group === 'short').map((r) => r.unit))];
  const unit = units.length === 1 ? units[0]! : units.join(' + ');
  const figures = names.map((_, i) => figuresOf(rows, i));
  // Demand response gets columns only when some scenario has any (runs without curves or options stay narrow).
  const responds = (group: string) => rows.some((r) => r.group === group && r.values.some((v) => v > 0.5));
  const response = (['destroyed', 'substituted'] as const).filter((g) => responds(g));
  const responseLabel = { destroyed: 'given up', substituted: 'substituted' } as const;
  const differing = names.map((_, i) =>
    i === 0 ? new Set<string>() : new Set(rows.filter((r) => differsFrom(r, i)).map((r) => r.period)),
  );
  const chosen = (i: number) =>
    options.all
      ? everyFifthYear(periods)
      : i === 0
        ? periods.filter((p) => differing.some((d) => d.has(p)))
        : periods.filter((p) => differing[i]!.has(p));

  const count = rows.filter((r) => differs(r)).length;
  const when = options.all ? 'every fifth year' : 'each period that differs';
  const title = [
    `Compared with ${base}: ${formatNumber(count)} of ${formatNumber(rows.length)} key outputs differ.`,
    `Per scenario, ${when}: shortfall (${unit}) and China-free share by region.`,
    ...(response.length > 0
      ? [
          `${response.map((g) => `${responseLabel[g]}: ${RESPONSE_MEANING[g]}`).join('; ')} (${unit}, all regions).`,
        ]
      : []),
  ];
  const blocks = names.map((name, i) => {
    const shown = chosen(i).filter((p) => figures[i]!.has(p));
    const head = clip(i === 0 ? `${name} (the base):` : `${name} against ${base}:`);
    if (shown.length === 0)
      return `${head}\n  ${i === 0 ? 'no scenario differs from it' : `no key output differs from ${base}`}.`;
    const body = shown.map((p) => {
      const f = figures[i]!.get(p)!;
      const whereShort = top(
        f.shortByRegion,
        (v) => v >= 0.5,
        (r, v) => `${r} ${compact(v)}`,
      );
      if (i === 0)
        return [
          p,
          f.short,
          ...response.map((g) => f[g]),
          whereShort,
          top(
            f.freeShare,
            (v) => v >= 0.005,
            (r, v) => `${r} ${pct(v)}`,
          ),
        ];
      const b = figures[0]!.get(p);
      if (!b) return [p, f.short, '-', ...response.map(() => '-'), whereShort, '-', '-'];
      const change = new Map(
        [...f.freeShare].map(([r, v]) => [r, v - (b.freeShare.get(r) ?? Number.NaN)] as const),
      );
      const freeChange = top(
        new Map([...change].map(([r, v]) => [r, Math.abs(v)])),
        (v) => v >= 0.005,
        (r) => `${r} ${signedPoints(change.get(r)!)}`,
      );
      return [
        p,
        f.short,
        f.short - b.short,
        ...response.map((g) => f[g] - b[g]),
        whereShort,
        freeChange,
        f.others,
      ];
    });
    const header =
      i === 0
        ? ['period', 'short', ...response.map((g) => responseLabel[g]), 'short by region', 'China-free share']
        : [
            'period',
            'short',
            'Δ short',
            ...response.map((g) => DELTA_LABEL[g]),
            'short by region',
            'China-free share, Δ pp',
            'others differ',
          ];
    return `${head}\n${fittedTable(header, body)}`;
  });
  const full = options.csv
    ? `Every key output, side by side with the differences: ${options.csv}`
    : 'Every key output, side by side with the differences: --out DIR writes compare.csv.';
  return `${title.map((l) => clip(l)).join('\n')}\n\n${blocks.join('\n\n')}\n\n${clip(full)}\n`;
}

/** The figures of run i, per period. */
function figuresOf(rows: readonly ComparisonRow[], i: number): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const r of rows) {
    const v = r.values[i]!;
    if (Number.isNaN(v)) continue;
    const f = out.get(r.period) ?? emptyFigures();
    out.set(r.period, f);
    if (r.group === 'short') {
      const region = r.item.split(' ')[0]!;
      f.short += v;
      f.shortByRegion.set(region, (f.shortByRegion.get(region) ?? 0) + v);
    } else if (r.group === 'China-free share') {
      f.freeShare.set(r.item, v);
    } else if (r.group === 'destroyed' || r.group === 'substituted') {
      f[r.group] += v;
    } else if (i > 0 && differsFrom(r, i)) {
      f.others++;
    }
  }
  return out;
}

const emptyFigures = (): Figures => ({
  short: 0,
  destroyed: 0,
  substituted: 0,
  shortByRegion: new Map(),
  freeShare: new Map(),
  others: 0,
});

/** Whether run i differs from the base in this row. */
const differsFrom = (r: ComparisonRow, i: number) => differs({ ...r, values: [r.values[0]!, r.values[i]!] });

/** The first period of every fifth year from the first. */
function everyFifthYear(periods: readonly string[]): string[] {
  const year = (p: string) => Number.parseInt(p, 10);
  const first = year(periods[0] ?? '0');
  return periods.filter(
    (p, k) => (year(p) - first) % 5 === 0 && (k === 0 || year(periods[k - 1]!) !== year(p)),
  );
}

/** The three largest entries that pass `keep`, largest first, as text; '-' if none. */
function top(
  values: ReadonlyMap<string, number>,
  keep: (v: number) => boolean,
  text: (key: string, v: number) => string,
): string {
  const list = [...values].filter(([, v]) => keep(v)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return list.length === 0
    ? '-'
    : list
        .slice(0, 3)
        .map(([k, v]) => text(k, v))
        .join(', ');
}

const pct = (x: number) => `${Math.round(100 * x)}%`;
const signedPoints = (x: number) => `${x > 0 ? '+' : '−'}${Math.round(100 * Math.abs(x))}`;
/** Tonnes in few characters: 950, 14.2k, 231k. */
const compact = (x: number) =>
  x < 1000 ? formatNumber(x) : x < 100_000 ? `${Number((x / 1000).toFixed(1))}k` : `${Math.round(x / 1000)}k`;

/** A line cut to the width, marked with an ellipsis. */
const clip = (s: string, width = WIDTH) => (s.length <= width ? s : `${s.slice(0, width - 1)}…`);

/** textTable, with its text columns cut to one common width (each cut cell marked with …) so every line fits. */
function fittedTable(header: readonly string[], rows: readonly (string | number)[][]): string {
  const shown = (c: string | number) => (typeof c === 'number' ? formatNumber(c) : c);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => shown(r[j]!).length)));
  const text = header.map((_, j) => rows.some((r) => typeof r[j] === 'string'));
  const lineWidth = (cap: number) =>
    widths.reduce((s, w, j) => s + (text[j] ? Math.max(header[j]!.length, Math.min(w, cap)) : w), 0) +
    2 * (widths.length - 1);
  let cap = Math.max(...widths);
  while (cap > 1 && lineWidth(cap) > WIDTH) cap--;
  const cut = rows.map((r) =>
    r.map((c, j) => (typeof c === 'string' ? clip(c, Math.max(header[j]!.length, cap)) : c)),
  );
  return textTable(header, cut);
}
