/**
 * `mc --precision`: draws in rounds until every tracked probability (each bloc's self-sufficiency by
 * each period) has a 95% Wilson half-width at most the precision, or the draw cap is reached. Each
 * round adds whole blocks of draws (an LHS block stays stratified; Sobol points come in 2^k) and
 * aims at the count the worst probability so far needs, at most 4× the draws so far, so a noisy
 * early estimate cannot overshoot far. Draws keep their indices, so the result equals a plain run
 * of the final count (with the same blocks).
 */
import { type MonteCarloOptions, type MonteCarloResult, runMonteCarlo } from './monte-carlo.js';
import { selfSufficiencyProbability, wilsonHalfWidth, Z95 } from './summarise.js';

export interface PrecisionOptions extends MonteCarloOptions {
  /** Target half-width of every tracked probability's 95% interval, in (0, 0.5). */
  readonly precision: number;
  /** The scenario's period labels (the probabilities are per period). */
  readonly periods: readonly string[];
  /** Draws a round adds at least, and the multiple every count is rounded up to (64). */
  readonly block?: number;
}

export interface PrecisionResult extends MonteCarloResult {
  /** The widest 95% half-width of the tracked probabilities at the end (0 when none is tracked). */
  readonly halfWidth: number;
  readonly reached: boolean;
}

/** Draw counts a round aims at: enough for the worst probability so far, in whole blocks. */
export function nextTarget(
  done: number,
  probabilities: readonly number[],
  precision: number,
  block: number,
  cap: number,
): number {
  const need = Math.max(
    0,
    ...probabilities.map((p) => (Z95 * Z95 * Math.max(p * (1 - p), precision)) / (precision * precision)),
  );
  const aim = Math.min(Math.max(need, done + block), 4 * Math.max(done, block));
  return Math.min(cap, Math.ceil(aim / block) * block);
}

export async function runToPrecision(o: PrecisionOptions): Promise<PrecisionResult> {
  const block = o.block ?? 64;
  let finished = o.finished ?? [];
  let target = Math.min(o.draws, Math.ceil(Math.max(block, finished.length) / block) * block);
  let seconds = 0;
  for (;;) {
    const run = await runMonteCarlo({ ...o, draws: target, finished });
    seconds += run.seconds;
    finished = run.draws;
    const rows = selfSufficiencyProbability(run.draws, o.periods);
    const n = run.draws.length;
    const halfWidth = Math.max(0, ...rows.map((r) => wilsonHalfWidth(Math.round(r.probability * n), n)));
    const reached = halfWidth <= o.precision;
    if (run.partial || reached || target >= o.draws)
      return { ...run, seconds, halfWidth, reached: reached && !run.partial };
    target = nextTarget(
      target,
      rows.map((r) => r.probability),
      o.precision,
      block,
      o.draws,
    );
  }
}
