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
export type RunKind = 'run' | 'mc' | 'plan' | 'exposure';

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
  /** A private run's owner (sha256 of its token, as exposures keep it): other tokens never see it. */
  access_owner?: string | null;
  /** The stored exposure a run of kind "exposure" assessed (deleting the exposure deletes its runs). */
  exposure_id?: string | null;
}

/** A run's output folder, one row per file (CSV tables, run.json, mc outputs, the scenario it ran). */
export interface RunFileTable {
  run_id: string;
  name: string;
  content: Buffer;
}

/** A company's exposure file: confidential to the token that stored it (only the token's hash is kept). */
export interface ExposureTable {
  id: string;
  /** sha256 of the owning token, hex. */
  owner: string;
  /** The file's `company`, for listing (its owner's eyes only). */
  company: string;
  /** The file as its author wrote it: comments and line numbers survive. */
  yaml: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  datasets: DatasetTable;
  dataset_files: DatasetFileTable;
  scenarios: ScenarioTable;
  runs: RunTable;
  run_files: RunFileTable;
  exposures: ExposureTable;
  mc_draws: McDrawTable;
}
