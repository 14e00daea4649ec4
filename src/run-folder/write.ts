/** A run-folder table as CSV text: the spec's columns in order, numbers to six decimals. */
import { stringify } from 'csv-stringify/sync';
import { type RowOf, TABLES, type TableName, type TableRows } from './tables.js';

/** Six decimals: enough for tonnes and USD/kg, and free of solver noise like 29.999999999. */
export const round6 = (x: number): number => {
  const r = Number(x.toFixed(6));
  return Object.is(r, -0) ? 0 : r;
};

const cell = (v: unknown): string | number => (typeof v === 'number' ? round6(v) : String(v));

/** The CSV text of a table's rows (header first). */
export function tableCsv<N extends TableName>(name: N, rows: readonly RowOf<N>[]): string {
  const columns = Object.keys(TABLES[name].columns);
  const records = rows as readonly Record<string, unknown>[];
  return stringify([columns, ...records.map((r) => columns.map((c) => cell(r[c])))]);
}

/** The file of a table: its name and CSV text. */
export const tableFile = (t: TableRows) => ({
  name: `${t.name}.csv`,
  content: tableCsv(t.name, t.rows as readonly RowOf<typeof t.name>[]),
});
