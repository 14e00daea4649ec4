import { describe, expect, it } from 'vitest';
import { InputError } from '../../dataset/problems.js';
import { parseCsvTable } from './results.js';

describe('parseCsvTable', () => {
  it('types each cell by the table spec: labels stay text, numbers and booleans are typed', () => {
    const t = parseCsvTable(
      'benchmarks',
      'period,benchmark,value,target,met,unit\n2030,recycling,0.25,0.15,true,share\n',
    );
    expect(t).toEqual({
      name: 'benchmarks',
      columns: ['period', 'benchmark', 'value', 'target', 'met', 'unit'],
      rows: [['2030', 'recycling', 0.25, 0.15, true, 'share']],
    });
  });

  it('keeps a table it has no spec for as text', () => {
    expect(parseCsvTable('notes', 'a,b\n1,x\n').rows).toEqual([['1', 'x']]);
  });

  it('names the stored file, line and column of a bad cell', () => {
    const bad = () =>
      parseCsvTable('policies', 'period,policy,metric,value,unit\n2030,a,m,lots,t\n', 'runs/r1/policies.csv');
    expect(bad).toThrow(InputError);
    expect(bad).toThrow('runs/r1/policies.csv:2: value: expected a number, got "lots"');
  });
});
