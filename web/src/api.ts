/**
 * A typed client for the workbench API (`lodestone serve`), served from the same origin under /api.
 * The report types mirror src/report (charts.ts, mc.ts, tables.ts, headline.ts, model.ts); the
 * run folder's tables come from src/run-folder/tables.ts (types only: web is built separately).
 */

import type { ChartSpec, PlanModel, ReportModel, SankeySpec, TableModel } from '../../src/report/schema.js';
import type { RowOf, TableName } from '../../src/run-folder/tables.js';

// --- records ------------------------------------------------------------------------------------

export interface Health {
  ok: boolean;
  version: string;
  storage: 'sqlite' | 'postgres';
  auth: boolean;
}

export interface Dataset {
  id: string;
  name: string;
  description: string;
  /** Where it came from: the folder it was registered from, or "upload". */
  from: string;
  hash: string;
  counts: Record<string, number>;
}

export interface DatasetFile {
  name: string;
  bytes: number;
}

/** A dataset record as stored: the fields vary by table, so every value is shown as it comes. */
export type DataRecord = Record<string, unknown>;

export interface Facility {
  id: string;
  name: string;
  owner: string;
  region: string;
  process: string;
  stage: string;
  status: string;
  start_year?: number;
  end_year?: number;
  capacity: number;
  unit: string;
  lat?: number;
  lon?: number;
  aggregate: boolean;
  confidence?: string;
  source_ids: string[];
  notes?: string;
}

/** A document numbers come from (src/schema/source.ts). */
export interface Source {
  id: string;
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
  notes?: string;
}

export interface FacilityDetail {
  facility: DataRecord;
  process?: DataRecord;
  capacity_steps: DataRecord[];
  agreements: DataRecord[];
  sources: Source[];
}

export interface ScenarioSummary {
  id: string;
  name: string;
  description: string;
  /** The id of the stored scenario this one extends. */
  extends: string | null;
  created_at: string;
  updated_at: string;
}

export interface Scenario extends ScenarioSummary {
  yaml: string;
}

export interface Problem {
  /** `scenarios/<id>` for a stored scenario's text, else a dataset file. */
  file: string;
  line?: number;
  field?: string;
  message: string;
  severity: string;
}

export interface Validation {
  ok: boolean;
  problems: Problem[];
  warnings: Problem[];
}

/** A region of a dataset: the map places a planned build at its point when the build has no site. */
export interface Region {
  id: string;
  name: string;
  lat?: number;
  lon?: number;
}

/** A candidate build of the planner (candidates.csv); a project's facility gives its site. */
export interface Candidate {
  id: string;
  name: string;
  kind: 'greenfield' | 'project';
  region: string;
  process: string;
  facility?: string;
}

/**
 * The planner's options (kind "plan"), as the API names them: the PlanOptions schema of
 * src/server/schemas.ts (written out here: the web build does not read the server's modules).
 */
export interface PlanOptions {
  bloc?: string;
  target?: number;
  by?: number;
  target_scope?: 'node' | 'bloc';
  integer?: boolean;
  discount_rate?: number;
  time_limit?: number;
  stock_foresight?: boolean;
  project_values?: boolean;
  sweep?: boolean;
  stages?: string[];
  regions?: string[];
  /** Under uncertainty: the share of Monte Carlo draws the plan must meet the target in (0–1, not with sweep). */
  probability?: number;
  draws?: number;
  check_draws?: number;
  seed?: number;
  max_stacked?: number;
}

/** A plan run's plan.yaml, ready to store as a scenario (GET /api/runs/{id}/plan/scenario). */
export interface PlanScenario {
  id: string;
  name: string;
  yaml: string;
  dataset: string;
}

/** One table of a run as JSON rows (GET /api/runs/{id}/tables/{name}). */
export interface TableRows {
  name: string;
  columns: string[];
  rows: (string | number | boolean)[][];
  total: number;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Run {
  id: string;
  scenario: string;
  scenario_name: string;
  kind: 'run' | 'mc' | 'plan';
  status: RunStatus;
  progress: { done: number; total: number; label: string };
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  options: Record<string, unknown>;
}

export const isActive = (run: Run) => run.status === 'queued' || run.status === 'running';

// --- report ----------------------------------------------------------------------------------------

/** An ECharts option as the server builds it: plain JSON. */
export type ChartOption = ChartSpec['option'];
export type { ChartSpec, PlanModel, SankeySpec, TableModel };
/** The report model as the API serves it (src/report/schema.ts). */
export type Report = ReportModel;

/** A table of a run folder: its name (src/run-folder/tables.ts), columns and row count. */
export interface ResultTable {
  name: TableName;
  columns: string[];
  rows: number;
}

/** Key outputs (key_outputs.csv) of several runs side by side: one value per run, null where it lacks the item. */
export interface Comparison {
  runs: { id: string; scenario: string; scenario_name: string }[];
  rows: (Omit<RowOf<'key_outputs'>, 'value'> & { values: (number | null)[] })[];
}

/** A bloc's shares of demand served free of the run's taint set, one per period (src/report/answers.ts). */
export interface BlocAnswer {
  bloc: string;
  served: (number | null)[];
  potential: (number | null)[];
  upper_bound: (number | null)[];
  fully_served: string | null;
}

/** A stored scenario and its latest finished run's bloc answers (GET /api/answers). */
export interface ScenarioAnswers {
  scenario: string;
  name: string;
  description: string;
  run: {
    id: string;
    finished_at: string | null;
    taint: { set: string; name: string; regions: string[] };
    /** "China-free", "FEOC-free". */
    free: string;
    periods: string[];
    blocs: BlocAnswer[];
  } | null;
  active: { id: string; status: string } | null;
  note: string | null;
}

// --- requests ----------------------------------------------------------------------------------------

/** An error answer of the API: `{error, message, problems?}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'lodestone-token';

/** The token write routes need when the server is exposed beyond localhost (kept for the tab only). */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
};

/**
 * One API call; `bearer` is the token it carries (default: the workbench token, on writes only;
 * exposure requests carry theirs on reads too).
 */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  bearer: string = method !== 'GET' ? token.get() : '',
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    signal: signal ?? null,
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (data ?? {}) as { error?: string; message?: string; problems?: Problem[] };
    throw new ApiError(res.status, e.error ?? 'error', e.message ?? res.statusText, e.problems);
  }
  return data as T;
}

const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
const enc = encodeURIComponent;
/** The embedded default dataset, the one views show unless told otherwise. */
export const DEFAULT_DATASET = 'default';
const dataset = (id: string) => `/datasets/${enc(id)}`;

export const api = {
  health: (s?: AbortSignal) => get<Health>('/health', s),
  dataset: (s?: AbortSignal) => get<Dataset>(dataset(DEFAULT_DATASET), s),
  facilities: (ds: string, s?: AbortSignal) => get<Facility[]>(`${dataset(ds)}/facilities`, s),
  facility: (ds: string, id: string, s?: AbortSignal) =>
    get<FacilityDetail>(`${dataset(ds)}/facilities/${enc(id)}`, s),
  sources: (ds: string, s?: AbortSignal) => get<Source[]>(`${dataset(ds)}/sources`, s),
  regions: (ds: string, s?: AbortSignal) => get<Region[]>(`${dataset(ds)}/regions`, s),
  candidates: (ds: string, s?: AbortSignal) => get<Candidate[]>(`${dataset(ds)}/candidates`, s),
  datasets: (s?: AbortSignal) => get<Dataset[]>('/datasets', s),
  datasetFiles: (id: string, s?: AbortSignal) => get<DatasetFile[]>(`/datasets/${enc(id)}/files`, s),
  uploadDataset: (id: string, files: Record<string, string>) =>
    request<Dataset>('POST', '/datasets', { id, files }),
  deleteDataset: (id: string) => request<void>('DELETE', `/datasets/${enc(id)}`),

  scenarios: (s?: AbortSignal) => get<ScenarioSummary[]>('/scenarios', s),
  scenario: (id: string, s?: AbortSignal) => get<Scenario>(`/scenarios/${enc(id)}`, s),
  validate: (yaml: string, id?: string) => request<Validation>('POST', '/scenarios/validate', { yaml, id }),
  createScenario: (id: string, yaml: string) => request<Scenario>('POST', '/scenarios', { id, yaml }),
  saveScenario: (id: string, yaml: string) => request<Scenario>('PUT', `/scenarios/${enc(id)}`, { yaml }),
  deleteScenario: (id: string) => request<void>('DELETE', `/scenarios/${enc(id)}`),

  runs: (s?: AbortSignal) => get<Run[]>('/runs', s),
  run: (id: string, s?: AbortSignal) => get<Run>(`/runs/${enc(id)}`, s),
  startRun: (scenario: string, mc?: { draws: number; seed: number }) =>
    request<Run>('POST', '/runs', mc ? { scenario, kind: 'mc', ...mc } : { scenario, kind: 'run' }),
  startPlan: (scenario: string, plan: PlanOptions) =>
    request<Run>('POST', '/runs', { scenario, kind: 'plan', plan }),
  planSection: (id: string, s?: AbortSignal) => get<PlanModel>(`/runs/${enc(id)}/plan`, s),
  planScenario: (id: string, s?: AbortSignal) => get<PlanScenario>(`/runs/${enc(id)}/plan/scenario`, s),
  tableRows: (id: string, name: string, s?: AbortSignal) =>
    get<TableRows>(`/runs/${enc(id)}/tables/${enc(name)}`, s),
  cancelRun: (id: string) => request<Run>('POST', `/runs/${enc(id)}/cancel`),
  report: (id: string, period?: string, s?: AbortSignal) =>
    get<Report>(`/runs/${enc(id)}/report${period ? `?period=${enc(period)}` : ''}`, s),
  tables: (id: string, s?: AbortSignal) => get<ResultTable[]>(`/runs/${enc(id)}/tables`, s),

  answers: (s?: AbortSignal) => get<ScenarioAnswers[]>('/answers', s),
  compare: (ids: readonly string[], s?: AbortSignal) =>
    get<Comparison>(`/compare?runs=${ids.map(enc).join(',')}`, s),
};

/** How each kind of run is named. */
export const KIND_LABEL: Record<Run['kind'], string> = { run: 'Run', mc: 'Monte Carlo', plan: 'Plan' };

/** Links for downloads (plain GETs the browser saves). */
export const downloads = {
  csv: (run: string, table: string) => `/api/runs/${enc(run)}/tables/${enc(table)}?format=csv`,
  xlsx: (run: string) => `/api/runs/${enc(run)}/export.xlsx`,
  datasetFile: (dataset: string, name: string) => `/api/datasets/${enc(dataset)}/files/${enc(name)}`,
};
