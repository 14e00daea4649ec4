/**
 * Company exposure files on the server: validated by line against the default dataset before they
 * are stored, stored under their owner's hash, and run as jobs of kind "exposure" whose runs are
 * private to the same owner. Nothing here logs the file or its content.
 */
import { randomUUID } from 'node:crypto';
import { parseYaml } from '../../dataset/parse-yaml.js';
import { type Problem, ProblemList } from '../../dataset/problems.js';
import type { Dataset } from '../../dataset/types.js';
import { loadExposureText } from '../../exposure/validate.js';
import type { ExposureJobSpec } from '../../jobs/exposure-job.js';
import { ApiError, conflict, notFound } from '../errors.js';
import {
  deleteExposure,
  exposureRuns,
  getExposure,
  insertExposure,
  listExposures,
  type StoredExposure,
  updateExposure,
} from '../storage/exposures.js';
import { insertRun, type StoredRun } from '../storage/runs.js';
import type { Context } from './context.js';
import { loadStored } from './datasets.js';
import { runView } from './runs.js';
import { checkStored, scenario } from './scenarios.js';

/** The scenarios an exposure runs on when the request names none (the CLI's default). */
export const DEFAULT_EXPOSURE_SCENARIOS = ['baseline', 'china-controls-2025-10', 'heavy-re-embargo'];

export interface ExposureRunOptions {
  readonly scenarios?: readonly string[] | undefined;
  readonly draws?: number | undefined;
  readonly seed?: number | undefined;
}

/** How messages name a stored exposure file. */
const fileOf = (id: string | undefined) => (id ? `exposures/${id}` : 'exposure.yaml');

/** The file's `company`, for listing (no validation: that is loadExposureText's). */
function companyOf(yaml: string): string {
  const value = parseYaml(yaml, 'exposure', new ProblemList())?.value as { company?: unknown } | undefined;
  return typeof value?.company === 'string' ? value.company : '';
}

/** The file's problems against a dataset: errors and warnings, each with its line. */
function check(yaml: string, id: string | undefined, dataset: Dataset): Problem[] {
  return [...loadExposureText(yaml, fileOf(id), dataset).problems];
}

function invalid(id: string | undefined, problems: readonly Problem[]): ApiError {
  const errors = problems.filter((p) => p.severity === 'error');
  return new ApiError(
    422,
    'invalid_exposure',
    `${id ? `exposure "${id}"` : 'the exposure file'} is not valid: ${errors.length} problem(s)`,
    problems,
  );
}

/** Checks a file against the default dataset (the one the library's scenarios use). */
export async function validateExposure(ctx: Context, yaml: string, id?: string) {
  const { data } = await loadStored(ctx, 'default');
  const problems = check(yaml, id, data);
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    ok: errors.length === 0,
    problems: errors,
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}

async function validOrThrow(ctx: Context, yaml: string, id?: string): Promise<void> {
  const v = await validateExposure(ctx, yaml, id);
  if (!v.ok) throw invalid(id, [...v.problems, ...v.warnings]);
}

export const exposureList = (ctx: Context, owner: string) => listExposures(ctx.db, owner);

/** The owner's file; another owner's is "not found", exactly as a missing one. */
export async function exposure(ctx: Context, owner: string, id: string): Promise<StoredExposure> {
  const e = await getExposure(ctx.db, owner, id);
  if (!e) throw notFound('exposure', id);
  return e;
}

const view = ({ owner: _owner, ...e }: StoredExposure) => e;

export async function createExposure(ctx: Context, owner: string, yaml: string) {
  // Ids are the server's (random): a client-chosen one could collide with, and so reveal, another's.
  const id = `exp-${randomUUID().slice(0, 12)}`;
  await validOrThrow(ctx, yaml);
  const now = new Date().toISOString();
  await insertExposure(ctx.db, {
    id,
    owner,
    company: companyOf(yaml),
    yaml,
    created_at: now,
    updated_at: now,
  });
  return view(await exposure(ctx, owner, id));
}

export async function getExposureView(ctx: Context, owner: string, id: string) {
  return view(await exposure(ctx, owner, id));
}

export async function replaceExposure(ctx: Context, owner: string, id: string, yaml: string) {
  await exposure(ctx, owner, id);
  await validOrThrow(ctx, yaml, id);
  await updateExposure(ctx.db, owner, id, {
    yaml,
    company: companyOf(yaml),
    updated_at: new Date().toISOString(),
  });
  return view(await exposure(ctx, owner, id));
}

/** Deletes the file and every run of it with its results; a run still going must be cancelled first. */
export async function removeExposure(ctx: Context, owner: string, id: string): Promise<void> {
  await exposure(ctx, owner, id);
  const runs = await exposureRuns(ctx.db, owner, id);
  const going = runs.filter((r) => r.status === 'queued' || r.status === 'running');
  if (going.length > 0)
    throw conflict(
      `exposure "${id}" has a run still ${going[0]!.status} ("${going[0]!.id}"); cancel it first (POST /api/runs/${going[0]!.id}/cancel)`,
    );
  await deleteExposure(ctx.db, owner, id);
  for (const r of runs) {
    ctx.runFiles.delete(r.id);
    ctx.runData.delete(r.id);
    ctx.reports.delete(r.id);
  }
}

export async function exposureRunList(ctx: Context, owner: string, id: string) {
  await exposure(ctx, owner, id);
  return (await exposureRuns(ctx.db, owner, id)).map((r) => runView(ctx, r));
}

/**
 * Queues a run of the owner's file on stored scenarios (the baseline first). The scenarios and the
 * file are checked now, against each scenario's dataset: a bad one is a 404 or 422 here, not a failed run.
 */
export async function startExposureRun(ctx: Context, owner: string, id: string, o: ExposureRunOptions) {
  const stored = await exposure(ctx, owner, id);
  const ids = [...new Set(o.scenarios ?? DEFAULT_EXPOSURE_SCENARIOS)];
  if (!ids.includes('baseline')) ids.unshift('baseline');
  const scenarios = [];
  for (const sid of ids) {
    const s = await scenario(ctx, sid);
    const { inputs } = await checkStored(ctx, { id: s.id, yaml: s.yaml });
    scenarios.push({ name: s.id, inputs });
  }
  const problems = new Map<string, Problem>();
  for (const name of new Set(scenarios.map((s) => s.inputs.dataset.name))) {
    const { data } = await loadStored(ctx, name);
    for (const p of check(stored.yaml, id, data)) problems.set(`${p.line}|${p.field}|${p.message}`, p);
  }
  if ([...problems.values()].some((p) => p.severity === 'error')) throw invalid(id, [...problems.values()]);

  const [first, ...rest] = scenarios;
  const spec: ExposureJobSpec = {
    kind: 'exposure',
    inputs: first!.inputs,
    name: first!.name,
    scenarios: rest,
    exposure: { file: fileOf(id), text: stored.yaml },
    draws: o.draws,
    seed: o.seed,
  };
  const runId = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`;
  const run: StoredRun = {
    id: runId,
    scenario_id: first!.name,
    scenario_name: stored.company,
    kind: 'exposure',
    status: 'queued',
    options: JSON.stringify({
      exposure: id,
      scenarios: ids,
      ...(o.draws !== undefined ? { draws: o.draws } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
    }),
    progress_done: 0,
    progress_total: ids.length,
    progress_label: 'queued',
    error: null,
    created_at: new Date().toISOString(),
    started_at: null,
    finished_at: null,
    owner: ctx.runner.owner,
    heartbeat_at: new Date().toISOString(),
    cancel_requested_at: null,
    access_owner: owner,
    exposure_id: id,
  };
  await insertRun(ctx.db, run);
  // The file ran is kept with its results (private like them, and deleted with the exposure).
  ctx.runner.submit({
    id: runId,
    spec,
    extraFiles: [{ name: 'exposure.yaml', content: Buffer.from(stored.yaml) }],
  });
  return runView(ctx, { ...run, has_results: false });
}
