import { describe, expect, it } from 'vitest';
import { PersistentLp, SolveError } from './highs-solver.js';
import { LpBuilder, uniqueLpNames } from './linear-program.js';

/** min x1 + 2·x2 s.t. x1 + x2 = 10 (demand), x1 ≤ 6 (capacity): x1 = 6, x2 = 4, cost 14. */
function twoSuppliers() {
  const b = new LpBuilder();
  const demand = b.addRow('demand', 10, 10);
  const cap = b.addRow('cap', Number.NEGATIVE_INFINITY, 6);
  b.addCol('cheap', 1, [
    [demand, 1],
    [cap, 1],
  ]);
  b.addCol('dear', 2, [[demand, 1]]);
  return b.build();
}

describe('PersistentLp', () => {
  it('solves and reads primal values and duals with their economic signs', async () => {
    const lp = await PersistentLp.create(twoSuppliers());
    const s = lp.solve('test');
    expect(s.status).toBe('optimal');
    expect(s.objective).toBeCloseTo(14, 9);
    expect([...s.colValue]).toEqual([6, 4]);
    // One more unit of demand costs the marginal supplier's price; one more unit of capacity saves 1.
    expect(s.rowDual[0]).toBeCloseTo(2, 9);
    expect(s.rowDual[1]).toBeCloseTo(-1, 9);
    lp.dispose();
  });

  it('re-solves after bounds change', async () => {
    const lp = await PersistentLp.create(twoSuppliers());
    lp.solve('first');
    lp.setRowBounds(Float64Array.from([5, Number.NEGATIVE_INFINITY]), Float64Array.from([5, 6]));
    const s = lp.solve('second');
    expect(s.objective).toBeCloseTo(5, 9);
    expect(s.rowDual[0]).toBeCloseTo(1, 9);
    lp.dispose();
  });

  it('re-solves after a matrix coefficient changes, and can remove and restore it', async () => {
    const lp = await PersistentLp.create(twoSuppliers());
    lp.solve('first');
    // The cheap supplier now uses 2 units of capacity per unit: 3 cheap, 7 dear = 17.
    const entry = [{ row: 1, col: 0 }];
    lp.setCoefficients(entry, Float64Array.from([2]));
    expect(lp.solve('second').objective).toBeCloseTo(17, 9);
    // Without the entry capacity binds nothing: all 10 cheap.
    lp.setCoefficients(entry, Float64Array.from([0]));
    expect(lp.solve('third').objective).toBeCloseTo(10, 9);
    lp.setCoefficients(entry, Float64Array.from([1]));
    expect(lp.solve('fourth').objective).toBeCloseTo(14, 9);
    lp.dispose();
  });

  it('reports an infeasible model with its conflicting constraints', async () => {
    const b = new LpBuilder();
    const need = b.addRow('need at least 10', 10, Number.POSITIVE_INFINITY);
    const cap = b.addRow('cap', Number.NEGATIVE_INFINITY, 6);
    b.addRow('unrelated', 0, 1);
    b.addCol('x', 1, [
      [need, 1],
      [cap, 1],
    ]);
    const lp = await PersistentLp.create(b.build());
    let error: unknown;
    try {
      lp.solve('period 2030');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SolveError);
    const e = error as SolveError;
    expect(e.status).toBe('infeasible');
    expect(e.conflict).toEqual(expect.arrayContaining(['need_at_least_10', 'cap']));
    expect(e.conflict).not.toContain('unrelated');
    expect(e.message).toMatch(/^period 2030: solver status "infeasible"; conflicting constraints/);
    lp.dispose();
  });

  it('exports LP and MPS text', async () => {
    const lp = await PersistentLp.create(twoSuppliers());
    expect(lp.export('mps')).toMatch(/ROWS/);
    lp.dispose();
  });
});

describe('uniqueLpNames', () => {
  it('replaces reserved characters and keeps names unique', () => {
    expect(uniqueLpNames(['hub US ndpr-oxide free', 'a-b', 'a_b', '2x'])).toEqual([
      'hub_US_ndpr_oxide_free',
      'a_b',
      'a_b#2',
      '_2x',
    ]);
  });
});
