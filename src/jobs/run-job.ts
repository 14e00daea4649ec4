/** Job kind `run`: the scenario's run, its analyses, and the run folder's files. */
import { type Analysis, analyse } from '../analysis/analyse.js';
import type { RunResult } from '../results/types.js';
import { runFiles } from '../results/write-run.js';
import type { RunInputs } from '../scenario/inputs.js';
import { simulate } from '../simulate/simulate.js';
import { type JobContext, type JobFiles, type JobKind, once } from './job.js';

export interface RunJobSpec {
  readonly kind: 'run';
  readonly inputs: RunInputs;
  /** Run the analyses and write their tables (default true; the CLI's --no-analysis). */
  readonly analysis?: boolean | undefined;
  /** Write each period's LP to this folder before solving it (the CLI's --export-lp). */
  readonly exportLp?: { readonly dir: string; readonly format: 'lp' | 'mps' } | undefined;
}

export interface ScenarioRun {
  readonly run: RunResult;
  readonly analysis?: Analysis | undefined;
}

export type RunJobResult = JobFiles & ScenarioRun;

/**
 * Solves the scenario period by period, then analyses it. `after` counts the steps of the job that
 * follow (a Monte Carlo's draws), so that the events place the run within the whole job.
 */
export async function scenarioRun(
  ctx: JobContext,
  o: { readonly analysis: boolean; readonly exportLp?: RunJobSpec['exportLp']; readonly after: number },
): Promise<ScenarioRun> {
  const { loaded, dataset } = ctx.prepared;
  const rest = (o.analysis ? 1 : 0) + o.after;
  const run = await simulate(dataset, loaded.scenario, {
    scenarioFile: loaded.file,
    exportLp: o.exportLp,
    onPeriod: (r, index, periods) => {
      const label = r.period.label;
      ctx.emit({ type: 'period', index, periods, done: index + 1, total: periods + rest, label });
      ctx.checkpoint();
    },
  });
  if (!o.analysis) return { run };
  const solved = run.periods.length;
  ctx.emit({ type: 'analysis', done: solved, total: solved + rest, label: 'analysis' });
  const analysis = await analyse(run, dataset, loaded.scenario);
  ctx.checkpoint();
  return { run, analysis };
}

export const runKind: JobKind<RunJobSpec, RunJobResult> = {
  async run(spec, ctx) {
    const done = await scenarioRun(ctx, {
      analysis: spec.analysis ?? true,
      exportLp: spec.exportLp,
      after: 0,
    });
    const files = once(() => runFiles(done.run, ctx.prepared.dataset, done.analysis));
    return { files, partial: false, ...done };
  },
};
