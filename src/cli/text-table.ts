/** Aligned plain-text tables for the terminal: text columns left, numbers right. */
export function textTable(header: readonly string[], rows: readonly (string | number)[][]): string {
  const cells = [
    header.map(String),
    ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c))),
  ];
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number'));
  const width = header.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, j) => (numeric[j] ? c.padStart(width[j]!) : c.padEnd(width[j]!)))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), width.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export function formatNumber(x: number): string {
  if (Math.abs(x) < 0.05) return '0';
  return x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) < 100 ? 1 : 0 });
}
