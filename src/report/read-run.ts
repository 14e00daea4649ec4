/** Reads a run folder written by `lodestone run --out DIR`: run.json and the CSV tables the report uses. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError, type Problem } from '../dataset/problems.js';
import { CHINA, type Taint } from '../model/taint.js';
import type {
  ManifestPeriod,
  McData,
  McManifest,
  McSelfSufficiencyRow,
  McSensitivityRow,
  McSummaryRow,
  RunData,
  RunManifest,
  SelfSufficiencyRow,
} from './types.js';

interface TableSpec {
  /** Columns that must be present; every one is read. */
  readonly columns: readonly string[];
  readonly numbers?: readonly string[];
  readonly booleans?: readonly string[];
  /** Columns read when present, else left empty (added since older run folders were written). */
  readonly optional?: readonly string[];
  /** Old column names read as the new ones: { old: new }. */
  readonly renamed?: Readonly<Record<string, string>>;
}

/** The tables the report reads, by file name (without .csv). */
export const REQUIRED_TABLES = {
  production: {
    columns: ['period', 'facility', 'region', 'stage', 'material', 'tag', 'amount', 'unit'],
    numbers: ['amount'],
  },
  trade: {
    columns: ['period', 'material', 'tag', 'from_region', 'to_region', 'amount', 'unit'],
    numbers: ['amount'],
  },
  demand: {
    columns: [
      'period',
      'region',
      'application',
      'material',
      'demand',
      'served_free',
      'served_cn',
      'short',
      'unit',
    ],
    numbers: ['demand', 'served_free', 'served_cn', 'short'],
    // Older folders have no demand response (see readRunFiles).
    optional: ['destroyed'],
  },
  prices: { columns: ['period', 'region', 'material', 'tag', 'price', 'unit'], numbers: ['price'] },
  capacity: {
    columns: ['period', 'facility', 'region', 'stage', 'capacity', 'used', 'unit', 'value', 'value_unit'],
    numbers: ['capacity', 'used', 'value'],
  },
  concentration: {
    columns: [
      'period',
      'stage',
      'output',
      'taint_share',
      'top1_country',
      'top1_share',
      'top3_share',
      'hhi',
      'unit',
    ],
    numbers: ['output', 'taint_share', 'top1_share', 'top3_share', 'hhi'],
    renamed: { china_share: 'taint_share' },
  },
  import_reliance: {
    columns: [
      'period',
      'region',
      'material',
      'production',
      'imports',
      'exports',
      'stock_change',
      'apparent_consumption',
      'nir',
      'unit',
    ],
    numbers: ['production', 'imports', 'exports', 'stock_change', 'apparent_consumption', 'nir'],
  },
  self_sufficiency: {
    columns: ['period', 'bloc', 'stage', 'supply', 'demand', 'ratio', 'unit'],
    numbers: ['supply', 'demand', 'ratio'],
    // Older folders have one chain measure, the upper bound (see readRunFiles).
    optional: ['measure'],
  },
  bottlenecks: {
    columns: ['period', 'kind', 'rank', 'item', 'region', 'stage', 'value', 'unit'],
    numbers: ['rank', 'value'],
  },
} as const satisfies Record<string, TableSpec>;

/** Tables the report shows when present (a run without policies or EU benchmarks is still reportable). */
export const OPTIONAL_TABLES = {
  policies: { columns: ['period', 'policy', 'metric', 'value', 'unit'], numbers: ['value'] },
  benchmarks: {
    columns: ['period', 'benchmark', 'value', 'target', 'met', 'unit'],
    numbers: ['value', 'target'],
    booleans: ['met'],
  },
  price_benchmarks: {
    columns: ['year', 'material', 'region', 'low', 'high', 'unit', 'basis', 'source_ids'],
    numbers: ['year', 'low', 'high'],
  },
} as const satisfies Record<string, TableSpec>;

/** Monte Carlo tables (`lodestone mc SCENARIO --out DIR`): the report adds an uncertainty section when present. */
export const MC_TABLES = {
  mc_summary: {
    columns: ['metric', 'period', 'region', 'mean', 'p5', 'p25', 'p50', 'p75', 'p95', 'unit'],
    numbers: ['mean', 'p5', 'p25', 'p50', 'p75', 'p95'],
  },
  mc_self_sufficiency: { columns: ['region', 'period', 'probability'], numbers: ['probability'] },
  mc_sensitivity: { columns: ['input', 'output', 'rank_correlation'], numbers: ['rank_correlation'] },
} as const satisfies Record<string, TableSpec>;

const HOW_TO_WRITE = 'write the run folder with `lodestone run SCENARIO --out DIR`';

/** Parses CSV text into typed records, adding a problem per bad column or value. */
export function parseTable(
  text: string,
  file: string,
  spec: TableSpec,
  problems: Problem[],
): Record<string, string | number | boolean>[] {
  let records: Record<string, string>[];
  const renamed = spec.renamed ?? {};
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((c) => renamed[c] ?? c),
      skip_empty_lines: true,
      bom: true,
    }) as Record<string, string>[];
  } catch (e) {
    problems.push({ severity: 'error', file, message: `not a readable CSV table: ${(e as Error).message}` });
    return [];
  }
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const present = new Set(
    header
      .replace(/^\uFEFF/, '')
      .split(',')
      .map((c) => c.trim().replace(/^"|"$/g, ''))
      .map((c) => renamed[c] ?? c),
  );
  const missing = spec.columns.filter((c) => !present.has(c));
  if (missing.length > 0) {
    problems.push({
      severity: 'error',
      file,
      line: 1,
      message: `missing column(s) ${missing.join(', ')}; expected ${spec.columns.join(',')} (${HOW_TO_WRITE})`,
    });
    return [];
  }
  const numbers = new Set<string>(spec.numbers ?? []);
  const booleans = new Set<string>(spec.booleans ?? []);
  const out: Record<string, string | number | boolean>[] = [];
  records.forEach((rec, i) => {
    const row: Record<string, string | number | boolean> = {};
    let ok = true;
    for (const c of spec.optional ?? []) row[c] = rec[c] ?? '';
    for (const c of spec.columns) {
      const raw = rec[c] ?? '';
      if (numbers.has(c)) {
        const v = raw.trim() === '' ? Number.NaN : Number(raw);
        if (Number.isNaN(v)) {
          problems.push({
            severity: 'error',
            file,
            line: i + 2,
            field: c,
            message: `expected a number, got "${raw}"`,
          });
          ok = false;
        }
        row[c] = v;
      } else if (booleans.has(c)) {
        if (raw !== 'true' && raw !== 'false') {
          problems.push({
            severity: 'error',
            file,
            line: i + 2,
            field: c,
            message: `expected true or false, got "${raw}"`,
          });
          ok = false;
        }
        row[c] = raw === 'true';
      } else {
        row[c] = raw;
      }
    }
    if (ok) out.push(row);
  });
  return out;
}

/** Checks the parts of run.json the report uses. */
export function parseManifest(text: string, file: string, problems: Problem[]): RunManifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    problems.push({ severity: 'error', file, message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
  const before = problems.length;
  const need = (ok: boolean, field: string, what: string) => {
    if (!ok) problems.push({ severity: 'error', file, field, message: `expected ${what}` });
  };
  const m = (json ?? {}) as Record<string, unknown>;
  const scenario = (m.scenario ?? {}) as Record<string, unknown>;
  const dataset = (m.dataset ?? {}) as Record<string, unknown>;
  need(typeof scenario.name === 'string', 'scenario.name', 'the scenario name');
  need(typeof dataset.name === 'string', 'dataset.name', 'the dataset name');
  need(typeof dataset.hash === 'string', 'dataset.hash', 'the dataset sha256');
  need(typeof m.lodestone_version === 'string', 'lodestone_version', 'the Lodestone version');
  const periods = Array.isArray(m.periods) ? (m.periods as Record<string, unknown>[]) : undefined;
  need(periods !== undefined && periods.length > 0, 'periods', 'a non-empty list of solved periods');
  periods?.forEach((p, i) => {
    need(typeof p?.period === 'string', `periods[${i}].period`, 'a period label');
    need(typeof p?.status === 'string', `periods[${i}].status`, 'the solver status');
  });
  if (problems.length > before) return undefined;
  return {
    scenario: { name: scenario.name as string, file: scenario.file as string | undefined },
    taint: isTaint(m.taint) ? { set: m.taint.set, name: m.taint.name, regions: m.taint.regions } : CHINA,
    dataset: {
      name: dataset.name as string,
      dir: dataset.dir as string | undefined,
      hash: dataset.hash as string,
    },
    lodestone_version: m.lodestone_version as string,
    periods: periods!.map(
      (p): ManifestPeriod => ({
        period: p.period as string,
        status: p.status as string,
        objective: typeof p.objective === 'number' ? p.objective : undefined,
        objective_unit: typeof p.objective_unit === 'string' ? p.objective_unit : undefined,
      }),
    ),
  };
}

const isTaint = (t: unknown): t is Taint => {
  const x = t as Partial<Taint> | undefined;
  return typeof x?.set === 'string' && typeof x.name === 'string' && Array.isArray(x.regions);
};

/** The parts of mc.json the report shows; fields of the wrong type are left out, not errors. */
export function parseMcManifest(text: string, file: string, problems: Problem[]): McManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    problems.push({ severity: 'error', file, message: `not valid JSON: ${(e as Error).message}` });
    return {};
  }
  const m = (json ?? {}) as Record<string, unknown>;
  const num = (k: string) => (typeof m[k] === 'number' ? (m[k] as number) : undefined);
  return {
    scenario: typeof m.scenario === 'string' ? m.scenario : undefined,
    seed: num('seed'),
    draws_requested: num('draws_requested'),
    draws_finished: num('draws_finished'),
    partial: typeof m.partial === 'boolean' ? m.partial : undefined,
    workers: num('workers'),
    seconds: num('seconds'),
  };
}

/** A run folder's files, read by name: a folder on disk, or the workbench's stored copy. */
export interface RunFiles {
  /** How a file is named in messages. */
  path(name: string): string;
  /** The file's text; undefined when there is no such file. */
  read(name: string): string | undefined;
}

export function folderFiles(dir: string): RunFiles {
  return {
    path: (name) => join(dir, name),
    read: (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined),
  };
}

/**
 * Reads the Monte Carlo outputs in a run folder: undefined when there are none (no mc_summary.csv,
 * mc_self_sufficiency.csv, mc_sensitivity.csv or mc.json). Any one of them may be missing.
 */
export function readMc(files: RunFiles, problems: Problem[]): McData | undefined {
  const texts = new Map(
    [...Object.keys(MC_TABLES).map((n) => `${n}.csv`), 'mc.json'].map((f) => [f, files.read(f)] as const),
  );
  if ([...texts.values()].every((t) => t === undefined)) return undefined;
  const read = (name: keyof typeof MC_TABLES) => {
    const text = texts.get(`${name}.csv`);
    return text === undefined ? [] : parseTable(text, files.path(`${name}.csv`), MC_TABLES[name], problems);
  };
  const manifest = texts.get('mc.json');
  return {
    manifest: manifest === undefined ? {} : parseMcManifest(manifest, files.path('mc.json'), problems),
    summary: read('mc_summary') as unknown as McSummaryRow[],
    selfSufficiency: read('mc_self_sufficiency') as unknown as McSelfSufficiencyRow[],
    sensitivity: read('mc_sensitivity') as unknown as McSensitivityRow[],
  };
}

/**
 * Reads a run folder. Throws an InputError listing every problem at once: a missing run.json or
 * required CSV (naming the file and how to write it), a missing column, a value that is not a number.
 */
export function readRun(runDir: string): RunData {
  return readRunFiles(folderFiles(runDir), `${runDir} is not a run folder`);
}

/** Self-sufficiency rows with their measure: folders written before it had one chain figure, the upper bound. */
export function withMeasure(rows: readonly Record<string, unknown>[]): SelfSufficiencyRow[] {
  return rows.map((r) => ({
    ...r,
    measure: r.measure || (r.stage === 'chain' ? 'upper_bound' : 'capacity'),
  })) as unknown as SelfSufficiencyRow[];
}

/** `notARun` says what it means that run.json is missing. */
export function readRunFiles(files: RunFiles, notARun = 'not a run folder'): RunData {
  const problems: Problem[] = [];
  const manifestFile = files.path('run.json');
  const manifestText = files.read('run.json');
  let manifest: RunManifest | undefined;
  if (manifestText === undefined) {
    problems.push({
      severity: 'error',
      file: manifestFile,
      message: `run.json not found: ${notARun}; ${HOW_TO_WRITE}`,
    });
  } else {
    manifest = parseManifest(manifestText, manifestFile, problems);
  }
  const read = (name: string, spec: TableSpec, required: boolean) => {
    const file = files.path(`${name}.csv`);
    const text = files.read(`${name}.csv`);
    if (text === undefined) {
      if (required) {
        problems.push({
          severity: 'error',
          file,
          message: `${name}.csv not found: the report needs it; ${HOW_TO_WRITE}`,
        });
      }
      return undefined;
    }
    return parseTable(text, file, spec, problems);
  };
  const tables: Record<string, unknown[]> = {};
  for (const [name, spec] of Object.entries(REQUIRED_TABLES)) tables[name] = read(name, spec, true) ?? [];
  const missingOptional: string[] = [];
  for (const [name, spec] of Object.entries(OPTIONAL_TABLES)) {
    const rows = read(name, spec, false);
    if (rows === undefined) missingOptional.push(`${name}.csv`);
    tables[name] = rows ?? [];
  }
  const mc = readMc(files, problems);
  if (problems.some((p) => p.severity === 'error') || manifest === undefined) throw new InputError(problems);
  return {
    manifest,
    production: tables.production,
    trade: tables.trade,
    demand: withDestroyed(tables.demand as Record<string, unknown>[]),
    prices: tables.prices,
    capacity: tables.capacity,
    concentration: tables.concentration,
    importReliance: tables.import_reliance,
    selfSufficiency: withMeasure(tables.self_sufficiency as Record<string, unknown>[]),
    bottlenecks: tables.bottlenecks,
    policies: tables.policies,
    benchmarks: tables.benchmarks,
    priceBenchmarks: tables.price_benchmarks,
    missingOptional,
    ...(mc === undefined ? {} : { mc }),
  } as unknown as RunData;
}

/** Demand given up because of price; a folder written before demand curves has none. */
function withDestroyed(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => ({ ...r, destroyed: r.destroyed === '' ? 0 : Number(r.destroyed) }));
}
