/** The planner page's form: its state, from a plan's recorded options, and the API's options from it. */
import type { PlanOptions } from './api';
import { STAGES } from './charts/facilityMap';

export interface FormState {
  scenario: string;
  bloc: string;
  /** Percent, as typed. */
  target: number;
  by: number;
  scope: 'node' | 'bloc';
  integer: boolean;
  projectValues: boolean;
  sweep: boolean;
  stages: Set<string>;
  /** Regions whose candidates are offered; all of them: no filter. */
  regions: Set<string>;
  /** Percent of Monte Carlo draws the plan must meet the target in; undefined: a plan on the scenario's own numbers. */
  probability: number | undefined;
  /** Draws the plan is fitted on (and checked on as many fresh ones), with a probability. */
  draws: number;
}

/** Draws a plan with a probability is fitted on unless told (PLAN_DEFAULTS.draws of src/jobs/defaults.ts). */
export const DEFAULT_PLAN_DRAWS = 64;

/** The form's options as the API takes them: a filter only where some are left out. */
export function planOptionsOf(f: FormState, allRegions: readonly string[]): PlanOptions {
  const stages = STAGES.filter((s) => f.stages.has(s));
  const regions = allRegions.filter((r) => f.regions.has(r));
  return {
    bloc: f.bloc,
    target: Math.round(f.target * 10) / 1000,
    by: f.by,
    target_scope: f.scope,
    integer: f.integer,
    project_values: f.projectValues,
    sweep: f.sweep,
    ...(stages.length < STAGES.length ? { stages } : {}),
    ...(regions.length < allRegions.length ? { regions } : {}),
    // Under uncertainty (a sweep plans without draws).
    ...(f.probability !== undefined && !f.sweep
      ? { probability: Math.round(f.probability * 10) / 1000, draws: f.draws }
      : {}),
  };
}

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** The form as a plan's recorded options (GET /api/runs/{id}) left it, or its defaults without one. */
export function formOf(options: Record<string, unknown> = {}): FormState {
  const o = options;
  const stages = strings(o.stages);
  return {
    scenario: '',
    bloc: typeof o.bloc === 'string' ? o.bloc : 'US',
    target: typeof o.target === 'number' ? Math.round(o.target * 1000) / 10 : 100,
    by: typeof o.by === 'number' ? o.by : 2030,
    scope: o.target_scope === 'bloc' ? 'bloc' : 'node',
    integer: o.integer === true,
    projectValues: o.project_values === true,
    sweep: o.sweep === true,
    stages: new Set(stages.length > 0 ? stages : STAGES),
    regions: new Set(strings(o.regions)),
    // The API records 0 for a plan without a probability.
    probability:
      typeof o.probability === 'number' && o.probability > 0
        ? Math.round(o.probability * 1000) / 10
        : undefined,
    draws: typeof o.draws === 'number' ? o.draws : DEFAULT_PLAN_DRAWS,
  };
}

/**
 * The dataset a scenario's YAML names itself (`dataset: id`), else the default: the one whose regions
 * the form offers (a scenario that takes its dataset from the one it extends gets the default's).
 */
export function datasetOf(yaml: string, fallback = 'default'): string {
  const m = /^dataset:\s*["']?([A-Za-z0-9][A-Za-z0-9_-]*)["']?\s*(#.*)?$/m.exec(yaml);
  return m?.[1] ?? fallback;
}
