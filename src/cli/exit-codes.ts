/** Exit codes: 0 ok, 1 the model or solver failed, 2 the input was bad. */
import { formatProblem, InputError } from '../dataset/problems.js';
import { SolveError } from '../lp/highs-solver.js';
import { CheckError } from '../results/check-balance.js';

export const EXIT = { ok: 0, modelFailure: 1, badInput: 2 } as const;

/** Prints an error the way a user should see it (never a stack trace, unless LODESTONE_DEBUG is set) and returns its exit code. */
export function reportError(e: unknown, write: (s: string) => void): number {
  if (process.env.LODESTONE_DEBUG && e instanceof Error) write(`${e.stack}\n`);
  if (e instanceof InputError) {
    const errors = e.problems.filter((p) => p.severity === 'error');
    write(`error: ${errors.length} problem(s) in the input:\n`);
    for (const p of errors) write(`  ${formatProblem(p)}\n`);
    return EXIT.badInput;
  }
  if (e instanceof SolveError || e instanceof CheckError) {
    write(`error: ${e.message}\n`);
    return EXIT.modelFailure;
  }
  write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT.modelFailure;
}
