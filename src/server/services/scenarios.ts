/** Stored scenarios: validated by the same loader as scenario files, before anything is saved. */
import { InputError, type Problem } from '../../dataset/problems.js';
import { type PreparedRun, prepareRun } from '../../scenario/prepare-run.js';
import { ApiError, conflict, notFound } from '../errors.js';
import {
  describeYaml,
  mapProblems,
  type ScenarioLookup,
  type ScenarioText,
  writeScenarioChain,
} from '../scenario-files.js';
import {
  childrenOf,
  deleteScenario,
  getScenario,
  insertScenario,
  listScenarios,
  updateScenario,
} from '../storage/scenarios.js';
import type { Context } from './context.js';
import { datasetDir } from './datasets.js';

export function lookup(ctx: Context): ScenarioLookup {
  return {
    scenario: async (id) => {
      const s = await getScenario(ctx.db, id);
      return s && { id: s.id, yaml: s.yaml };
    },
    datasetDir: (id) => datasetDir(ctx, id),
  };
}

/** A scenario chain written out and loaded with its dataset; the caller calls `cleanup` when done. */
export interface Materialised {
  readonly file: string;
  readonly prepared: PreparedRun;
  readonly cleanup: () => void;
}

/** Writes the chain, loads it; an InputError names `scenarios/<id>` and the author's lines. */
export async function materialise(ctx: Context, head: ScenarioText): Promise<Materialised> {
  const { file, dir, cleanup } = await writeScenarioChain(head, lookup(ctx));
  try {
    const prepared = prepareRun(file);
    return {
      file,
      cleanup,
      prepared: { ...prepared, warnings: mapProblems(prepared.warnings, dir) },
    };
  } catch (e) {
    cleanup();
    if (e instanceof InputError) throw new InputError(mapProblems(e.problems, dir));
    throw e;
  }
}

export interface Validation {
  readonly ok: boolean;
  readonly problems: Problem[];
  readonly warnings: Problem[];
}

export async function validate(ctx: Context, head: ScenarioText): Promise<Validation> {
  try {
    const m = await materialise(ctx, head);
    m.cleanup();
    return { ok: true, problems: [], warnings: [...m.prepared.warnings] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return {
      ok: false,
      problems: e.problems.filter((p) => p.severity === 'error'),
      warnings: e.problems.filter((p) => p.severity === 'warning'),
    };
  }
}

async function validOrThrow(ctx: Context, head: ScenarioText): Promise<void> {
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
