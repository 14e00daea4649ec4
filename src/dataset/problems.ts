/** Problems found in input files, reported all at once as `file:line: field: what was expected`. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line?: number | undefined;
  readonly field?: string | undefined;
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const field = p.field ? ` ${p.field}:` : '';
  return `${where}:${field} ${p.message}`;
}

/** Thrown when input is invalid; carries every problem found. The CLI maps it to exit code 2. */
export class InputError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`${errors.length} problem(s) in the input:\n${errors.map(formatProblem).join('\n')}`);
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** Collects problems while a loader walks its input. */
export class ProblemList {
  readonly items: Problem[] = [];
  error(file: string, line: number | undefined, field: string | undefined, message: string): void {
    this.items.push({ severity: 'error', file, line, field, message });
  }
  warn(file: string, line: number | undefined, field: string | undefined, message: string): void {
    this.items.push({ severity: 'warning', file, line, field, message });
  }
  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }
  throwIfErrors(): void {
    if (this.hasErrors) throw new InputError(this.items);
  }
}
