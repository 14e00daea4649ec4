import type { McDrawTable } from './mc-draws.js';

/** The tables the workbench keeps: the same on SQLite and PostgreSQL (text keys and ISO timestamps). */
export interface DatasetTable {
  id: string;
  name: string;
  description: string;
  /** Where the dataset came from: the folder it was registered from, or "upload". */
  dir: string;
  created_at: string;
}

/** A dataset's files as registered (runs read this copy, whatever happens to the folder later). */
export interface DatasetFileTable {
  dataset_id: string;
  name: string;
  content: Buffer;
}

export interface ScenarioTable {
  id: string;
  name: string;
  description: string;
  /** The id of the scenario this one extends, if any (from the YAML's `extends`). */
  extends: string | null;
  /** The scenario as its author wrote it: comments and line numbers survive. */
  yaml: string;
  created_at: string;
  updated_at: string;
}

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunKind = 'run' | 'mc' | 'plan';

export interface RunTable {
  id: string;
  scenario_id: string;
  scenario_name: string;
  kind: RunKind;
  status: RunStatus;
  /** JSON: draws, seed, workers (Monte Carlo). */
  options: string;
  progress_done: number;
  progress_total: number;
  progress_label: string;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /**
   * The lease of a queued or running job: the server instance holding it, and when it last said so
   * (every few seconds). Another server fails the job only once the lease has expired.
   */
  owner: string | null;
  heartbeat_at: string | null;
  /** When a server other than the owner was asked to cancel the job: the owner stops it on its next heartbeat. */
  cancel_requested_at: string | null;
}

/** A run's output folder, one row per file (CSV tables, run.json, mc outputs, the scenario it ran). */
export interface RunFileTable {
  run_id: string;
  name: string;
  content: Buffer;
}

export interface Database {
  datasets: DatasetTable;
  dataset_files: DatasetFileTable;
  scenarios: ScenarioTable;
  runs: RunTable;
  run_files: RunFileTable;
  mc_draws: McDrawTable;
}
