import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, editedDataset, errorsOf } from '../../test/fixtures/dataset-files.js';
import { formatProblem, ProblemList } from './problems.js';
import { isPlaceholder } from './raw-record.js';
import { MAX_CSV_ERRORS, readCsv } from './read-csv.js';

const read = (text: string) => {
  const problems = new ProblemList();
  const records = readCsv('t.csv', text, problems);
  return {
    rows: records?.map((r) =>
      isPlaceholder(r) ? `skipped ${r.line} (id ${r.value.id})` : `${r.line}: ${r.value.id}`,
    ),
    problems: problems.items.map(formatProblem),
  };
};

describe('readCsv', () => {
  it('numbers records by the line they start on, past comments, blank and multi-line rows', () => {
    expect(read('# note\nid,name\n\na,"two\nlines"\n# more\nb,x\n')).toEqual({
      rows: ['4: a', '7: b'],
      problems: [],
    });
  });

  it('skips a row whose quote never closes, and reads on', () => {
    expect(read('id,name,x\nr1,ok,1\nr2,"unclosed,2\nr3,"fine",3\nr4,x,4\n')).toEqual({
      rows: ['2: r1', 'skipped 3 (id r2)', '4: r3', '5: r4'],
      problems: [
        't.csv:3: not valid CSV: a quoted field does not close where it should (a quote inside quotes is written twice: ""); row skipped',
      ],
    });
  });

  it('skips rows with a stray quote or the wrong number of cells', () => {
    expect(read('id,name\na,b"c\nb,x\nc,1,2\nd,y\n"e,z\n')).toEqual({
      rows: ['skipped 2 (id a)', '3: b', 'skipped 4 (id c)', '5: d', 'skipped 6 (id undefined)'],
      problems: [
        't.csv:2: not valid CSV: a quote inside a field (quote the whole field and write the quote twice: "a ""b"" c"); row skipped',
        't.csv:4: not valid CSV: Invalid Record Length: columns length is 2, got 3; row skipped',
        't.csv:6: not valid CSV: a quoted field does not close where it should (a quote inside quotes is written twice: ""); row skipped',
      ],
    });
  });

  it('gives up on a file that is mostly broken', () => {
    const text = `id,name\n${Array.from({ length: 50 }, (_, i) => `r${i},"x`).join('\n')}\n`;
    const { rows, problems } = read(text);
    expect(problems).toHaveLength(MAX_CSV_ERRORS + 1);
    expect(problems.at(-1)).toBe(
      `t.csv:${MAX_CSV_ERRORS + 1}: ${MAX_CSV_ERRORS} malformed rows; the rest is not read`,
    );
    expect(rows?.at(-1)).toBe('skipped undefined (id *)');
  });

  it('reports a broken header and reads nothing', () => {
    expect(read('# c\nid,"name\na,b\n')).toEqual({
      rows: undefined,
      problems: [
        't.csv:3: not valid CSV: a quoted field does not close where it should (a quote inside quotes is written twice: "")',
      ],
    });
  });
});

describe('one unclosed quote in the default facilities.csv', () => {
  it('costs one problem at its line, not one for every record naming the facilities after it', () => {
    const input = editedDataset(DEFAULT_DATASET, {
      'facilities.csv': (t) => {
        const lines = t.split('\n');
        lines[19] = lines[19]!.replace(/^([^,]*),/, '$1,"'); // opens a quote in line 20's name
        return lines.join('\n');
      },
    });
    // Before: 89 problems, 88 of them "unknown facility" in other tables.
    expect(errorsOf(input)).toEqual([
      'facilities.csv:20: not valid CSV: a quoted field does not close where it should (a quote inside quotes is written twice: ""); row skipped',
    ]);
  });

  it('still names references to ids that no file declares', () => {
    const input = editedDataset(DEFAULT_DATASET, {
      'facilities.csv': (t) => t.replace(/\nlynas-mt-weld,/, '\nlynas-mt-weld,"'),
      'capacity_steps.csv': (t) => t.replace(/\nlynas-mt-weld,/, '\nno-such-plant,'),
    });
    const errors = errorsOf(input);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^facilities\.csv:\d+: not valid CSV: a quoted field/);
    expect(errors[1]).toMatch(/^capacity_steps\.csv:\d+: facility: unknown facility "no-such-plant"/);
  });
});
