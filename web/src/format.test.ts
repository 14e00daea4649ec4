import { describe, expect, it } from 'vitest';
import { esc, fmt, fmtDiff, fmtValue } from './format';

describe('formatting', () => {
  it('shows shares in percent and differences of shares in points', () => {
    expect(fmtValue(0.4567, 'share')).toBe('45.7%');
    expect(fmtDiff(-0.031, 'share')).toBe('−3.1 pp');
    expect(fmtDiff(1234.5, 't magnet')).toBe('+1,235');
  });

  it('marks missing values with a dash', () => {
    expect(fmt(undefined)).toBe('–');
    expect(fmtValue(null, 'share')).toBe('–');
    expect(fmtDiff(Number.NaN, 'share')).toBe('–');
  });

  it('escapes text for tooltips', () => {
    expect(esc('<b>"MP" & co</b>')).toBe('&#60;b&#62;&#34;MP&#34; &#38; co&#60;/b&#62;');
  });
});
