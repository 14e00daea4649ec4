/** Solves a plan LP (or MILP, with integrality) once on HiGHS, and writes it as an LP or MPS file. */
import { highsRuntime, modelArrays } from '../lp/highs-solver.js';
import type { LinearProgram } from '../lp/linear-program.js';

export interface PlanSolution {
  /** optimal, infeasible, `time limit (MIP gap …)` (a MIP's incumbent, usable), or `status N`. */
  readonly status: string;
  readonly objective: number;
  readonly colValue: Float64Array;
  readonly seconds: number;
}

export interface PlanSolveOptions {
  readonly integrality?: Int32Array | undefined;
  /** Seconds. */
  readonly timeLimit?: number | undefined;
  /** Relative MIP gap at which HiGHS stops (default its own, 1e-4). */
  readonly mipGap?: number | undefined;
}

async function createModel(lp: LinearProgram, options: PlanSolveOptions, names: boolean) {
  const highs = await highsRuntime();
  const model = highs.createModel({
    ...modelArrays(highs, lp),
    ...(options.integrality ? { integrality: options.integrality } : {}),
    ...(names ? { colNames: lp.colNames, rowNames: lp.rowNames } : {}),
  });
  model.options.set({ output_flag: false });
  // Dual simplex with Devex edge weights: on the plan LP, one large cold solve, 15–20% faster than
  // HiGHS's default choice with the same optimum (bench/README.md, HiGHS options). MIPs keep the default.
  if (!options.integrality) model.options.set({ simplex_strategy: 1, simplex_dual_edge_weight_strategy: 1 });
  if (options.timeLimit !== undefined) model.options.set('time_limit', options.timeLimit);
  if (options.mipGap !== undefined) model.options.set('mip_rel_gap', options.mipGap);
  return model;
}

/** Solves; `status` says whether it is optimal (colValue is then the solution), infeasible, or else. */
export async function solvePlan(lp: LinearProgram, options: PlanSolveOptions = {}): Promise<PlanSolution> {
  const model = await createModel(lp, options, false);
  try {
    const t0 = performance.now();
    model.run();
    const seconds = (performance.now() - t0) / 1000;
    const code = model.getModelStatus() as number;
    // A MIP stopped by the time limit with a feasible incumbent (primal status 2) is usable: say so.
    const incumbent =
      code === 13 &&
      options.integrality !== undefined &&
      Number(model.info.get('primal_solution_status')) === 2;
    const status =
      code === 7
        ? 'optimal'
        : code === 8
          ? 'infeasible'
          : incumbent
            ? `time limit (MIP gap ${Number(model.info.get('mip_gap')).toExponential(2)})`
            : `status ${code}`;
    if (code !== 7 && !incumbent)
      return { status, objective: Number.NaN, colValue: new Float64Array(lp.numCols), seconds };
    return { status, objective: model.getObjectiveValue(), colValue: model.getSolution().colValue, seconds };
  } finally {
    model.dispose();
  }
}

/** The LP (with integer columns, if any) as CPLEX LP text or MPS bytes. */
export async function exportPlan(
  lp: LinearProgram,
  integrality: Int32Array | undefined,
  format: 'lp' | 'mps',
): Promise<string> {
  const model = await createModel(lp, { integrality }, true);
  try {
    return format === 'lp' ? model.exportModel('lp') : new TextDecoder().decode(model.exportModel('mps'));
  } finally {
    model.dispose();
  }
}
