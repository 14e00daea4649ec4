/** Stored scenarios: validated by the same loader as scenario files, before anything is saved. */
import { InputError, type Problem } from '../../dataset/problems.js';
import type { RunInputs } from '../../scenario/inputs.js';
import { ApiError, conflict, notFound } from '../errors.js';
import type { ScenarioCheck } from '../loading/worker.js';
import { datasetProblems } from '../locations.js';
import {
  childrenOf,
  deleteScenario,
  getScenario,
  insertScenario,
  listScenarios,
  scenarioTexts,
  updateScenario,
} from '../storage/scenarios.js';
import { describeYaml, type StoredLookup, type StoredText, storedInputs } from '../stored-inputs.js';
import type { Context } from './context.js';
import { storedDatasetFiles } from './datasets.js';

export function lookup(ctx: Context): StoredLookup {
  return {
    scenarios: async () => new Map((await scenarioTexts(ctx.db)).map((s) => [s.id, s.yaml])),
    dataset: (id) => storedDatasetFiles(ctx, id),
  };
}

/**
 * A stored scenario's inputs, checked with its dataset (on the loading thread); an InputError
 * names `scenarios/<id>` and `datasets/<id>/<file>`.
 */
export async function checkStored(
  ctx: Context,
  head: StoredText,
  blocs?: readonly string[],
): Promise<{ inputs: RunInputs; check: ScenarioCheck }> {
  const inputs = await storedInputs(head, lookup(ctx));
  const check = await ctx.loader.scenario(inputs, blocs);
  return { inputs, check: { ...check, warnings: datasetProblems(check.warnings, inputs.dataset.name) } };
}

export interface Validation {
  readonly ok: boolean;
  readonly problems: Problem[];
  readonly warnings: Problem[];
}

export async function validate(ctx: Context, head: StoredText): Promise<Validation> {
  try {
    const { check } = await checkStored(ctx, head);
    return { ok: true, problems: [], warnings: [...check.warnings] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return {
      ok: false,
      problems: e.problems.filter((p) => p.severity === 'error'),
      warnings: e.problems.filter((p) => p.severity === 'warning'),
    };
  }
}

async function validOrThrow(ctx: Context, head: StoredText): Promise<void> {
  const v = await validate(ctx, head);
  if (!v.ok) {
    throw new ApiError(
      422,
      'invalid_scenario',
      `scenario "${head.id}" is not valid: ${v.problems.length} problem(s)`,
      [...v.problems, ...v.warnings],
    );
  }
}

export const scenarioList = (ctx: Context) => listScenarios(ctx.db);

export async function scenario(ctx: Context, id: string) {
  const s = await getScenario(ctx.db, id);
  if (!s) throw notFound('scenario', id);
  return s;
}

export async function createScenario(ctx: Context, id: string, yaml: string) {
  if (await getScenario(ctx.db, id))
    throw conflict(`scenario "${id}" already exists; PUT /api/scenarios/${id} changes it`);
  await validOrThrow(ctx, { id, yaml });
  const now = new Date().toISOString();
  await insertScenario(ctx.db, { id, yaml, ...describeYaml(yaml), created_at: now, updated_at: now });
  return scenario(ctx, id);
}

export async function replaceScenario(ctx: Context, id: string, yaml: string) {
  await scenario(ctx, id);
  await validOrThrow(ctx, { id, yaml });
  await updateScenario(ctx.db, id, { yaml, ...describeYaml(yaml), updated_at: new Date().toISOString() });
  return scenario(ctx, id);
}

export async function removeScenario(ctx: Context, id: string): Promise<void> {
  await scenario(ctx, id);
  const children = await childrenOf(ctx.db, id);
  if (children.length > 0)
    throw conflict(
      `scenario "${id}" is extended by ${children.map((c) => `"${c}"`).join(', ')}; delete those first`,
    );
  await deleteScenario(ctx.db, id);
}
