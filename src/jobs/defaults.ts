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
  /** Draws a plan with a probability is fitted on (and, by default, checked on). */
  draws: 64,
  /** Draws stacked into the plan LP at most: each adds a copy of the horizon's LP. */
  maxStacked: 8,
} as const;

/** Draws a plan may be fitted or checked on at most: each is a re-run of the whole horizon. */
export const MAX_PLAN_DRAWS = 10_000;
