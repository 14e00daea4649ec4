/**
 * The three fuzz targets and what each case must show: scenario files through the CLI, dataset
 * files through the loader, requests through the HTTP API. A case returns its findings (empty
 * when it behaved): a crash, a 5xx, a stack trace, a wrong exit code, a problem that names no file,
 * line or field, or a hang.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { DatasetFiles } from '../../src/dataset/dataset-files.js';
import { loadDatasetFiles } from '../../src/dataset/load-dataset.js';
import { InputError, type Problem } from '../../src/dataset/problems.js';
import type { ZodApp } from '../../src/server/routes/types.js';
import { hostileValue, mutateBytes, setPath, type TextMutation, textMutation } from './hostile.js';

export const MINI_DATASET = join(import.meta.dirname, '..', 'fixtures', 'mini-dataset');
/** A case taking longer than this has hung, for a fuzz. */
const SLOW_MS = 10_000;
const STACK = /\n\s+at \S.*[:(]\d+:\d+\)?/;

export type Finding = { readonly kind: string; readonly detail: string };
/** What a case did (an exit code, loaded or rejected, a status class) and what was wrong with it. */
export interface CaseResult {
  readonly outcome: string;
  readonly findings: readonly Finding[];
}

/** Problems must name where they are: a file, and a line or a field (a whole-file problem says so). */
function unlocated(problems: readonly Problem[]): Problem[] {
  return problems.filter(
    (p) =>
      p.severity === 'error' &&
      (!p.file || (p.line === undefined && p.field === undefined && !WHOLE_FILE.test(p.message))),
  );
}
/** Messages about a whole file or folder, which have no line or field to name. */
const WHOLE_FILE =
  /missing table|not a table|not found|not a folder|is a folder|not a regular file|bytes|not valid (CSV|JSON|YAML|UTF-8)|expected a (JSON array|YAML list)|aliases expand|nested deeper|at most/i;

// ---------------------------------------------------------------------------------------------
// Scenarios through the CLI

/** A scenario touching every part of the scenario schema, on the mini dataset. */
function baseScenario(): Record<string, unknown> {
  return {
    name: 'fuzz',
    description: 'fuzzed',
    dataset: MINI_DATASET,
    horizon: { start: 2025, end: 2027 },
    period: 'year',
    solver: { time_limit: 30, method: 'choose' },
    policies: [
      {
        type: 'export_control',
        id: 'cn-embargo',
        exporter: 'CN',
        materials: ['ndpr-oxide', 'magnet'],
        destinations: { mode: 'only', regions: ['US'] },
        licensed_share: 0,
        start: '2026-07',
        source_ids: ['test'],
        confidence: 'estimate',
      },
    ],
    overrides: [{ table: 'facilities', id: 'us-magnet', set: { start_year: 2026, capacity: 5000 } }],
    add: {
      capacity_steps: [
        {
          facility: 'us-sep',
          year: 2027,
          capacity: 3000,
          unit: 't oxide',
          source_ids: ['test'],
          confidence: 'estimate',
        },
      ],
    },
    delays: [{ statuses: ['planned'], years: 1 }],
    cancel: [{ statuses: ['idle'] }],
    uncertainty: [
      {
        id: 'us-capacity',
        target: 'capacity',
        regions: ['US'],
        distribution: { type: 'pert', min: 0.5, mode: 1, max: 1.2 },
        source_ids: ['test'],
        confidence: 'estimate',
      },
    ],
  };
}

const SCENARIO_PATHS: readonly (string | number)[][] = [
  ['name'],
  ['extends'],
  ['dataset'],
  ['horizon'],
  ['horizon', 'start'],
  ['horizon', 'end'],
  ['period'],
  ['solver', 'time_limit'],
  ['solver', 'method'],
  ['policies', 0, 'licensed_share'],
  ['policies', 0, 'start'],
  ['policies', 0, 'end'],
  ['policies', 0, 'exporter'],
  ['policies', 0, 'type'],
  ['policies', 0, 'materials'],
  ['policies', 1],
  ['overrides', 0, 'set', 'capacity'],
  ['overrides', 0, 'set', 'start_year'],
  ['overrides', 0, 'id'],
  ['overrides', 0, 'table'],
  ['add', 'capacity_steps', 0, 'capacity'],
  ['add', 'capacity_steps', 0, 'year'],
  ['add', 'facilities'],
  ['add', 'nonsense'],
  ['delays', 0, 'years'],
  ['cancel', 0, 'facilities'],
  ['remove_policies'],
  ['uncertainty', 0, 'distribution', 'min'],
  ['uncertainty', 0, 'distribution', 'type'],
  ['unknown_field'],
];

export interface ScenarioCase {
  readonly edits: readonly { path: (string | number)[]; value: unknown }[];
  readonly mutation: TextMutation | undefined;
}

export const scenarioCase = (): fc.Arbitrary<ScenarioCase> =>
  fc.record({
    edits: fc.array(fc.record({ path: fc.constantFrom(...SCENARIO_PATHS), value: hostileValue() }), {
      minLength: 0,
      maxLength: 3,
    }),
    // Half the cases damage the file's text too (fc.option's freq is the odds of the nil: 1 in 2).
    mutation: fc.option(textMutation(), { nil: undefined, freq: 2 }),
  });

/** Writes the case as a file and runs it: exit 0 or 2, never a stack trace, problems located. */
/** The case's scenario file: the base scenario (on `dataset`) with its edits, then its damage. */
export function scenarioBytes(c: ScenarioCase, dataset = MINI_DATASET): Uint8Array {
  const value = { ...baseScenario(), dataset };
  for (const e of c.edits) setPath(value, e.path, e.value);
  const bytes: Uint8Array = new TextEncoder().encode(stringify(value));
  return c.mutation ? mutateBytes(bytes, c.mutation) : bytes;
}

export async function checkScenario(c: ScenarioCase, dir: string): Promise<CaseResult> {
  const file = join(dir, 'case.yaml');
  writeFileSync(file, scenarioBytes(c));
  let err = '';
  const t0 = performance.now();
  let code: number;
  try {
    code = await main(['node', 'lodestone', 'run', file, '--no-analysis'], {
      out: () => {},
      err: (s) => {
        err += s;
      },
      tty: false,
    });
  } catch (e) {
    return { outcome: 'threw', findings: [{ kind: 'crash', detail: `${(e as Error).stack ?? e}` }] };
  }
  const findings: Finding[] = [];
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) findings.push({ kind: 'hang', detail: `${ms.toFixed(0)} ms` });
  if (code !== 0 && code !== 2) findings.push({ kind: `exit ${code}`, detail: err.slice(0, 500) });
  if (STACK.test(err)) findings.push({ kind: 'stack trace', detail: err.slice(0, 500) });
  if (code === 2) {
    const lines = err.split('\n').filter((l) => l.startsWith('  '));
    if (lines.length === 0) findings.push({ kind: 'unlocated', detail: err.slice(0, 300) });
    for (const l of lines)
      if (!/^ {2}\S+(:\d+)?: /.test(l)) findings.push({ kind: 'unlocated', detail: l.slice(0, 300) });
  }
  return { outcome: `exit ${code}`, findings };
}

// ---------------------------------------------------------------------------------------------
// Dataset files through the loader

const miniFiles = (): { name: string; content: Uint8Array }[] =>
  readdirSync(MINI_DATASET)
    .sort()
    .map((name) => ({ name, content: readFileSync(join(MINI_DATASET, name)) }));

export interface DatasetCase {
  readonly file: number;
  readonly action:
    | { readonly kind: 'cell'; readonly row: number; readonly column: number; readonly value: unknown }
    | { readonly kind: 'text'; readonly mutation: TextMutation }
    | { readonly kind: 'rename'; readonly ext: string }
    | { readonly kind: 'json'; readonly records: unknown }
    | { readonly kind: 'remove' };
}

export const datasetCase = (): fc.Arbitrary<DatasetCase> =>
  fc.record({
    file: fc.nat(),
    action: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('cell' as const),
          row: fc.nat(),
          column: fc.nat(),
          value: hostileValue(),
        }),
      },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), mutation: textMutation() }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('rename' as const),
          ext: fc.constantFrom('.json', '.yaml', '.csv', '.yml'),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('json' as const),
          records: fc.oneof(
            fc.array(hostileValue(), { maxLength: 4 }),
            hostileValue(),
            fc.jsonValue({ maxDepth: 4 }),
          ),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const) }) },
    ),
  });

function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Applies the case to the mini dataset's files. */
export function damagedDataset(c: DatasetCase): DatasetFiles {
  const files = miniFiles();
  const i = c.file % files.length;
  const f = files[i]!;
  const a = c.action;
  const enc = new TextEncoder();
  if (a.kind === 'remove') files.splice(i, 1);
  else if (a.kind === 'text') files[i] = { ...f, content: mutateBytes(f.content, a.mutation) };
  else if (a.kind === 'rename') files[i] = { ...f, name: f.name.replace(/\.\w+$/, a.ext) };
  else if (a.kind === 'json')
    files[i] = {
      name: f.name.replace(/\.\w+$/, '.json'),
      content: enc.encode(JSON.stringify(a.records) ?? 'null'),
    };
  else if (f.name.endsWith('.csv')) {
    const lines = new TextDecoder().decode(f.content).split('\n');
    const row = 1 + (a.row % Math.max(1, lines.length - 1));
    const cells = (lines[row] ?? '').split(',');
    cells[a.column % Math.max(1, cells.length)] = csvCell(a.value);
    lines[row] = cells.join(',');
    files[i] = { ...f, content: enc.encode(lines.join('\n')) };
  } else {
    // YAML tables: a list of records; set a field of one record.
    const text = new TextDecoder().decode(f.content);
    const keys = [...text.matchAll(/^\s+-?\s*(\w+):/gm)].map((m) => m[1]!);
    const key = keys[a.column % Math.max(1, keys.length)] ?? 'id';
    files[i] = { ...f, content: enc.encode(`${text}\n- { ${key}: ${JSON.stringify(a.value) ?? 'null'} }\n`) };
  }
  return { location: 'fuzz', name: 'fuzz', files: files.sort((x, y) => (x.name < y.name ? -1 : 1)) };
}

/** Loads the damaged dataset: it loads, or an InputError names every problem's file and line or field. */
export function checkDataset(c: DatasetCase): CaseResult {
  const t0 = performance.now();
  const findings: Finding[] = [];
  let outcome = 'loaded';
  try {
    loadDatasetFiles(damagedDataset(c));
  } catch (e) {
    if (!(e instanceof InputError))
      return { outcome: 'threw', findings: [{ kind: 'crash', detail: `${(e as Error).stack ?? e}` }] };
    outcome = 'rejected';
    for (const p of unlocated(e.problems))
      findings.push({ kind: 'unlocated', detail: `${p.file}: ${p.message}` });
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) findings.push({ kind: 'hang', detail: `${ms.toFixed(0)} ms` });
  return { outcome, findings };
}

// ---------------------------------------------------------------------------------------------
// Requests through the API

export interface Route {
  readonly method: string;
  readonly url: string;
}

/** Every route of the API, from its OpenAPI document (so a new route is fuzzed without a list to keep). */
export function apiRoutes(app: ZodApp): Route[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([url, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), url })),
  );
}

/** URL-encodes what can be (a lone surrogate cannot: it goes raw, as an attacker would send it). */
const encode = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};
const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const ids = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'baseline',
      'default',
      'short',
      'nope',
      'facilities.csv',
      '%00',
      'a%00b',
      '..%2f..%2fetc',
      '%ff%fe',
      'x'.repeat(300),
      '%E2%80%AE',
    ),
    fc.string({ maxLength: 12 }).map(encode),
    fc.string({ unit: 'binary', maxLength: 6 }).map(encode),
  );

export interface ApiCase {
  /** Half the cases go to a route that takes a body (they are few, and where input goes deepest). */
  readonly write: boolean;
  readonly route: number;
  readonly params: readonly string[];
  readonly query: string;
  /** Bodies of each shape the API takes, with hostile values in them; `shaped` picks the route's own. */
  readonly bodies: { readonly scenario: unknown; readonly run: unknown; readonly upload: unknown };
  readonly shaped: boolean;
  /** Anything at all, sent when the case is not shaped. */
  readonly any: unknown;
  readonly raw: string | undefined;
}

const scenarioBody = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    // A scenario as the workbench's editor sends it, with the scenario fuzz's damage in it.
    fc.record({
      id: fc.nat({ max: 200 }).map((n) => `fuzz-${n}`),
      yaml: scenarioCase().map((c) => new TextDecoder().decode(scenarioBytes(c, 'default'))),
    }),
    fc.record({
      id: ids().map(decode),
      yaml: fc.oneof(
        fc.constantFrom('name: x\nextends: baseline\n', 'name: x\ndescription: &e /dev/zero\nextends: *e\n'),
        fc.string(),
      ),
    }),
  );

const runBody = (): fc.Arbitrary<unknown> =>
  fc.record({
    scenario: fc.oneof(ids(), fc.constantFrom('baseline', 'china-controls-2025-04')),
    kind: fc.constantFrom('run', 'mc', 'other'),
    draws: fc.oneof(hostileValue(), fc.constantFrom(1, 2)),
    seed: hostileValue(),
    blocs: fc.oneof(hostileValue(), fc.constant(['US'])),
  });

const uploadBody = (): fc.Arbitrary<unknown> =>
  fc.record({
    id: fc.oneof(
      ids(),
      fc.nat({ max: 50 }).map((n) => `up-${n}`),
    ),
    files: fc.oneof(
      datasetCase().map((c) =>
        Object.fromEntries(damagedDataset(c).files.map((f) => [f.name, new TextDecoder().decode(f.content)])),
      ),
      fc.dictionary(
        fc.constantFrom(
          'regions.csv',
          'facilities.csv',
          'agreements.json',
          'x.txt',
          '../x.csv',
          'a\u0000.csv',
        ),
        fc.oneof(fc.string(), fc.constantFrom('[1,null,"x",[2]]', 'id,name\n"unclosed,x\n')),
      ),
    ),
  });

export const apiCase = (): fc.Arbitrary<ApiCase> =>
  fc.record({
    write: fc.boolean(),
    route: fc.nat(),
    params: fc.array(ids(), { minLength: 3, maxLength: 3 }),
    query: fc.oneof(
      fc.constant(''),
      fc.constantFrom('?period=2030', '?runs=a,b', '?stage=%00', '?region=US&stage=mining', '?limit=-1'),
      fc.string({ maxLength: 10 }).map((s) => `?q=${encode(s)}`),
    ),
    bodies: fc.record({ scenario: scenarioBody(), run: runBody(), upload: uploadBody() }),
    shaped: fc.boolean(),
    any: fc.oneof(hostileValue(), fc.jsonValue({ maxDepth: 4 })),
    // One case in eight sends a body that is not JSON, or JSON of no use.
    raw: fc.oneof(
      { weight: 7, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('{', '{"id":', 'null', '[]', '"\u0000"', '{"yaml":"\\u0000"}'),
      },
    ),
  });

/** The body a case sends to a route: one of the route's own shape, or anything. */
function bodyFor(url: string, c: ApiCase): unknown {
  if (!c.shaped) return c.any;
  if (url.startsWith('/api/scenarios')) return c.bodies.scenario;
  if (url.startsWith('/api/runs')) return c.bodies.run;
  if (url.startsWith('/api/datasets')) return c.bodies.upload;
  return c.any;
}

/** Sends the case: never a 5xx, and every error is JSON with a code and a message, without a stack. */
export async function checkApi(app: ZodApp, routes: readonly Route[], c: ApiCase): Promise<CaseResult> {
  const writes = routes.filter((r) => r.method === 'POST' || r.method === 'PUT');
  const pool = c.write && writes.length > 0 ? writes : routes;
  const route = pool[c.route % pool.length]!;
  let n = 0;
  const url = route.url.replace(/\{[^}]+\}|:[A-Za-z_]+/g, () => c.params[n++ % c.params.length]!) + c.query;
  const t0 = performance.now();
  const res = await app.inject({
    method: route.method as 'GET',
    url,
    ...(route.method === 'GET' || route.method === 'DELETE'
      ? {}
      : c.raw !== undefined
        ? { payload: c.raw, headers: { 'content-type': 'application/json' } }
        : {
            payload: JSON.stringify(bodyFor(route.url, c)) ?? 'null',
            headers: { 'content-type': 'application/json' },
          }),
  });
  const findings: Finding[] = [];
  const what = `${route.method} ${url} → ${res.statusCode}`;
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) findings.push({ kind: 'hang', detail: `${what} in ${ms.toFixed(0)} ms` });
  if (res.statusCode >= 500) findings.push({ kind: '5xx', detail: `${what}: ${res.body.slice(0, 300)}` });
  if (STACK.test(res.body))
    findings.push({ kind: 'stack trace', detail: `${what}: ${res.body.slice(0, 300)}` });
  if (res.statusCode >= 400) {
    let error: { error?: unknown; message?: unknown } = {};
    try {
      error = res.json();
    } catch {
      findings.push({ kind: 'not JSON', detail: `${what}: ${res.body.slice(0, 200)}` });
    }
    if (
      typeof error.error !== 'string' ||
      !/^[a-z_]+$/.test(error.error) ||
      typeof error.message !== 'string'
    )
      findings.push({ kind: 'no error code', detail: `${what}: ${res.body.slice(0, 200)}` });
  }
  return { outcome: String(res.statusCode), findings };
}

/** A folder for scenario cases; the caller removes it. */
export const caseFolder = (): string => mkdtempSync(join(tmpdir(), 'lodestone-fuzz-'));
export const dropFolder = (dir: string): void => rmSync(dir, { recursive: true, force: true });
