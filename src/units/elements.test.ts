import { describe, expect, it } from 'vitest';
import { ELEMENT_SYMBOLS, metalPerOxide } from './elements.js';

describe('metalPerOxide', () => {
  // Reference factors in data/default/facts.md section 9, computed there from the same atomic weights.
  it.each([
    ['Nd', 0.857],
    ['Pr', 0.828],
    ['Dy', 0.871],
    ['Tb', 0.85],
    ['Sm', 0.862],
  ])('%s oxide holds %f t metal per t', (el, factor) => {
    expect(metalPerOxide(el)).toBeCloseTo(factor, 3);
  });

  it('gives a factor between 0.6 and 0.9 for every element', () => {
    for (const el of ELEMENT_SYMBOLS) {
      expect(metalPerOxide(el)).toBeGreaterThan(0.6);
      expect(metalPerOxide(el)).toBeLessThan(0.9);
    }
  });

  it('rejects an unknown symbol', () => {
    expect(() => metalPerOxide('Xx')).toThrow(/unknown element/);
  });
});
