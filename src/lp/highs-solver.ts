/**
 * The HiGHS adapter: one persistent model per network, whose row bounds and costs change from
 * period to period and which re-solves warm from the previous basis.
 */
import highsPackage, { type Basis, type Highs, type IndexSelection } from 'highs';
import type { LinearProgram } from './linear-program.js';

export type { Basis };

type HighsModule = Highs;
type HighsModel = ReturnType<HighsModule['createModel']>;

// highs ships CommonJS types for an ES module build: take the loader from whichever shape arrives.
const loadHighs = ((highsPackage as unknown as { default?: unknown }).default ??
  highsPackage) as () => Promise<Highs>;

let runtime: Promise<HighsModule> | undefined;
/** Loads the HiGHS WebAssembly runtime once per thread. */
export function highsRuntime(): Promise<HighsModule> {
  runtime ??= loadHighs();
  return runtime;
}

export interface SolveOptions {
  /** Seconds per solve. */
  readonly timeLimit?: number | undefined;
  readonly method?: 'choose' | 'simplex' | 'ipm' | undefined;
}

export interface LpSolution {
  readonly status: string;
  readonly objective: number;
  readonly colValue: Float64Array;
  readonly rowValue: Float64Array;
  /** ∂objective/∂(row bound) for each row. */
  readonly rowDual: Float64Array;
  readonly iterations: number;
  readonly seconds: number;
}

/** A period the solver could not solve; names the conflicting constraints when HiGHS finds them. */
export class SolveError extends Error {
  constructor(
    readonly status: string,
    readonly conflict: readonly string[],
    context: string,
  ) {
    const why = conflict.length > 0 ? `; conflicting constraints: ${conflict.join(', ')}` : '';
    super(`${context}: solver status "${status}"${why}`);
    this.name = 'SolveError';
  }
}

const STATUS_NAMES: Record<number, string> = {
  0: 'not set',
  1: 'load error',
  2: 'model error',
  3: 'presolve error',
  4: 'solve error',
  5: 'postsolve error',
  6: 'empty',
  7: 'optimal',
  8: 'infeasible',
  9: 'unbounded or infeasible',
  10: 'unbounded',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
};

export class PersistentLp {
  private readonly model: HighsModel;
  private readonly lp: LinearProgram;
  /** What the model holds now, so each period sends HiGHS only the numbers that changed. */
  private readonly held: {
    rowLower: Float64Array;
    rowUpper: Float64Array;
    colLower: Float64Array;
    colUpper: Float64Array;
    colCost: Float64Array;
  };
  /** The changing matrix entries as the model holds them (see setCoefficients). */
  private heldCoefficients: Float64Array | undefined;
  private named = false;
  /** Whether the next solve starts from the last basis. */
  private warm = false;
  private presolving = true;

  private constructor(
    private readonly highs: HighsModule,
    lp: LinearProgram,
    options: SolveOptions,
  ) {
    this.lp = lp;
    this.held = {
      rowLower: lp.rowLower.slice(),
      rowUpper: lp.rowUpper.slice(),
      colLower: lp.colLower.slice(),
      colUpper: lp.colUpper.slice(),
      colCost: lp.colCost.slice(),
    };
    // No names: HiGHS would copy and check them on every run; export() adds them when asked.
    this.model = highs.createModel(modelArrays(highs, lp));
    this.model.options.set({
      output_flag: false,
      primal_feasibility_tolerance: 1e-9,
      dual_feasibility_tolerance: 1e-9,
    });
    if (options.timeLimit !== undefined) this.model.options.set('time_limit', options.timeLimit);
    if (options.method && options.method !== 'choose') this.model.options.set('solver', options.method);
  }

  static async create(lp: LinearProgram, options: SolveOptions = {}): Promise<PersistentLp> {
    return new PersistentLp(await highsRuntime(), lp, options);
  }

  setRowBounds(lower: Float64Array, upper: Float64Array): void {
    const changed = changes(lower, upper, this.held.rowLower, this.held.rowUpper);
    if (changed)
      this.model.changeRowsBounds(changed.selection, this.send(changed.lower), this.send(changed.upper));
  }

  setColBounds(lower: Float64Array, upper: Float64Array): void {
    const changed = changes(lower, upper, this.held.colLower, this.held.colUpper);
    if (changed)
      this.model.changeColsBounds(changed.selection, this.send(changed.lower), this.send(changed.upper));
  }

  /** Sets matrix coefficients (the entries a structure changes per period) where they differ from what is held. */
  setCoefficients(
    entries: readonly { readonly row: number; readonly col: number }[],
    values: Float64Array,
  ): void {
    if (this.heldCoefficients?.length !== entries.length)
      this.heldCoefficients = Float64Array.from(entries, (e) => this.builtCoefficient(e.row, e.col));
    const held = this.heldCoefficients;
    entries.forEach((e, k) => {
      if (Object.is(values[k], held[k])) return;
      this.model.changeCoefficient(e.row, e.col, values[k]!);
      held[k] = values[k]!;
    });
  }

  /** The coefficient the model was built with (0 if the entry is absent). */
  private builtCoefficient(row: number, col: number): number {
    const { starts, indices, values } = this.lp;
    for (let k = starts[col]!; k < starts[col + 1]!; k++) if (indices[k] === row) return values[k]!;
    return 0;
  }

  setCosts(cost: Float64Array): void {
    const changed = changes(cost, cost, this.held.colCost, this.held.colCost);
    if (changed) this.model.changeColsCost(changed.selection, changed.lower);
  }

  /** Values in the form HiGHS takes (its own infinity, which in highs-js is Infinity itself). */
  private send(values: Float64Array): Float64Array {
    return this.highs.infinity === Number.POSITIVE_INFINITY
      ? values
      : values.map(finite(this.highs.infinity));
  }

  /** Solves (warm, from the last basis, after the first call); throws SolveError unless optimal. */
  solve(context: string): LpSolution {
    const t0 = performance.now();
    this.presolve(!this.warm);
    let code: number;
    try {
      this.model.run();
      code = this.model.getModelStatus() as number;
    } catch (e) {
      // A start basis HiGHS cannot use (its matrix changed under it) fails the run: retry cold below.
      if (!this.warm) throw e;
      code = -1;
    }
    if (this.warm && code !== 7 && code !== 13 && code !== 14) {
      // A warm start can end short of optimal on numerical trouble (status "unknown" with residuals
      // just above tolerance, seen in Monte Carlo draws) where a cold solve succeeds: retry cold.
      this.model.clearSolver();
      this.presolve(true);
      this.model.run();
      code = this.model.getModelStatus() as number;
    }
    this.warm = true;
    const seconds = (performance.now() - t0) / 1000;
    const status = STATUS_NAMES[code] ?? `status ${code}`;
    if (code !== 7) throw new SolveError(status, code === 8 ? this.conflict() : [], context);
    const s = this.model.getSolution();
    return {
      status,
      objective: this.model.getObjectiveValue(),
      colValue: s.colValue,
      rowValue: s.rowValue,
      rowDual: s.rowDual,
      iterations: Number(this.model.info.get('simplex_iteration_count')),
      seconds,
    };
  }

  /**
   * Presolve for cold solves only: from a basis HiGHS solves the LP itself, and leaving presolve on
   * still costs ~0.4 ms a run (a third of a typical warm re-solve).
   */
  private presolve(on: boolean): void {
    if (on === this.presolving) return;
    this.model.options.set('presolve', on ? 'choose' : 'off');
    this.presolving = on;
  }

  /** The model as it stands (with the current bounds), for other solvers to check. */
  export(format: 'lp' | 'mps'): string {
    if (!this.named) {
      // Names only for files: set once, when first asked for.
      const { colNames, rowNames } = this.lp;
      for (let j = 0; j < colNames.length; j++) this.model.passColName(j, colNames[j]!);
      for (let i = 0; i < rowNames.length; i++) this.model.passRowName(i, rowNames[i]!);
      this.named = true;
    }
    return format === 'lp'
      ? this.model.exportModel('lp')
      : new TextDecoder().decode(this.model.exportModel('mps'));
  }

  /** The basis the last solve ended with. */
  basis(): Basis {
    return this.model.getBasis();
  }

  /** The next solve starts from this basis (one from a model of the same structure). */
  startFrom(basis: Basis): void {
    this.model.setBasis(basis);
    this.warm = true;
  }

  /** Forgets the last basis, so the next solve starts cold: a reused model then solves as a fresh one would. */
  reset(): void {
    this.model.clearSolver();
    this.warm = false;
  }

  dispose(): void {
    this.model.dispose();
  }

  private conflict(): string[] {
    try {
      // The default (light) strategy only checks bounds; 6 = from the LP, made irreducible.
      this.model.options.set('iis_strategy', 6);
      const iis = this.model.getIis();
      return [...iis.rowIndex].map((r) => this.lp.rowNames[r] ?? `row ${r}`);
    } catch {
      return [];
    }
  }
}

/**
 * The entries where (lower, upper) differ from what is held (as Object.is: -0 and 0 differ), which
 * it then updates: all as a range when most changed, else as a set of indices; undefined if none.
 */
function changes(
  lower: Float64Array,
  upper: Float64Array,
  heldLower: Float64Array,
  heldUpper: Float64Array,
): { selection: IndexSelection; lower: Float64Array; upper: Float64Array } | undefined {
  const n = lower.length;
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Object.is(lower[i], heldLower[i]) || !Object.is(upper[i], heldUpper[i])) indices.push(i);
  }
  if (indices.length === 0) return undefined;
  heldLower.set(lower);
  heldUpper.set(upper);
  if (2 * indices.length > n) return { selection: { kind: 'range', from: 0, to: n - 1 }, lower, upper };
  return {
    selection: { kind: 'set', indices: Int32Array.from(indices) },
    lower: Float64Array.from(indices, (i) => lower[i]!),
    upper: Float64Array.from(indices, (i) => upper[i]!),
  };
}

/** HiGHS wants its own infinity value for missing bounds. */
const finite = (inf: number) => (x: number) =>
  x === Number.POSITIVE_INFINITY ? inf : x === Number.NEGATIVE_INFINITY ? -inf : x;

/** A LinearProgram as the arrays HiGHS's createModel takes: CSC matrix, bounds with HiGHS's infinity. */
export function modelArrays(highs: Highs, lp: LinearProgram) {
  const inf = finite(highs.infinity);
  return {
    numCols: lp.numCols,
    numRows: lp.numRows,
    colCost: lp.colCost,
    colLower: lp.colLower.map(inf),
    colUpper: lp.colUpper.map(inf),
    rowLower: lp.rowLower.map(inf),
    rowUpper: lp.rowUpper.map(inf),
    matrix: {
      format: 'csc' as const,
      numRows: lp.numRows,
      numCols: lp.numCols,
      starts: lp.starts,
      indices: lp.indices,
      values: lp.values,
    },
  };
}
