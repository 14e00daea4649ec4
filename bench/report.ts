/** Tables for the terminal and for bench/README.md, from the same rows. */
import { readFileSync, writeFileSync } from 'node:fs';

export interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly note?: string;
}

/** Aligned text: the first column to the left, the others to the right. */
export function textTable(t: Table): string {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const body = [line(t.head), widths.map((w) => '─'.repeat(w)).join('  '), ...t.rows.map(line)];
  return `${t.title}\n${body.join('\n')}${t.note ? `\n${t.note}` : ''}\n`;
}

export function markdownTable(t: Table): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const align = `|${t.head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return `### ${t.title}\n\n${[row(t.head), align, ...t.rows.map(row)].join('\n')}\n${t.note ? `\n${t.note}\n` : ''}`;
}

const START = '<!-- results:start (written by npm run bench) -->';
const END = '<!-- results:end -->';

/** Replaces the generated block of a README (between the markers) with `markdown`. */
export function updateReadme(file: string, markdown: string): void {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: markers ${START} … ${END} not found`);
  writeFileSync(file, `${text.slice(0, a + START.length)}\n\n${markdown.trim()}\n\n${text.slice(b)}`);
}

/** Number formatting: milliseconds, seconds, ratios, percentages. */
export const fmt = {
  ms: (s: number | undefined) => (s === undefined ? '–' : (s * 1000).toFixed(s < 0.01 ? 2 : 1)),
  s: (s: number | undefined) => (s === undefined ? '–' : s.toFixed(s < 10 ? 3 : 1)),
  x: (r: number | undefined) => (r === undefined || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`),
  pct: (r: number | undefined) => (r === undefined || !Number.isFinite(r) ? '–' : `${Math.round(r * 100)}%`),
  int: (n: number) => n.toLocaleString('en-US'),
  mib: (m: number) => m.toFixed(0),
};
