/**
 * A finished run's results, read from its stored files: the report model (charts as ECharts
 * options, tables, headline), each table as rows or CSV, all of them as one XLSX, and key outputs
 * of several runs side by side.
 */
import { createHash } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { compareKeyOutputs } from '../../analysis/compare.js';
import type { KeyOutput } from '../../analysis/key-outputs.js';
import { InputError, type Problem } from '../../dataset/problems.js';
import { EXPOSURE_TABLES } from '../../exposure/output.js';
import { buildReport } from '../../report/model.js';
import { type PlanModel, planModel, readPlan } from '../../report/plan.js';
import { readRunFiles } from '../../report/read-run.js';
import type { TableSpec } from '../../run-folder/columns.js';
import { parseWithSpec, readTable } from '../../run-folder/read.js';
import { isTableName, TABLES } from '../../run-folder/tables.js';
import { ApiError, badRequest, conflict } from '../errors.js';
import { readRunFiles as readStoredFiles } from '../storage/runs.js';
import { describeYaml, storedInputs } from '../stored-inputs.js';
import type { Context } from './context.js';
import { storedRun } from './runs.js';
import { lookup } from './scenarios.js';

export async function runFiles(ctx: Context, id: string): Promise<Map<string, Buffer>> {
  const cached = ctx.runFiles.get(id);
  if (cached) return cached;
  const r = await storedRun(ctx, id);
  if (r.status === 'queued' || r.status === 'running')
    throw conflict(`run "${id}" is ${r.status}; its results come when it is done`);
  const files = await readStoredFiles(ctx.db, id);
  if (files.size === 0)
    throw conflict(`run "${id}" ${r.status === 'failed' ? 'failed' : `was ${r.status}`}: it has no results`);
  ctx.runFiles.set(id, files);
  return files;
}

export interface ReportJson {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * The run's report model as JSON bytes with an ETag, built once per run and period and then served
 * as is: a finished run never changes (deleting it drops them). Concurrent first requests share one
 * build; a failed one (a run still going, a period it lacks) is not kept.
 */
export function reportJson(ctx: Context, id: string, period: string | undefined): Promise<ReportJson> {
  let byPeriod = ctx.reports.get(id);
  if (!byPeriod) {
    byPeriod = new Map();
    ctx.reports.set(id, byPeriod);
  }
  const key = period ?? '';
  let built = byPeriod.get(key);
  if (!built) {
    built = report(ctx, id, period).then((model) => {
      const body = Buffer.from(JSON.stringify(model));
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
    });
    const periods = byPeriod;
    periods.set(key, built);
    built.catch(() => {
      periods.delete(key);
      if (periods.size === 0 && ctx.reports.get(id) === periods) ctx.reports.delete(id);
    });
  }
  return built;
}

export async function report(ctx: Context, id: string, period: string | undefined) {
  let run = ctx.runData.get(id);
  if (!run) {
    const files = await runFiles(ctx, id);
    // A plan's folder holds tables, not a run: say where its results are instead of listing what it lacks.
    if (!files.has('run.json') && (files.has('plan_summary.csv') || files.has('plan_sweep.csv')))
      throw conflict(
        `run "${id}" is a plan: it has no run report; its charts and tables are at GET /api/runs/${id}/plan, its files at GET /api/runs/${id}/tables`,
      );
    run = readRunFiles({ path: (n) => `runs/${id}/${n}`, read: (n) => publicText(n, files.get(n)) });
    ctx.runData.set(id, run);
  }
  return buildReport(run, period, `runs/${id}/run.json`);
}

/** A plan run's results as the report's plan section shows them (charts and tables); a 409 for other runs. */
export async function planSection(ctx: Context, id: string): Promise<PlanModel> {
  const files = await runFiles(ctx, id);
  const plan = readPlan({ path: (n) => `runs/${id}/${n}`, read: (n) => publicText(n, files.get(n)) });
  if (!plan) throw conflict(`run "${id}" holds no plan: start one with kind "plan"`);
  return planModel(plan);
}

/**
 * A plan run's plan.yaml ready to store as a scenario: it extends the stored scenario the plan ran on
 * (the job wrote it to extend its copy, scenario.yaml), with an id from its name; and the dataset its
 * builds are in, for the planner page's map.
 */
export async function planScenarioText(ctx: Context, id: string) {
  const r = await storedRun(ctx, id);
  const files = await runFiles(ctx, id);
  const text = files.get('plan.yaml')?.toString('utf8');
  if (text === undefined) throw conflict(`run "${id}" has no plan.yaml: a plan writes one, a sweep does not`);
  const yaml = text.replace(/^extends: .*$/m, `extends: ${r.scenario_id}`);
  const head = files.get('scenario.yaml')?.toString('utf8');
  const inputs =
    head === undefined ? undefined : await storedInputs({ id: r.scenario_id, yaml: head }, lookup(ctx));
  const name = describeYaml(yaml).name;
  return {
    id:
      name
        .replace(/[^A-Za-z0-9_-]+/g, '-')
        .replace(/^[-_]+/, '')
        .slice(0, 64) || `plan-${id}`.slice(0, 64),
    name,
    yaml,
    dataset: inputs?.dataset.name ?? 'default',
  };
}

/**
 * A run file's text as the API shows it: its JSON manifests name the scenario file and dataset folder
 * the job read, temporary folders of the server, so their absolute paths become the last part.
 */
export function publicText(name: string, content: Buffer | undefined): string | undefined {
  const text = content?.toString('utf8');
  if (text === undefined || !name.endsWith('.json')) return text;
  try {
    const json: unknown = JSON.parse(text, (_key, v) =>
      typeof v === 'string' && isAbsolute(v) ? basename(v) : v,
    );
    return JSON.stringify(json, null, 2);
  } catch {
    return text; // the report names what is wrong with it
  }
}

export interface Table {
  readonly name: string;
  readonly columns: string[];
  /** Cells typed by the table's spec (src/run-folder/tables.ts); a table it does not know stays text. */
  readonly rows: Cell[][];
}
export type Cell = string | number | boolean;

export function parseCsvTable(name: string, text: string, file = `${name}.csv`): Table {
  const exposure = exposureSpec(name);
  if (exposure) {
    const problems: Problem[] = [];
    const columns = Object.keys(exposure.columns);
    const rows = parseWithSpec(exposure, text, file, problems) as Record<string, Cell>[];
    if (problems.length > 0) throw new InputError(problems);
    return { name, columns, rows: rows.map((r) => columns.map((c) => r[c]!)) };
  }
  if (!isTableName(name)) {
    const [columns = [], ...rows] = parse(text, { skip_empty_lines: true, bom: true }) as string[][];
    return { name, columns, rows };
  }
  const columns = Object.keys(TABLES[name].columns);
  const rows = readTable(name, text, file) as readonly Record<string, Cell>[];
  return { name, columns, rows: rows.map((r) => columns.map((c) => r[c]!)) };
}

/** The spec of an exposure run's table (exposure, exposure_ranking, …), typed like the run folder's. */
function exposureSpec(name: string): TableSpec | undefined {
  const file = `${name}.csv`;
  return Object.hasOwn(EXPOSURE_TABLES, file)
    ? EXPOSURE_TABLES[file as keyof typeof EXPOSURE_TABLES]
    : undefined;
}

export async function tableNames(ctx: Context, id: string) {
  const files = await runFiles(ctx, id);
  return [...files.entries()]
    .filter(([name]) => name.endsWith('.csv'))
    .map(([name, content]) => {
      const t = parseCsvTable(name.slice(0, -4), content.toString('utf8'), `runs/${id}/${name}`);
      return { name: t.name, columns: t.columns, rows: t.rows.length };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A table's CSV text; a 404 naming the tables the run has when it lacks this one. */
async function tableText(ctx: Context, id: string, name: string): Promise<string> {
  const files = await runFiles(ctx, id);
  const content = files.get(`${name}.csv`);
  if (!content) {
    const names = [...files.keys()].filter((n) => n.endsWith('.csv')).map((n) => n.slice(0, -4));
    throw new ApiError(
      404,
      'not_found',
      `run "${id}" has no table "${name}"; it has ${names.sort().join(', ')}`,
    );
  }
  return content.toString('utf8');
}

export async function table(ctx: Context, id: string, name: string): Promise<{ table: Table; csv: string }> {
  const csv = await tableText(ctx, id, name);
  return { table: parseCsvTable(name, csv, `runs/${id}/${name}.csv`), csv };
}

/** Keeps the rows whose columns equal every filter; a filter on a column the table lacks is an error. */
export function filterRows(t: Table, filters: Record<string, string>): Table {
  const tests = Object.entries(filters).map(([column, value]) => {
    const i = t.columns.indexOf(column);
    if (i < 0)
      throw badRequest(column, `table "${t.name}" has no column "${column}"; it has ${t.columns.join(', ')}`);
    return (row: Cell[]) => String(row[i]) === value;
  });
  return { ...t, rows: t.rows.filter((r) => tests.every((test) => test(r))) };
}

/** Every table of the run as a sheet (numbers as numbers), and the run's manifest on the first. */
export async function workbook(ctx: Context, id: string): Promise<Buffer> {
  const files = await runFiles(ctx, id);
  const book = new ExcelJS.Workbook();
  book.creator = 'Lodestone';
  const about = book.addWorksheet('run');
  about.addRow(['run', id]);
  const manifest = publicText('run.json', files.get('run.json'));
  if (manifest) for (const line of manifest.split('\n')) about.addRow([line]);
  for (const [name, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.endsWith('.csv')) continue;
    const t = parseCsvTable(name.slice(0, -4), content.toString('utf8'), `runs/${id}/${name}`);
    // Sheet names are at most 31 characters.
    const sheet = book.addWorksheet(t.name.slice(0, 31));
    sheet.addRow(t.columns).font = { bold: true };
    sheet.addRows(t.rows);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function keyOutputsOf(ctx: Context, id: string): Promise<KeyOutput[]> {
  const csv = await tableText(ctx, id, 'key_outputs');
  return readTable('key_outputs', csv, `runs/${id}/key_outputs.csv`);
}

export async function compare(ctx: Context, ids: readonly string[]) {
  const runs = await Promise.all(ids.map((id) => storedRun(ctx, id)));
  const outputs = await Promise.all(ids.map((id) => keyOutputsOf(ctx, id)));
  const rows = compareKeyOutputs(outputs);
  return {
    runs: runs.map((r) => ({ id: r.id, scenario: r.scenario_id, scenario_name: r.scenario_name })),
    rows: rows.map((r) => ({ ...r, values: r.values.map((v) => (Number.isNaN(v) ? null : v)) })),
  };
}
