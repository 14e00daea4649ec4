import { describe, expect, it } from 'vitest';
import { Policy } from './policy.js';

const prov = { source_ids: ['s'], confidence: 'estimate' };
const base: Record<string, Record<string, unknown>> = {
  export_control: { exporter: 'CN', elements: ['Dy'], licensed_share: 0 },
  tariff: { importer: 'US', per_kg: 1 },
  price_floor: { producers: ['f'], material: 'm', floor: 110, share: 1 },
  origin_requirement: { region: 'US', share: 1 },
  stockpile: { region: 'US', material: 'm', target: 300, build_rate: 300, release_price: 400 },
  collection_target: { region: 'EU', rate: 0.5 },
  recycled_content: { region: 'EU', share: 0.1 },
};
const policy = (type: string, fields: Record<string, unknown>) => ({
  type,
  id: 'p',
  ...prov,
  ...base[type],
  ...fields,
});
const problems = (v: unknown) => {
  const r = Policy.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('policy windows', () => {
  it.each(Object.keys(base))('%s: refuses an end before the start', (type) => {
    expect(problems(policy(type, { start: '2027-03', end: '2026-12' }))).toEqual([
      'end: expected an end no earlier than the start (the end is the first month no longer covered; a policy never in force ends as it starts)',
    ]);
    expect(problems(policy(type, { start: '2026-12', end: '2027-03' }))).toEqual([]);
    // Ending as it starts, a policy is never in force (a measure suspended before it took effect).
    expect(problems(policy(type, { start: 2027, end: '2027-01' }))).toEqual([]);
  });

  it('reads months from 1900 to 2200 only', () => {
    expect(problems(policy('tariff', { start: '0001-01' }))).toEqual([
      'start: expected a month from 1900 to 2200',
    ]);
    expect(problems(policy('tariff', { start: '2026-13' }))).toEqual([
      'start: expected a month as YYYY-MM (or a year)',
    ]);
  });
});

describe('policy numbers', () => {
  it('keeps prices and amounts where the LP computes well', () => {
    expect(problems(policy('price_floor', { start: 2026, floor: 1e200 }))).toEqual([
      'floor: expected a price from 0 to 1e7 USD/kg',
    ]);
    expect(problems(policy('stockpile', { start: 2026, target: '1e12', build_rate: Infinity }))).toEqual([
      'target: expected an amount from 0 to 1e9 t',
      'build_rate: expected a finite number, not Infinity',
    ]);
    expect(problems(policy('tariff', { start: 2026, per_kg: '0x10' }))).toEqual([
      'per_kg: expected a price from 0 to 1e7 USD/kg',
    ]);
  });

  it('checks cost paths: years as years, each once, and factors of sane size', () => {
    const shift = (path: unknown) => ({ type: 'cost_shift', id: 'c', ...prov, path });
    expect(
      problems(
        shift([
          { year: 2025, factor: 1 },
          { year: 2028, factor: 1.6 },
        ]),
      ),
    ).toEqual([]);
    expect(
      problems(
        shift([
          { year: 2025, factor: 1 },
          { year: 2025, factor: 2 },
        ]),
      ),
    ).toEqual(['path: expected each year once']);
    expect(problems(shift([{ year: 25, factor: 1e9 }]))).toEqual([
      'path.0.year: expected a year from 1900',
      'path.0.factor: expected a cost factor from 0 to 1000',
    ]);
  });

  it('bounds the licensing delay', () => {
    expect(problems(policy('export_control', { start: 2026, licensing_delay_months: 1e300 }))).toEqual([
      'licensing_delay_months: expected from 0 to 3600 months',
    ]);
  });
});
