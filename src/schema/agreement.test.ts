import { describe, expect, it } from 'vitest';
import { Agreement } from './agreement.js';

const problems = (v: Record<string, unknown>) => {
  const r = Agreement.safeParse({
    id: 'a',
    supplier: 'f',
    buyer: 'B',
    material: 'm',
    start_year: 2027,
    firmness: 'binding',
    source_ids: ['s'],
    confidence: 'estimate',
    ...v,
  });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('agreements', () => {
  it('refuses an end year before the start year', () => {
    expect(problems({ end_year: 2035 })).toEqual([]);
    expect(problems({ end_year: 2027 })).toEqual([]);
    expect(problems({ end_year: 2026 })).toEqual(['end_year: expected end_year ≥ start_year']);
  });

  it('bounds the penalty as a price', () => {
    expect(problems({ penalty: '1e9' })).toEqual(['penalty: expected a price from 0 to 1e7 USD/kg']);
  });
});
