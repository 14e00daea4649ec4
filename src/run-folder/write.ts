/** A run-folder table as CSV text: the spec's columns in order, numbers to six decimals. */
import { type RowOf, TABLES, type TableName, type TableRows } from './tables.js';

/** Six decimals: enough for tonnes and USD/kg, and free of solver noise like 29.999999999. */
export const round6 = (x: number): number => {
  const r = Number(x.toFixed(6));
  return Object.is(r, -0) ? 0 : r;
};

const cell = (v: unknown): string => (typeof v === 'number' ? `${round6(v)}` : String(v));

/**
 * A CSV field as csv-stringify writes it with its defaults (the writer this replaces, about twice as slow on
 * a run's 10 MB of tables): quoted, with quotes doubled, only if it holds a comma, quote or line break.
 */
const field = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The CSV text of a table's rows (header first), each line ended by a newline. */
export function tableCsv<N extends TableName>(name: N, rows: readonly RowOf<N>[]): string {
  const columns = Object.keys(TABLES[name].columns);
  const records = rows as readonly Record<string, unknown>[];
  const lines = [columns.map(field).join(',')];
  for (const r of records) lines.push(columns.map((c) => field(cell(r[c]))).join(','));
  return `${lines.join('\n')}\n`;
}

/** The file of a table: its name and CSV text. */
export const tableFile = (t: TableRows) => ({
  name: `${t.name}.csv`,
  content: tableCsv(t.name, t.rows as readonly RowOf<typeof t.name>[]),
});
