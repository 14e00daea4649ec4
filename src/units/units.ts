/**
 * Mass units and their conversion into each material's canonical unit.
 *
 * Canonical units (converted once, at load):
 * - concentrates and oxides: tonnes of rare-earth oxide (t REO; for a separated oxide, t oxide = t REO);
 * - metals, alloys, magnets and scrap: gross tonnes of the material (t metal, t alloy, t magnet, t scrap);
 * - costs and prices: USD per kg of the material in its canonical unit (= thousand USD per tonne).
 *
 * A unit string is `<scale> <basis>[/yr]`: scale kg | t | kt | Mt; basis
 * - `REO` or `oxide`: rare-earth oxide equivalent contained;
 * - `metal`: rare-earth metal contained (for a pure metal, its gross mass);
 * - empty or the material's form (`concentrate`, `alloy`, `magnet`, `scrap`): gross mass.
 */
import { metalPerOxide } from './elements.js';

export type Form = 'concentrate' | 'oxide' | 'metal' | 'alloy' | 'magnet' | 'scrap';
export const FORMS: readonly Form[] = ['concentrate', 'oxide', 'metal', 'alloy', 'magnet', 'scrap'];

/** What the converter needs to know about a material. */
export interface MaterialBasis {
  readonly form: Form;
  /**
   * Element fractions: of the REO for concentrates and oxides (they sum to 1), of the gross mass
   * as metal for the other forms (they sum to at most 1; the rest is iron, boron, cobalt…).
   */
  readonly composition: Readonly<Record<string, number>>;
  /** Concentrates only: t REO per gross tonne of concentrate. */
  readonly grade?: number | undefined;
}

const SCALES: Readonly<Record<string, number>> = { kg: 0.001, t: 1, kt: 1_000, Mt: 1_000_000 };

export interface ParsedUnit {
  readonly scale: number;
  readonly basis: 'reo' | 'metal' | 'gross';
  readonly form?: Form;
}

export type UnitResult = { ok: true; unit: ParsedUnit } | { ok: false; message: string };

/** Parses a mass unit such as `t REO`, `kt magnet`, `t metal/yr`. */
export function parseMassUnit(text: string): UnitResult {
  const cleaned = text
    .trim()
    .replace(/\s*(\/\s*(yr|year|a)|per year)$/i, '')
    .trim();
  const [scaleWord, ...rest] = cleaned.split(/\s+/);
  const scale = scaleWord === undefined ? undefined : SCALES[scaleWord];
  if (scale === undefined) {
    return {
      ok: false,
      message: `unit "${text}": expected a mass unit starting with kg, t, kt or Mt (e.g. "t REO", "kt magnet")`,
    };
  }
  const basisWord = rest.join(' ').toLowerCase();
  if (basisWord === '' || basisWord === 'gross') return { ok: true, unit: { scale, basis: 'gross' } };
  if (basisWord === 'reo' || basisWord === 'oxide') return { ok: true, unit: { scale, basis: 'reo' } };
  if (basisWord === 'metal') return { ok: true, unit: { scale, basis: 'metal' } };
  if ((FORMS as readonly string[]).includes(basisWord)) {
    return { ok: true, unit: { scale, basis: 'gross', form: basisWord as Form } };
  }
  return {
    ok: false,
    message: `unit "${text}": unknown basis "${rest.join(' ')}"; expected REO, oxide, metal or a form (${FORMS.join(', ')})`,
  };
}

/** The canonical unit's label for a material of this form. */
export function canonicalUnit(form: Form): string {
  return form === 'concentrate' || form === 'oxide' ? 't REO' : `t ${form === 'metal' ? 'metal' : form}`;
}

const isReoBased = (form: Form): boolean => form === 'concentrate' || form === 'oxide';

/** Tonnes of REO in one canonical unit of the material. */
export function reoPerUnit(m: MaterialBasis): number {
  if (isReoBased(m.form)) return 1;
  return Object.entries(m.composition).reduce((sum, [el, f]) => sum + f / metalPerOxide(el), 0);
}

/** Tonnes of rare-earth metal contained in one canonical unit of the material. */
export function metalPerUnit(m: MaterialBasis): number {
  if (isReoBased(m.form)) {
    return Object.entries(m.composition).reduce((sum, [el, f]) => sum + f * metalPerOxide(el), 0);
  }
  return Object.values(m.composition).reduce((sum, f) => sum + f, 0);
}

export type ConversionResult = { ok: true; factor: number } | { ok: false; message: string };

/** Factor that turns an amount in `unitText` into the material's canonical unit. */
export function toCanonicalFactor(unitText: string, m: MaterialBasis): ConversionResult {
  const parsed = parseMassUnit(unitText);
  if (!parsed.ok) return parsed;
  const { scale, basis, form } = parsed.unit;
  if (form !== undefined && form !== m.form && !(form === 'oxide' && isReoBased(m.form))) {
    return { ok: false, message: `unit "${unitText}" is for ${form}, but the material is ${m.form}` };
  }
  if (basis === 'reo') {
    const reo = reoPerUnit(m);
    if (!(reo > 0)) return { ok: false, message: `unit "${unitText}": the material contains no REO` };
    return { ok: true, factor: scale / reo };
  }
  if (basis === 'metal') {
    const metal = metalPerUnit(m);
    if (!(metal > 0)) return { ok: false, message: `unit "${unitText}": the material contains no RE metal` };
    return { ok: true, factor: scale / metal };
  }
  if (m.form === 'concentrate') {
    if (m.grade === undefined) {
      return {
        ok: false,
        message: `unit "${unitText}" is gross concentrate; give the material a grade (t REO per t) or use "t REO"`,
      };
    }
    return { ok: true, factor: scale * m.grade };
  }
  return { ok: true, factor: scale };
}

/** Money per mass: only USD/kg and USD/t are accepted; the canonical unit is USD/kg. */
export function toUsdPerKg(unitText: string): ConversionResult {
  const u = unitText.replace(/\s+/g, '').toLowerCase();
  if (u === 'usd/kg') return { ok: true, factor: 1 };
  if (u === 'usd/t') return { ok: true, factor: 0.001 };
  return { ok: false, message: `unit "${unitText}": expected USD/kg or USD/t` };
}
