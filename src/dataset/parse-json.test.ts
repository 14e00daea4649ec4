import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJson } from './parse-json.js';

const errorAt = (text: string) => {
  try {
    parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return `${e.offset}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('parseJson', () => {
  it('gives the values JSON.parse gives', () => {
    for (const text of [
      '[]',
      ' {"a": [1, -2.5e-3, 0, true, false, null], "b": {"c": "x\\ty\\u00e9\\"\\\\"}} ',
      '[{"__proto__": {"polluted": 1}}]',
      '{"a": 1, "a": 2}',
      '"text"',
      '1e400',
    ]) {
      const { value } = parseJson(text);
      expect(value, text).toEqual(JSON.parse(text));
    }
    const { value } = parseJson('{"__proto__": 1}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
  });

  it('knows where each value starts', () => {
    const text = '[\n  {"id": "a",\n   "inputs": [{"material": "m"}]},\n  7\n]';
    const { offsetOf } = parseJson(text);
    const line = (path: PropertyKey[]) => text.slice(0, offsetOf(path)).split('\n').length;
    expect(line([])).toBe(1);
    expect(line([0])).toBe(2);
    expect(line([0, 'inputs', 0, 'material'])).toBe(3);
    expect(line([0, 'nosuch'])).toBe(2); // the deepest value on the way
    expect(line([1])).toBe(4);
  });

  it('finds the first mistake, where JSON.parse only says what it is', () => {
    expect(errorAt('[1,}')).toBe('3: unexpected "}"');
    expect(errorAt('[1,2,]')).toBe('5: unexpected "]"');
    expect(errorAt('{"a" 1}')).toBe('5: expected ":"');
    expect(errorAt('{a: 1}')).toBe('1: expected a key in double quotes');
    expect(errorAt('[1 2]')).toBe('3: expected "," or "]"');
    expect(errorAt('["abc')).toBe('1: text in quotes is not closed');
    expect(errorAt('["a\nb"]')).toBe('3: a line break or control character inside quotes');
    expect(errorAt('["\\x"]')).toBe('1: an invalid escape (\\) inside quotes');
    expect(errorAt('[01]')).toBe('2: expected "," or "]"');
    expect(errorAt('[NaN]')).toBe('1: unexpected "N"');
    expect(errorAt('[1] x')).toBe('4: unexpected "x"');
    expect(errorAt('')).toBe('0: unexpected end of the text');
  });

  it('refuses nesting deeper than a table needs, without blowing the stack', () => {
    expect(errorAt(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(
      '64: brackets nested deeper than 64 levels',
    );
    expect(errorAt(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe('no error');
  });
});
