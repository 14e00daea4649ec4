import { describe, expect, it } from 'vitest';
import { fraction, latitude, longitude, nonNegative, number, year } from './common.js';

const parsed = (schema: typeof number, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? r.data : r.error.issues[0]!.message;
};

describe('numbers', () => {
  it('reads decimal notation, with _ between digits', () => {
    for (const [text, value] of [
      ['1200', 1200],
      [' -3.5 ', -3.5],
      ['.5', 0.5],
      ['5.', 5],
      ['1.2e3', 1200],
      ['2E-2', 0.02],
      ['+7', 7],
      ['12_000', 12000],
      ['1_000.000_5', 1000.0005],
    ] as const)
      expect(parsed(number, text), text).toBe(value);
  });

  it('refuses notations that Number() reads but a person would not call a number', () => {
    for (const text of [
      '0x10',
      '0X1f',
      '0b11',
      '0o7',
      'Infinity',
      '-Infinity',
      'NaN',
      '1_',
      '_1',
      '1__0',
      '1e',
      'e5',
      '.',
      '1,5',
      '١٢',
    ])
      expect(parsed(number, text), text).toBe('expected a number');
  });

  it('refuses numbers that are not finite, in text or in YAML', () => {
    expect(parsed(number, '1e400')).toBe('expected a finite number, not Infinity');
    expect(parsed(number, Number.POSITIVE_INFINITY)).toBe('expected a finite number, not Infinity');
    expect(parsed(nonNegative, Number.NaN)).toBe('expected a finite number, not NaN');
    expect(parsed(year, '1e400')).toBe('expected a finite number, not Infinity');
  });

  it('takes empty or blank text as not given, not as 0', () => {
    expect(parsed(nonNegative, '')).toBe('expected a number');
    expect(parsed(nonNegative, '   ')).toBe('expected a number');
    expect(parsed(fraction, ' ')).toBe('expected a share between 0 and 1');
    expect(nonNegative.optional().safeParse('  ').data).toBeUndefined();
  });

  it('reads shares and years the same way', () => {
    expect(parsed(fraction, '0x1')).toBe('expected a share between 0 and 1');
    expect(parsed(year, '0x7E9')).toBe('expected a year');
    expect(parsed(year, '2_025')).toBe(2025);
  });

  it('keeps coordinates on the globe', () => {
    expect(parsed(latitude, '-90')).toBe(-90);
    expect(parsed(latitude, 999)).toBe('expected a latitude from -90 to 90 degrees');
    expect(parsed(latitude, '-90.5')).toBe('expected a latitude from -90 to 90 degrees');
    expect(parsed(longitude, '180')).toBe(180);
    expect(parsed(longitude, '180.01')).toBe('expected a longitude from -180 to 180 degrees');
  });
});
