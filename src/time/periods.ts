/** The periods of a horizon: years, or quarters. Time is in fractional years (2025.25 = April 2025). */
export interface Period {
  readonly index: number;
  /** "2025" or "2025Q2". */
  readonly label: string;
  readonly year: number;
  /** Start, in fractional years. */
  readonly start: number;
  /** Length in years (1 or 0.25). */
  readonly length: number;
}

export type PeriodKind = 'year' | 'quarter';

export function makePeriods(startYear: number, endYear: number, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  for (let year = startYear; year <= endYear; year++) {
    if (kind === 'year') {
      out.push({ index: out.length, label: String(year), year, start: year, length: 1 });
      continue;
    }
    for (let q = 0; q < 4; q++) {
      out.push({ index: out.length, label: `${year}Q${q + 1}`, year, start: year + q / 4, length: 0.25 });
    }
  }
  return out;
}

/** Midpoint of a period, where rates such as capacity are read. */
export const midpoint = (p: Period): number => p.start + p.length / 2;
