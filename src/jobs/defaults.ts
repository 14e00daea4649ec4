/** The defaults of a job's options, one definition for the CLI and the workbench. */
import { availableParallelism } from 'node:os';

export const MC_DEFAULTS = {
  /** The same seed gives the same draws on any number of workers. */
  seed: 1,
  /** The workbench's default; the CLI asks for --draws. */
  draws: 100,
} as const;

/** Monte Carlo worker threads: the cores available (jobs run one at a time, so they get them all). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The planner's defaults (`lodestone plan`, the workbench's plan jobs). */
export const PLAN_DEFAULTS = {
  bloc: 'US',
  target: 1,
  by: 2030,
  scope: 'node',
  discountRate: 0.07,
} as const;
