/** Number formatting shared by the HTML and Markdown reports: fixed (en-US), never locale-dependent. */

const upTo = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
const INT = upTo(0);
const ONE = upTo(1);
const TWO = upTo(2);
const FIXED2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An amount: whole numbers with thousands separators from 100 on, up to one decimal from 1, two below. */
export function fmtAmount(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  const s = a >= 100 ? INT.format(a) : a >= 1 ? ONE.format(a) : a === 0 ? '0' : TWO.format(a);
  return x < 0 && s !== '0' ? `−${s}` : s;
}

/** A share 0–1 as a percentage: whole percent, one decimal below 10% (so small shares do not read as 0%). */
export function fmtShare(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const p = 100 * x;
  const a = Math.abs(p);
  // A share short of 100% never reads as 100%.
  const s =
    a === 0
      ? '0'
      : a < 10
        ? ONE.format(a)
        : a >= 99.5 && a < 100
          ? ONE.format(Math.floor(10 * a) / 10)
          : INT.format(a);
  return `${p < 0 && s !== '0' ? '−' : ''}${s}%`;
}

/** A share 0–1 as a percentage with one decimal, so a value just short of a target never reads as it: "39.6%". */
export function fmtPercent(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '–';
  const s = ONE.format(Math.abs(100 * x));
  return `${x < 0 && s !== '0' ? '−' : ''}${s}%`;
}

/** A price or value per kg: two decimals. */
export function fmtValue(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  return x < 0 ? `−${FIXED2.format(-x)}` : FIXED2.format(x);
}

/** The base of a unit without the material in parentheses: "t magnet (ndfeb-n42)" → "t magnet". */
export function baseUnit(unit: string): string {
  return unit.replace(/\s*\(.*\)\s*$/, '').trim();
}
