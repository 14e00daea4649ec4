import { describe, expect, it } from 'vitest';
import { editedDataset, errorsOf, MINI_DATASET } from '../../test/fixtures/dataset-files.js';

const mini = (edits: Parameters<typeof editedDataset>[1]) => errorsOf(editedDataset(MINI_DATASET, edits));

describe('sizes the LP can handle', () => {
  it('refuses a capacity of 1e200 (HiGHS took it as infinite and answered wrongly)', () => {
    expect(mini({ 'facilities.csv': (t) => t.replace('40000,t REO', '1e200,t REO') })).toEqual([
      'facilities.csv:5: capacity: expected at most 1e9 t (a year) in the canonical unit, got 1e200',
    ]);
  });

  it('checks amounts after unit conversion', () => {
    // 2 Mt in kt is within the limit; 2,000 Mt is not, whatever the number written.
    expect(mini({ 'demand.csv': (t) => t.replace('150,kt magnet', '2000,kt magnet') })).toEqual([]);
    expect(
      mini({
        'demand.csv': (t) => t.replace('150,kt magnet', '2000,Mt magnet'),
        'capacity_steps.csv': (t) => t.replace('10,kt magnet', '1e7,kt magnet'),
        'inventory.csv': (t) => t.replace('100,t REO', '1e10,t REO'),
        'agreements.csv': (t) => t.replace('500,t magnet', '5e9,t magnet'),
      }),
    ).toEqual([
      'capacity_steps.csv:2: capacity: expected at most 1e9 t (a year) in the canonical unit, got 1e10',
      'demand.csv:4: amount: expected at most 1e9 t (a year) in the canonical unit, got 2e9',
      'inventory.csv:2: amount: expected at most 1e9 t (a year) in the canonical unit, got 1e10',
      'agreements.csv:2: volume: expected at most 1e9 t (a year) in the canonical unit, got 5e9',
    ]);
  });

  it('checks costs in USD/kg', () => {
    expect(
      mini({
        'applications.csv': (t) => t.replace('2000000,USD/t', '2e13,USD/t'),
        'transport.csv': (t) => t.replace('CN,US,*,1,USD/kg', 'CN,US,*,1e8,USD/kg'),
        'facilities.csv': (t) => t.replace('1000,t magnet,,1,35', '1000,t magnet,,1,35e6'),
        'processes.yaml': (t) => t.replace('unit_cost: 20', 'unit_cost: 2.0e7'),
      }),
    ).toEqual([
      'processes.yaml:26: unit_cost: expected at most 1e7 USD/kg, got 2e7',
      'facilities.csv:7: unit_cost: expected at most 1e7 USD/kg, got 3.5e7',
      'applications.csv:3: voll: expected at most 1e7 USD/kg, got 2e10',
      'transport.csv:3: cost: expected at most 1e7 USD/kg, got 1e8',
    ]);
  });

  it('refuses recipe amounts a million times off their reference', () => {
    expect(
      mini({
        'processes.yaml': (t) =>
          t.replace('{ material: lace-oxide, amount: 0.76 }', '{ material: lace-oxide, amount: 1e-7 }'),
      }),
    ).toEqual([
      "processes.yaml:16: outputs.1.amount: expected an amount within a factor of 1e6 of the reference material's, got 1e-7 times it",
    ]);
  });
});
