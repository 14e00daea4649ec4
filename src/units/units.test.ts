import { describe, expect, it } from 'vitest';
import { metalPerOxide } from './elements.js';
import { metalPerUnit, parseMassUnit, reoPerUnit, toCanonicalFactor, toUsdPerKg } from './units.js';

const ndprOxide = { form: 'oxide' as const, composition: { Nd: 0.75, Pr: 0.25 } };
const _ndprMetal = { form: 'metal' as const, composition: { Nd: 0.75, Pr: 0.25 } };
const magnet = { form: 'magnet' as const, composition: { Nd: 0.23, Pr: 0.07, Dy: 0.02 } };

describe('parseMassUnit', () => {
  it('reads scale, basis and an optional per-year suffix', () => {
    expect(parseMassUnit('kt REO/yr')).toEqual({ ok: true, unit: { scale: 1000, basis: 'reo' } });
    expect(parseMassUnit('t magnet')).toEqual({
      ok: true,
      unit: { scale: 1, basis: 'gross', form: 'magnet' },
    });
    expect(parseMassUnit('t metal per year')).toEqual({ ok: true, unit: { scale: 1, basis: 'metal' } });
  });
  it('explains what it expected', () => {
    const r = parseMassUnit('lb REO');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/kg, t, kt or Mt/);
    const s = parseMassUnit('t bananas');
    expect(!s.ok && s.message).toMatch(/unknown basis "bananas"/);
  });
});

describe('toCanonicalFactor', () => {
  it('keeps REO for oxides and scales kilotonnes', () => {
    expect(toCanonicalFactor('kt REO', ndprOxide)).toEqual({ ok: true, factor: 1000 });
    expect(toCanonicalFactor('t oxide', ndprOxide)).toEqual({ ok: true, factor: 1 });
  });
  it('turns metal into oxide by stoichiometry (NdPr 75:25 → 0.850 t metal per t oxide)', () => {
    const r = toCanonicalFactor('t metal', ndprOxide);
    expect(r.ok && 1 / r.factor).toBeCloseTo(0.75 * metalPerOxide('Nd') + 0.25 * metalPerOxide('Pr'), 12);
    expect(r.ok && 1 / r.factor).toBeCloseTo(0.85, 2);
  });
  it('turns REO into metal for a metal material, and back', () => {
    // The metal made from NdPr oxide 75:25 (by oxide mass) has the metal-mass composition below.
    const nd = 0.75 * metalPerOxide('Nd');
    const pr = 0.25 * metalPerOxide('Pr');
    const sameMetal = { form: 'metal' as const, composition: { Nd: nd / (nd + pr), Pr: pr / (nd + pr) } };
    const toMetal = toCanonicalFactor('t REO', sameMetal);
    const toOxide = toCanonicalFactor('t metal', ndprOxide);
    expect(toMetal.ok && toOxide.ok && toMetal.factor * toOxide.factor).toBeCloseTo(1, 12);
  });
  it('reads gross concentrate through its grade', () => {
    expect(toCanonicalFactor('t', { form: 'concentrate', composition: { Ce: 1 }, grade: 0.6 })).toEqual({
      ok: true,
      factor: 0.6,
    });
    const r = toCanonicalFactor('t concentrate', { form: 'concentrate', composition: { Ce: 1 } });
    expect(!r.ok && r.message).toMatch(/grade/);
  });
  it('refuses a unit of another form', () => {
    const r = toCanonicalFactor('t magnet', ndprOxide);
    expect(!r.ok && r.message).toMatch(/for magnet, but the material is oxide/);
  });
  it('counts REO and metal in a magnet from its composition', () => {
    expect(metalPerUnit(magnet)).toBeCloseTo(0.32, 12);
    expect(reoPerUnit(magnet)).toBeCloseTo(
      0.23 / metalPerOxide('Nd') + 0.07 / metalPerOxide('Pr') + 0.02 / metalPerOxide('Dy'),
      12,
    );
  });
});

describe('toUsdPerKg', () => {
  it('accepts USD/kg and USD/t only', () => {
    expect(toUsdPerKg('USD/kg')).toEqual({ ok: true, factor: 1 });
    expect(toUsdPerKg('USD / t')).toEqual({ ok: true, factor: 0.001 });
    expect(toUsdPerKg('EUR/kg').ok).toBe(false);
  });
});
