import { describe, expect, it } from 'vitest';
import { InputError, type Problem } from '../dataset/problems.js';
import type { Column } from './columns.js';
import { parseTable, readTable } from './read.js';
import { type RowOf, TABLES, type TableName } from './tables.js';
import { tableCsv } from './write.js';

/** Two rows of any table: a value of each column's kind, different per row (and six decimals at most). */
function sampleRows(name: TableName): Record<string, unknown>[] {
  const value = (column: string, kind: Column, i: number) => {
    if (typeof kind === 'object') return kind.oneOf[i % kind.oneOf.length];
    if (kind === 'number') return i === 0 ? -1234.5 : 0.000001;
    if (kind === 'integer') return i + 1;
    if (kind === 'boolean') return i === 0;
    return i === 0 ? `${column}, "quoted"` : '2030';
  };
  return [0, 1].map((i) =>
    Object.fromEntries(Object.entries(TABLES[name].columns).map(([c, k]) => [c, value(c, k, i)])),
  );
}

describe('run-folder tables', () => {
  it.each(Object.keys(TABLES) as TableName[])('reads back the rows it writes: %s', (name) => {
    const rows = sampleRows(name) as RowOf<typeof name>[];
    expect(readTable(name, tableCsv(name, rows), `${name}.csv`)).toEqual(rows);
  });

  it('writes the columns in spec order, numbers to six decimals, -0 as 0', () => {
    const csv = tableCsv('policies', [
      { period: '2030', policy: 'floor', metric: 'payments', value: 29.9999999999, unit: 'million USD' },
      { period: '2031', policy: 'floor', metric: 'payments', value: -1e-9, unit: 'million USD' },
    ]);
    expect(csv).toBe(
      'period,policy,metric,value,unit\n2030,floor,payments,30,million USD\n2031,floor,payments,0,million USD\n',
    );
  });

  it('types each cell by its column: numbers, whole numbers, booleans, words', () => {
    const [b] = readTable(
      'benchmarks',
      'period,benchmark,value,target,met,unit\n2030,x,0.25,0.4,false,share\n',
      'b.csv',
    );
    expect(b).toEqual({
      period: '2030',
      benchmark: 'x',
      value: 0.25,
      target: 0.4,
      met: false,
      unit: 'share',
    });
    const [k] = readTable(
      'bottlenecks',
      'period,kind,rank,item,region,stage,value,unit\n2030,capacity,3,f,,,12.5,USD/kg\n',
      'k.csv',
    );
    expect(k).toEqual({
      period: '2030',
      kind: 'capacity',
      rank: 3,
      item: 'f',
      region: '',
      stage: '',
      value: 12.5,
      unit: 'USD/kg',
    });
  });

  it('names file, line and column of every bad cell, and leaves those rows out', () => {
    const text = ['period,policy,metric,value,unit', '2030,a,m,1,t', '2031,a,m,abc,t', '2032,a,m,,t'].join(
      '\n',
    );
    const problems: Problem[] = [];
    const rows = parseTable('policies', text, 'runs/x/policies.csv', problems);
    expect(rows.map((r) => r.period)).toEqual(['2030']);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'runs/x/policies.csv',
        line: 3,
        field: 'value',
        message: 'expected a number, got "abc"',
      },
      {
        severity: 'error',
        file: 'runs/x/policies.csv',
        line: 4,
        field: 'value',
        message: 'expected a number, got ""',
      },
    ]);
  });

  it('checks whole numbers, booleans and words', () => {
    const problems: Problem[] = [];
    parseTable(
      'bottlenecks',
      'period,kind,rank,item,region,stage,value,unit\n2030,capacity,1.5,f,,,1,USD/kg\n',
      'k.csv',
      problems,
    );
    parseTable(
      'benchmarks',
      'period,benchmark,value,target,met,unit\n2030,x,1,1,yes,share\n',
      'b.csv',
      problems,
    );
    parseTable(
      'trace',
      `period,region,application,stage,tag,country,share,amount,total,unit\n2030,US,ev,mining,red,CN,1,1,1,t\n`,
      't.csv',
      problems,
    );
    expect(problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`)).toEqual([
      'k.csv:2 rank: expected a whole number, got "1.5"',
      'b.csv:2 met: expected true or false, got "yes"',
      't.csv:2 tag: expected one of free, cn, all, short, got "red"',
    ]);
  });

  it('throws an InputError naming a missing column, and a broken line', () => {
    const missing = () =>
      readTable('demand', 'period,region,application,material,demand,unit\n', 'demand.csv');
    expect(missing).toThrow(InputError);
    expect(missing).toThrow(/demand\.csv:1: missing column\(s\) served_free, served_cn, short/);
    const problems: Problem[] = [];
    parseTable('policies', 'period,policy,metric,value,unit\n2030,a,m,1\n', 'p.csv', problems);
    expect(problems[0]).toMatchObject({ file: 'p.csv', line: 2 });
    expect(problems[0]!.message).toMatch(/not a readable CSV table: Invalid Record Length/);
  });

  it('reads folders written before a column was renamed or added', () => {
    const [c] = readTable(
      'concentration',
      'period,stage,output,china_share,top1_country,top1_share,top3_share,hhi,unit\n2030,mining,10,0.7,CN,0.6,0.9,5000,t\n',
      'c.csv',
    );
    expect(c!.taint_share).toBe(0.7);
    const [s] = readTable(
      'self_sufficiency',
      'period,bloc,stage,supply,demand,ratio,unit\n2030,US,chain,1,2,0.5,t\n',
      's.csv',
    );
    expect(s).toEqual({
      period: '2030',
      bloc: 'US',
      stage: 'chain',
      measure: '',
      supply: 1,
      demand: 2,
      ratio: 0.5,
      unit: 't',
    });
  });

  it('ignores columns it does not know', () => {
    const [p] = readTable('policies', 'period,policy,metric,value,unit,extra\n2030,a,m,1,t,z\n', 'p.csv');
    expect(p).toEqual({ period: '2030', policy: 'a', metric: 'm', value: 1, unit: 't' });
  });
});
