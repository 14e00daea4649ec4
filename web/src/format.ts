/** Number and date formatting shared by the views. */

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const precise = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** An amount for a tooltip or label ("–" when missing). */
export const fmt = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? number.format(v) : '–');

/** A value in a comparison: shares in %, other amounts to 4 significant digits. */
export function fmtValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (unit === 'share') return `${(100 * v).toFixed(1)}%`;
  return precise.format(v);
}

/** A difference in a comparison: shares in percentage points, signed. */
export function fmtDiff(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  if (unit === 'share') return `${sign}${Math.abs(100 * v).toFixed(1)} pp`;
  return `${sign}${precise.format(Math.abs(v))}`;
}

/** A share as a percentage: whole percent, one decimal below 10%; never 100% when short of it. */
export function fmtPct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const p = 100 * v;
  if (p >= 99.5 && p < 100 - 1e-7) return `${(Math.floor(10 * p) / 10).toFixed(1)}%`;
  return p < 10 && p > 0 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

export const fmtTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '–');

/** Text safe inside the HTML of an ECharts tooltip. */
export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `line 12: policies.0.start: expected a date` — the parts a problem has. */
export const problemText = (p: { line?: number; field?: string; message: string }) =>
  [p.line === undefined ? undefined : `line ${p.line}`, p.field, p.message].filter(Boolean).join(': ');
