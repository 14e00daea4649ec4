import { describe, expect, it } from 'vitest';
import { ScenarioFile } from './scenario.js';

const problems = (v: Record<string, unknown>) => {
  const r = ScenarioFile.safeParse({ name: 's', ...v });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('scenario numbers', () => {
  it('bounds delays to spans of years a horizon can hold', () => {
    expect(problems({ delays: [{ statuses: ['planned'], years: -1.5 }] })).toEqual([]);
    expect(problems({ delays: [{ statuses: ['planned'], years: 1e300 }] })).toEqual([
      'delays.0.years: expected from -300 to 300 years',
    ]);
    expect(problems({ delays: [{ statuses: ['planned'], years: Number.NaN }] })).toEqual([
      'delays.0.years: expected a finite number, not NaN',
    ]);
  });

  it('refuses a reversed horizon and years off the calendar', () => {
    expect(problems({ horizon: { start: 2030, end: 2025 } })).toEqual(['horizon.end: expected end ≥ start']);
    expect(problems({ horizon: { start: 2025, end: Number.POSITIVE_INFINITY } })).toEqual([
      'horizon.end: expected a finite number, not Infinity',
    ]);
  });

  it('refuses a time limit that is not a finite number of seconds', () => {
    expect(problems({ solver: { time_limit: Number.POSITIVE_INFINITY } })).toEqual([
      'solver.time_limit: expected a finite number, not Infinity',
    ]);
  });
});
