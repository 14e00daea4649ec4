/**
 * Reads a run-folder table into typed rows: csv-parse's `cast` turns each cell into its column's kind,
 * and every bad cell, missing column or broken line becomes a problem naming file, line and column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InputError, type Problem } from '../dataset/problems.js';
import type { Column, TableSpec } from './columns.js';
import { type RowOf, TABLES, type TableName } from './tables.js';

export const HOW_TO_WRITE = 'write the run folder with `lodestone run SCENARIO --out DIR`';

type Cast = (raw: string) => { value: unknown } | { expected: string };

const number: Cast = (raw) => {
  // NaN and ±Infinity are what the writer prints for those values.
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isNaN(v) && raw !== 'NaN' ? { expected: 'a number' } : { value: v };
};

function caster(column: Column): Cast {
  if (typeof column === 'object') {
    const words = new Set(column.oneOf);
    return (raw) => (words.has(raw) ? { value: raw } : { expected: `one of ${column.oneOf.join(', ')}` });
  }
  switch (column) {
    case 'number':
      return number;
    case 'integer':
      return (raw) => {
        const n = number(raw);
        return 'value' in n && Number.isInteger(n.value) ? n : { expected: 'a whole number' };
      };
    case 'boolean':
      return (raw) =>
        raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { expected: 'true or false' };
    case 'text':
      return (raw) => ({ value: raw });
  }
}

/**
 * The rows of a table's CSV text, `file` naming it in problems. Rows with a bad cell are left out,
 * each bad cell adding a problem; columns the spec does not know are ignored.
 */
export function parseTable<N extends TableName>(
  name: N,
  text: string,
  file: string,
  problems: Problem[],
): RowOf<N>[] {
  return parseWithSpec(TABLES[name], text, file, problems) as RowOf<N>[];
}

/** As parseTable, for a table whose spec is not one of TABLES (the exposure tables, EXPOSURE_TABLES). */
export function parseWithSpec(
  spec: TableSpec,
  text: string,
  file: string,
  problems: Problem[],
): Record<string, unknown>[] {
  const renamed = spec.older?.renamed ?? {};
  const added: Readonly<Record<string, unknown>> = spec.older?.added ?? {};
  const columns = Object.entries(spec.columns);
  const casts = new Map(columns.map(([c, kind]) => [c, caster(kind)]));
  const bad = new Set<number>();
  let header: string[] = [];
  let records: Record<string, unknown>[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      columns: (names: string[]) => {
        header = names.map((c) => renamed[c] ?? c);
        return header;
      },
      cast: (raw, context) => {
        const cast = context.header ? undefined : casts.get(String(context.column));
        if (!cast) return raw;
        const out = cast(raw);
        if ('value' in out) return out.value;
        problems.push({
          severity: 'error',
          file,
          line: context.lines,
          field: String(context.column),
          message: `expected ${out.expected}, got "${raw}"`,
        });
        bad.add(context.records);
        return raw;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    problems.push({
      severity: 'error',
      file,
      ...(line === undefined ? {} : { line }),
      message: `not a readable CSV table: ${e.message}`,
    });
    return [];
  }
  const missing = columns.map(([c]) => c).filter((c) => !header.includes(c) && !(c in added));
  if (missing.length > 0) {
    problems.push({
      severity: 'error',
      file,
      line: 1,
      message: `missing column(s) ${missing.join(', ')}; expected ${columns.map(([c]) => c).join(',')} (${HOW_TO_WRITE})`,
    });
    return [];
  }
  return records
    .filter((_, i) => !bad.has(i))
    .map((r) => Object.fromEntries(columns.map(([c]) => [c, c in r ? r[c] : added[c]])));
}

/** The rows of a table's CSV text; throws an InputError listing every problem. */
export function readTable<N extends TableName>(name: N, text: string, file: string): RowOf<N>[] {
  const problems: Problem[] = [];
  const rows = parseTable(name, text, file, problems);
  if (problems.length > 0) throw new InputError(problems);
  return rows;
}
