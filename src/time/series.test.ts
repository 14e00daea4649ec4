import { describe, expect, it } from 'vitest';
import { makePeriods } from './periods.js';
import { coverage, interpolate, pathValue, yearsCoverage } from './series.js';

const [y2025] = makePeriods(2025, 2025, 'year');
const quarters = makePeriods(2025, 2025, 'quarter');
const april = 2025 + 3 / 12;

describe('coverage', () => {
  it('pro-rates a year by the months covered', () => {
    expect(coverage(y2025!, april)).toBeCloseTo(0.75, 12);
    expect(coverage(y2025!, april, 2025 + 10 / 12)).toBeCloseTo(7 / 12, 12);
    expect(coverage(y2025!, 2026)).toBe(0);
  });
  it('honours the months in quarters', () => {
    expect(quarters.map((q) => coverage(q, april))).toEqual([0, 1, 1, 1]);
    expect(
      quarters.map((q) => coverage(q, 2025 + 4 / 12, 2025 + 8 / 12)).map((x) => Math.round(x * 3)),
    ).toEqual([0, 2, 2, 0]);
  });
  it('counts whole calendar years for contracts', () => {
    expect(yearsCoverage(y2025!, 2025, 2025)).toBe(1);
    expect(yearsCoverage(y2025!, 2026)).toBe(0);
  });
});

describe('pathValue', () => {
  const path = [
    { year: 2025, factor: 1 },
    { year: 2030, factor: 0.5 },
  ];
  it('interpolates between years and is flat outside', () => {
    expect(pathValue(path, y2025!)).toBe(1);
    expect(pathValue(path, makePeriods(2027, 2027, 'year')[0]!)).toBeCloseTo(0.8, 12);
    expect(pathValue(path, makePeriods(2035, 2035, 'year')[0]!)).toBe(0.5);
  });
});

describe('interpolate', () => {
  const at = (points: [number, number][], x: number) =>
    interpolate(
      points,
      x,
      (p) => p[0],
      (p) => p[1],
    );
  it('is linear between points and flat outside them', () => {
    const points: [number, number][] = [
      [2020, 10],
      [2030, 20],
      [2040, 0],
    ];
    expect(at(points, 2010)).toBe(10);
    expect(at(points, 2025)).toBe(15);
    expect(at(points, 2035)).toBe(10);
    expect(at(points, 2050)).toBe(0);
  });
  it('takes the first of points at the same x', () => {
    const points: [number, number][] = [
      [2020, 10],
      [2030, 20],
      [2030, 40],
      [2040, 40],
    ];
    expect(at(points, 2030)).toBe(20);
    expect(at(points, 2025)).toBe(15);
  });
});
