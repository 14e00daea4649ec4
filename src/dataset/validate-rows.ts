import type { z } from 'zod';
import type { ProblemList } from './problems.js';
import { isPlaceholder } from './raw-record.js';
import type { RawTable } from './read-table.js';

export interface Located<T> {
  readonly row: T;
  readonly file: string;
  readonly line: number | undefined;
  /** Line of a field inside the record (YAML), else the record's line. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** The line of a (dotted) field of a record, such as `inputs.0.material`. */
export const fieldLine = (r: Located<unknown>, field: string): number | undefined =>
  r.lineOf(field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)));

/** Checks every record of a table against its schema; returns the valid ones with their location. */
export function validateRows<S extends z.ZodType>(
  table: RawTable,
  schema: S,
  problems: ProblemList,
): Located<z.infer<S>>[] {
  const valid: Located<z.infer<S>>[] = [];
  table.records.forEach((record, i) => {
    const file = record.file ?? table.file;
    if (isPlaceholder(record)) return; // its problem is already reported
    const parsed = schema.safeParse(record.value);
    if (parsed.success) {
      valid.push({ row: parsed.data, file, line: record.line, lineOf: record.lineOf });
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || undefined;
      const line = record.lineOf(issue.path) ?? (record.line === undefined ? undefined : record.line);
      const label = record.line === undefined ? `item ${i + 1}: ` : '';
      const missing = valueAt(record.value, issue.path) === undefined && issue.code !== 'unrecognized_keys';
      problems.error(file, line, field, `${label}${missing ? 'missing; ' : ''}${describeIssue(issue)}`);
    }
  });
  return valid;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path)
    v = v === null || typeof v !== 'object' ? undefined : (v as Record<PropertyKey, unknown>)[k];
  return v;
}
