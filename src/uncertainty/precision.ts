/**
 * `mc --precision`: draws in rounds until every tracked probability (each bloc's self-sufficiency by
 * each period) has a 95% Wilson half-width at most the precision, or the draw cap is reached. Each
 * round adds whole blocks of draws (an LHS block stays stratified; Sobol points come in 2^k) and
 * aims at the count the worst probability so far needs, at most 4× the draws so far, so a noisy
 * early estimate cannot overshoot far. Draws keep their indices, so the result equals a plain run
 * of the final count (with the same blocks).
 */
import { type MonteCarloOptions, type MonteCarloResult, runMonteCarlo } from './monte-carlo.js';
import { selfSufficiencyProbability, wilsonHalfWidth } from './summarise.js';

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

/**
 * Draw counts a round aims at: enough for the worst probability so far, in whole blocks. A
 * probability p needs the draws at which the Wilson half-width of p·n successes in n falls to the
 * precision: ~z²·p(1−p)/precision² in the middle, and z²/(2·precision) − z² at 0 or 1, where the
 * normal approximation's p(1−p) would say none (so 189 draws for ±0.01, not the 384 a floor of
 * p(1−p) at the precision asked for).
 */
export function nextTarget(
  done: number,
  probabilities: readonly number[],
  precision: number,
  block: number,
  cap: number,
): number {
  const need = Math.max(0, ...probabilities.map((p) => drawsFor(p, precision)));
  const aim = Math.min(Math.max(need, done + block), 4 * Math.max(done, block));
  return Math.min(cap, Math.ceil(aim / block) * block);
}

/** The fewest draws n at which p·n successes of n have a 95% Wilson half-width at most `precision`. */
export function drawsFor(p: number, precision: number): number {
  const within = (n: number) => wilsonHalfWidth(p * n, n) <= precision;
  // The half-width shrinks as n grows: double up to a count that is within, then bisect.
  let high = 1;
  while (!within(high)) high *= 2;
  let low = high >> 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (within(mid)) high = mid;
    else low = mid;
  }
  return high;
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
