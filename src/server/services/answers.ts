/**
 * The workbench's first page: for every stored scenario, its latest finished run's bloc answers
 * (served, potential and upper-bound free shares per period, first year fully served), read from
 * the stored results alone, so the page never waits for a run. A scenario without one says so.
 */

import type { Problem } from '../../dataset/problems.js';
import { freeLabel, type Taint } from '../../model/taint.js';
import { type BlocAnswer, blocAnswers } from '../../report/answers.js';
import { parseManifest, withMeasure } from '../../report/read-run.js';
import { parseTable } from '../../run-folder/read.js';
import { listRuns, type RunRecord } from '../storage/runs.js';
import { listScenarios } from '../storage/scenarios.js';
import type { Context } from './context.js';

export interface RunAnswers {
  readonly id: string;
  readonly finished_at: string | null;
  readonly taint: Taint;
  /** "China-free", "FEOC-free": what "free" means in this run. */
  readonly free: string;
  readonly periods: readonly string[];
  readonly blocs: readonly BlocAnswer[];
}

export interface ScenarioAnswers {
  readonly scenario: string;
  readonly name: string;
  readonly description: string;
  /** The latest finished run with results, if any. */
  readonly run: RunAnswers | null;
  /** A newer run still queued or running, if any. */
  readonly active: { readonly id: string; readonly status: string } | null;
  /** Why the finished run gives no served and potential shares, if it does not. */
  readonly note: string | null;
}

/** The library's order: the baseline, China's controls, the allied build-out, the price paths; then the rest by id. */
const LIBRARY = [
  'baseline',
  'china-controls-2025-04',
  'china-controls-2025-10',
  'suspension-2025-11',
  'heavy-re-embargo',
  'allied-buildout',
  'allied-buildout-delayed',
  'price-floor-low',
  'price-floor-high',
];
const rank = (id: string) => {
  const i = LIBRARY.indexOf(id);
  return i < 0 ? LIBRARY.length : i;
};

export async function answers(ctx: Context): Promise<ScenarioAnswers[]> {
  const [scenarios, runs] = await Promise.all([listScenarios(ctx.db), listRuns(ctx.db)]);
  const sorted = [...scenarios].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  return Promise.all(
    sorted.map(async (s): Promise<ScenarioAnswers> => {
      const own = runs.filter((r) => r.scenario_id === s.id); // newest first
      const finished = own.find((r) => r.has_results && (r.status === 'done' || r.status === 'cancelled'));
      const active = own.find((r) => r.status === 'queued' || r.status === 'running');
      const read = finished ? await runAnswers(ctx, finished) : null;
      return {
        scenario: s.id,
        name: s.name,
        description: s.description,
        run: typeof read === 'string' ? null : read,
        active:
          active && (!finished || active.created_at > finished.created_at)
            ? { id: active.id, status: active.status }
            : null,
        note: typeof read === 'string' ? read : null,
      };
    }),
  );
}

/** The run's bloc answers, or why it has none. */
async function runAnswers(ctx: Context, run: RunRecord): Promise<RunAnswers | string> {
  // Stored results never change: answers are kept by run id (Context.answers).
  const known = ctx.answers.get(run.id);
  if (known !== undefined) return known;
  const files = await ctx.db
    .selectFrom('run_files')
    .select(['name', 'content'])
    .where('run_id', '=', run.id)
    .where('name', 'in', ['run.json', 'self_sufficiency.csv'])
    .execute();
  const text = (name: string) => {
    const f = files.find((x) => x.name === name);
    return f ? Buffer.from(f.content).toString('utf8') : undefined;
  };
  const problems: Problem[] = [];
  const manifestText = text('run.json');
  const tableText = text('self_sufficiency.csv');
  const manifest = manifestText === undefined ? undefined : parseManifest(manifestText, 'run.json', problems);
  const rows =
    tableText === undefined
      ? []
      : withMeasure(parseTable('self_sufficiency', tableText, 'self_sufficiency.csv', problems));
  let result: RunAnswers | string;
  if (!manifest || problems.length > 0)
    result = `run ${run.id} has no readable run.json and self_sufficiency.csv`;
  else if (!rows.some((r) => r.measure === 'potential'))
    result = `run ${run.id} was made before served and potential shares were computed: run the scenario again`;
  else {
    const periods = manifest.periods.map((p) => p.period);
    result = {
      id: run.id,
      finished_at: run.finished_at,
      taint: manifest.taint,
      free: freeLabel(manifest.taint),
      periods,
      blocs: blocAnswers(rows, periods),
    };
  }
  ctx.answers.set(run.id, result);
  return result;
}
