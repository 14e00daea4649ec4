/**
 * run.json and mc.json, the manifests of a run folder: the parts readers use, as zod schemas. The
 * writers (results/tables.ts runManifest, uncertainty/output.ts) write more; readers ignore the rest.
 */
import { z } from 'zod';
import type { Problem } from '../dataset/problems.js';
import { CHINA } from '../scenario/taint.js';

const required = (what: string) => z.string({ error: `expected ${what}` });
/** An object whose fields are reported one by one when it is missing altogether. */
const fields = <S extends z.ZodRawShape>(shape: S) => z.preprocess((v) => v ?? {}, z.object(shape));
/** A field shown when it is there and of its type, left out otherwise. */
const maybe = <T extends z.ZodType>(t: T) => t.optional().catch(undefined);

export const RunManifest = z.object({
  scenario: fields({ name: required('the scenario name'), file: maybe(z.string()) }),
  // Runs written before taint sets tracked China.
  taint: z
    .object({ set: z.string(), name: z.string(), regions: z.array(z.string()).readonly() })
    .catch(CHINA),
  dataset: fields({
    name: required('the dataset name'),
    dir: maybe(z.string()),
    hash: required('the dataset sha256'),
  }),
  lodestone_version: required('the Lodestone version'),
  periods: z
    .array(
      z.object({
        period: required('a period label'),
        status: required('the solver status'),
        objective: maybe(z.number()),
        objective_unit: maybe(z.string()),
      }),
      { error: 'expected a non-empty list of solved periods' },
    )
    .min(1, { error: 'expected a non-empty list of solved periods' }),
});
export type RunManifest = z.infer<typeof RunManifest>;
export type ManifestPeriod = RunManifest['periods'][number];

/** The parts of mc.json the report shows (any may be missing). */
export const McManifest = z
  .object({
    scenario: maybe(z.string()),
    seed: maybe(z.number()),
    draws_requested: maybe(z.number()),
    draws_finished: maybe(z.number()),
    partial: maybe(z.boolean()),
    workers: maybe(z.number()),
    seconds: maybe(z.number()),
  })
  .catch({});
export type McManifest = z.infer<typeof McManifest>;

/** A manifest's JSON text checked by its schema; undefined, with problems naming the fields, when it fails. */
export function parseManifestText<T>(
  schema: z.ZodType<T>,
  text: string,
  file: string,
  problems: Problem[],
): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    problems.push({ severity: 'error', file, message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    problems.push({ severity: 'error', file, field: field.slice(1) || undefined, message: issue.message });
  }
  return undefined;
}
