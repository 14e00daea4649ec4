import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decode.js';
import { formatProblem, ProblemList } from './problems.js';

const decode = (bytes: number[] | string) => {
  const problems = new ProblemList();
  const text = decodeUtf8(
    't.csv',
    typeof bytes === 'string' ? Buffer.from(bytes) : Uint8Array.from(bytes),
    problems,
  );
  return { text, problems: problems.items.map(formatProblem) };
};

describe('decodeUtf8', () => {
  it('decodes UTF-8, dropping a byte-order mark', () => {
    expect(decode('\uFEFFid,name\nx,Zürich\n')).toEqual({ text: 'id,name\nx,Zürich\n', problems: [] });
  });

  it('refuses invalid UTF-8 (once replaced silently) at the line of the first bad byte', () => {
    const latin1 = [...Buffer.from('id,name\nx,ok\ny,Z'), 0xfc, ...Buffer.from('rich\n')];
    expect(decode(latin1)).toEqual({
      text: undefined,
      problems: ['t.csv:3: not valid UTF-8 (byte 17); save the file as UTF-8'],
    });
  });

  it('tells a replacement character written in the file from a bad byte', () => {
    const bytes = [...Buffer.from('\uFEFFa\uFFFD\n\uFFFDb\n'), 0xc3, 0x28];
    expect(decode(bytes).problems).toEqual([
      `t.csv:3: not valid UTF-8 (byte ${bytes.length - 1}); save the file as UTF-8`,
    ]);
    expect(decode([0x61, 0xe2, 0x82]).problems).toEqual([
      't.csv:1: not valid UTF-8 (byte 2); save the file as UTF-8',
    ]);
  });
});
