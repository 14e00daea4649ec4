/**
 * The HiGHS adapter: one persistent model per network, whose row bounds and costs change from
 * period to period and which re-solves warm from the previous basis.
 */
import highsPackage, { type Highs } from 'highs';
import type { LinearProgram } from './linear-program.js';

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
};

export class PersistentLp {
  private readonly model: HighsModel;
  private readonly rowNames: readonly string[];

  private constructor(
    private readonly highs: HighsModule,
    lp: LinearProgram,
    options: SolveOptions,
  ) {
    this.rowNames = lp.rowNames;
    this.model = highs.createModel({
      numCols: lp.numCols,
      numRows: lp.numRows,
      colCost: lp.colCost,
      colLower: lp.colLower,
      colUpper: lp.colUpper,
      rowLower: lp.rowLower.map(finite(highs.infinity)),
      rowUpper: lp.rowUpper.map(finite(highs.infinity)),
      matrix: {
        format: 'csc',
        numRows: lp.numRows,
        numCols: lp.numCols,
        starts: lp.starts,
        indices: lp.indices,
        values: lp.values,
      },
      colNames: [...lp.colNames],
      rowNames: [...lp.rowNames],
    });
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
    const inf = finite(this.highs.infinity);
    const n = lower.length;
    if (n === 0) return;
    this.model.changeRowsBounds({ kind: 'range', from: 0, to: n - 1 }, lower.map(inf), upper.map(inf));
  }

  setColBounds(lower: Float64Array, upper: Float64Array): void {
    const inf = finite(this.highs.infinity);
    if (lower.length === 0) return;
    this.model.changeColsBounds(
      { kind: 'range', from: 0, to: lower.length - 1 },
      lower.map(inf),
      upper.map(inf),
    );
  }

  setCosts(cost: Float64Array): void {
    if (cost.length === 0) return;
    this.model.changeColsCost({ kind: 'range', from: 0, to: cost.length - 1 }, cost);
  }

  /** Solves (warm, from the last basis, after the first call); throws SolveError unless optimal. */
  solve(context: string): LpSolution {
    const t0 = performance.now();
    this.model.run();
    const seconds = (performance.now() - t0) / 1000;
    const code = this.model.getModelStatus() as number;
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

  /** The model as it stands (with the current bounds), for other solvers to check. */
  export(format: 'lp' | 'mps'): string {
    return format === 'lp'
      ? this.model.exportModel('lp')
      : new TextDecoder().decode(this.model.exportModel('mps'));
  }

  /** Forgets the last basis, so the next solve starts cold: a reused model then solves as a fresh one would. */
  reset(): void {
    this.model.clearSolver();
  }

  dispose(): void {
    this.model.dispose();
  }

  private conflict(): string[] {
    try {
      // The default (light) strategy only checks bounds; 6 = from the LP, made irreducible.
      this.model.options.set('iis_strategy', 6);
      const iis = this.model.getIis();
      return [...iis.rowIndex].map((r) => this.rowNames[r] ?? `row ${r}`);
    } catch {
      return [];
    }
  }
}

/** HiGHS wants its own infinity value for missing bounds. */
const finite = (inf: number) => (x: number) =>
  x === Number.POSITIVE_INFINITY ? inf : x === Number.NEGATIVE_INFINITY ? -inf : x;
