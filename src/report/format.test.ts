import { describe, expect, it } from 'vitest';
import { baseUnit, fmtAmount, fmtShare, fmtValue } from './format.js';

describe('formatting', () => {
  it('formats amounts by size, with thousands separators', () => {
    expect(fmtAmount(1234567.8)).toBe('1,234,568');
    expect(fmtAmount(12.345)).toBe('12.3');
    expect(fmtAmount(0.1234)).toBe('0.12');
    expect(fmtAmount(0)).toBe('0');
    expect(fmtAmount(70)).toBe('70');
    expect(fmtAmount(-0.0001)).toBe('0');
    expect(fmtAmount(-2500)).toBe('−2,500');
    expect(fmtAmount(Number.NaN)).toBe('–');
    expect(fmtAmount(undefined)).toBe('–');
  });

  it('formats shares as percentages, with a decimal below 10%', () => {
    expect(fmtShare(0.806128)).toBe('81%');
    expect(fmtShare(0.0567)).toBe('5.7%');
    expect(fmtShare(0)).toBe('0%');
    expect(fmtShare(1)).toBe('100%');
    expect(fmtShare(0.99999)).toBe('99.9%');
    expect(fmtShare(0.00001)).toBe('0%');
    expect(fmtShare(-0.585824)).toBe('−59%');
    expect(fmtShare(undefined)).toBe('–');
  });

  it('formats values with two decimals and strips the material from a unit', () => {
    expect(fmtValue(6.169121)).toBe('6.17');
    expect(fmtValue(-0.1)).toBe('−0.10');
    expect(baseUnit('t magnet (ndfeb-n42)')).toBe('t magnet');
    expect(baseUnit('t REO')).toBe('t REO');
  });
});
