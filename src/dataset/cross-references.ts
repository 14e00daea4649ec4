/** Checks that every id a record names exists, ids are unique, and compositions add up. */
import { policyProblems, policyReferences } from '../policies/index.js';
import type { IdTable, Reference } from '../policies/types.js';
import type { Row } from '../schema/tables.js';
import { toUsdPerKg } from '../units/units.js';
import type { ProblemList } from './problems.js';
import { ANY_ID } from './raw-record.js';
import { fieldLine, type Located } from './validate-rows.js';

export interface RawDataset {
  sources: Located<Row<'sources'>>[];
  regions: Located<Row<'regions'>>[];
  taint_sets: Located<Row<'taint_sets'>>[];
  materials: Located<Row<'materials'>>[];
  processes: Located<Row<'processes'>>[];
  facilities: Located<Row<'facilities'>>[];
  capacity_steps: Located<Row<'capacity_steps'>>[];
  applications: Located<Row<'applications'>>[];
  demand: Located<Row<'demand'>>[];
  demand_curves: Located<Row<'demand_curves'>>[];
  transport: Located<Row<'transport'>>[];
  inventory: Located<Row<'inventory'>>[];
  agreements: Located<Row<'agreements'>>[];
  policies: Located<Row<'policies'>>[];
  collection: Located<Row<'collection'>>[];
  substitutions: Located<Row<'substitutions'>>[];
  uncertainty: Located<Row<'uncertainty'>>[];
  price_benchmarks: Located<Row<'price_benchmarks'>>[];
  candidates: Located<Row<'candidates'>>[];
}

const ids = <T extends { id: string }>(rows: Located<T>[]) => new Set(rows.map((r) => r.row.id));

export function checkUniqueIds<T extends { id: string }>(rows: Located<T>[], problems: ProblemList): void {
  const first = new Map<string, Located<T>>();
  for (const r of rows) {
    const prev = first.get(r.row.id);
    if (prev)
      problems.error(
        r.file,
        fieldLine(r, 'id'),
        'id',
        `duplicate id "${r.row.id}" (first at line ${prev.line ?? '?'})`,
      );
    else first.set(r.row.id, r);
  }
}

/**
 * The foreign keys of each table, in the order the tables are checked: a field's values must be ids
 * of the table named. A policy's depend on its type (each policy module declares its own). Every
 * record's `source_ids` are checked first.
 */
export const FOREIGN_KEYS: {
  readonly [T in keyof RawDataset]?:
    | readonly Reference[]
    | ((row: RawDataset[T][number]['row']) => readonly Reference[]);
} = {
  regions: [{ field: 'imports_from', table: 'regions' }],
  materials: [],
  processes: [
    { field: 'inputs.*.material', table: 'materials' },
    { field: 'outputs.*.material', table: 'materials' },
  ],
  facilities: [
    { field: 'region', table: 'regions' },
    { field: 'process', table: 'processes' },
  ],
  capacity_steps: [{ field: 'facility', table: 'facilities' }],
  demand: [
    { field: 'region', table: 'regions' },
    { field: 'application', table: 'applications' },
    { field: 'material', table: 'materials' },
  ],
  demand_curves: [{ field: 'application', table: 'applications' }],
  price_benchmarks: [
    { field: 'material', table: 'materials' },
    { field: 'region', table: 'regions' },
  ],
  transport: [
    { field: 'from', table: 'regions', wildcard: true },
    { field: 'to', table: 'regions', wildcard: true },
    { field: 'material', table: 'materials', wildcard: true },
  ],
  inventory: [
    { field: 'region', table: 'regions' },
    { field: 'material', table: 'materials' },
  ],
  agreements: [
    { field: 'supplier', table: 'facilities' },
    { field: 'buyer_region', table: 'regions' },
    { field: 'buyer_application', table: 'applications' },
    { field: 'buyer_facility', table: 'facilities' },
    { field: 'material', table: 'materials' },
  ],
  candidates: [
    { field: 'region', table: 'regions' },
    { field: 'process', table: 'processes' },
    { field: 'facility', table: 'facilities' },
  ],
  policies: policyReferences,
  taint_sets: [{ field: 'regions', table: 'regions' }],
  applications: [{ field: 'eol_material', table: 'materials' }],
  collection: [
    { field: 'region', table: 'regions', wildcard: true },
    { field: 'application', table: 'applications', wildcard: true },
  ],
  substitutions: [
    { field: 'application', table: 'applications' },
    { field: 'regions', table: 'regions' },
    { field: 'from', table: 'materials' },
    { field: 'to', table: 'materials' },
  ],
  uncertainty: [
    { field: 'facilities', table: 'facilities' },
    { field: 'regions', table: 'regions' },
    { field: 'exclude_regions', table: 'regions' },
    { field: 'applications', table: 'applications' },
    { field: 'policies', table: 'policies' },
    { field: 'substitutions', table: 'substitutions' },
  ],
};

type RecordChecks = {
  readonly [T in keyof RawDataset]?: (r: RawDataset[T][number], problems: ProblemList) => void;
};

/** Checks of one record beyond its schema and its foreign keys, by table. */
function recordChecks(d: RawDataset): RecordChecks {
  const processById = new Map(d.processes.map((p) => [p.row.id, p.row]));
  const applicationIds = new Set(d.applications.map((a) => a.row.id));
  const materialIds = new Set(d.materials.map((m) => m.row.id));
  const demanded = new Set(d.demand.map((r) => `${r.row.region}|${r.row.application}|${r.row.material}`));
  const facilityById = new Map(d.facilities.map((f) => [f.row.id, f.row]));
  return {
    materials: checkComposition,
    processes: checkReference,
    facilities: (r, problems) => {
      const process = processById.get(r.row.process);
      const basis = r.row.capacity_basis;
      if (process && basis && ![...process.inputs, ...process.outputs].some((f) => f.material === basis)) {
        problems.error(
          r.file,
          fieldLine(r, 'capacity_basis'),
          'capacity_basis',
          `"${basis}" is not in the recipe of process "${process.id}"`,
        );
      }
      if (
        r.row.start_year !== undefined &&
        r.row.end_year !== undefined &&
        r.row.end_year < r.row.start_year
      ) {
        problems.error(r.file, fieldLine(r, 'end_year'), 'end_year', 'expected end_year ≥ start_year');
      }
    },
    substitutions: (r, problems) => {
      const o = r.row;
      // Unknown ids are reported by the cross-references; an option that names known ones but
      // meets no demand is legal and does nothing, which is worth a word.
      if (!applicationIds.has(o.application)) return;
      const regions = o.regions.length > 0 ? o.regions : [...new Set(d.demand.map((x) => x.row.region))];
      o.from.forEach((m, i) => {
        if (!materialIds.has(m)) return;
        if (regions.some((region) => demanded.has(`${region}|${o.application}|${m}`))) return;
        const where = o.regions.length > 0 ? ` in ${o.regions.join(', ')}` : '';
        problems.warn(
          r.file,
          fieldLine(r, 'from'),
          `from.${i}`,
          `no demand of ${o.application} for "${m}"${where}: the substitution never applies there`,
        );
      });
    },
    candidates: (r, problems) => checkCandidate(r, processById, facilityById, problems),
    policies: (r, problems) => {
      for (const p of policyProblems(r.row))
        problems.error(r.file, fieldLine(r, p.field), p.field, p.message);
    },
  };
}

/** The tables whose ids must be unique. */
const KEYED_TABLES = [
  'sources',
  'regions',
  'taint_sets',
  'materials',
  'processes',
  'facilities',
  'applications',
  'agreements',
  'policies',
  'substitutions',
  'candidates',
] as const;

/** The singular of each table that others name, for messages. */
const RECORD_NAME: Record<IdTable, string> = {
  sources: 'source',
  regions: 'region',
  taint_sets: 'taint set',
  materials: 'material',
  processes: 'process',
  facilities: 'facility',
  applications: 'application',
  policies: 'policy',
  substitutions: 'substitution',
};

/**
 * `declared` holds the ids of every record in the files, valid or not, so that a record which
 * failed validation is reported once, not again by each record that names it. A table that could
 * not be read declares ANY_ID, and then no reference into it is reported.
 */
export function checkCrossReferences(
  d: RawDataset,
  problems: ProblemList,
  declared: Partial<Record<string, Set<string>>> = {},
): void {
  for (const table of KEYED_TABLES) checkUniqueIds(d[table] as Located<{ id: string }>[], problems);
  const known = Object.fromEntries(
    (Object.keys(RECORD_NAME) as IdTable[]).map((t) => [
      t,
      declared[t] ?? ids(d[t] as Located<{ id: string }>[]),
    ]),
  ) as Record<IdTable, Set<string>>;
  const check = (r: Located<unknown>, key: Reference) => {
    const valid = known[key.table];
    if (valid.has(ANY_ID)) return; // its table could not be read: that is the problem to fix
    for (const { field, value } of valuesAt(r.row, key.field)) {
      if (valid.has(value) || (key.wildcard && value === '*')) continue;
      problems.error(
        r.file,
        fieldLine(r, field),
        field,
        `unknown ${RECORD_NAME[key.table]} "${value}"; expected an id from ${key.table}`,
      );
    }
  };

  const sources: Reference = { field: 'source_ids', table: 'sources' };
  for (const rows of Object.values(d) as Located<unknown>[][]) for (const r of rows) check(r, sources);
  const checks = recordChecks(d);
  for (const table of Object.keys(FOREIGN_KEYS) as (keyof RawDataset)[]) {
    const keys = FOREIGN_KEYS[table] as readonly Reference[] | ((row: unknown) => readonly Reference[]);
    const more = checks[table] as ((r: Located<unknown>, problems: ProblemList) => void) | undefined;
    for (const r of d[table] as Located<unknown>[]) {
      for (const key of typeof keys === 'function' ? keys(r.row) : keys) check(r, key);
      more?.(r, problems);
    }
  }
  checkDistances(d, problems);
  checkDuplicateDemand(d, problems);
  checkDemandCurves(d, problems);
}

/** The ids a record's field holds, each with the path of its field (`regions.1` for an item of a list). */
function valuesAt(record: unknown, path: string): { field: string; value: string }[] {
  let found: { field: string; value: unknown }[] = [{ field: '', value: record }];
  for (const key of path.split('.')) {
    found = found.flatMap(({ field, value }) => {
      const at = (k: string | number, v: unknown) => ({
        field: field ? `${field}.${k}` : String(k),
        value: v,
      });
      if (key === '*') return Array.isArray(value) ? value.map((v, i) => at(i, v)) : [];
      const v =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      return [at(key, v)];
    });
  }
  return found.flatMap(({ field, value }) =>
    typeof value === 'string'
      ? [{ field, value }]
      : Array.isArray(value)
        ? value.flatMap((v, i) => (typeof v === 'string' ? [{ field: `${field}.${i}`, value: v }] : []))
        : [],
  );
}

/** A process names its reference material once among its inputs or outputs. */
function checkReference(r: Located<Row<'processes'>>, problems: ProblemList): void {
  const refFlows = [...r.row.inputs, ...r.row.outputs].filter((f) => f.material === r.row.reference);
  if (refFlows.length !== 1 || !(refFlows[0]!.amount > 0)) {
    problems.error(
      r.file,
      fieldLine(r, 'reference'),
      'reference',
      `expected the reference material "${r.row.reference}" once among the inputs or outputs, with an amount > 0`,
    );
  }
}

/** A cost per distance needs both ends of the routes it covers placed on the map. */
function checkDistances(d: RawDataset, problems: ProblemList): void {
  const byDistance = d.transport.filter((r) => (r.row.per_1000km ?? 0) > 0);
  if (byDistance.length === 0) return;
  const ends = new Set(byDistance.flatMap((r) => [r.row.from, r.row.to]));
  for (const r of d.regions) {
    if (!ends.has('*') && !ends.has(r.row.id)) continue;
    const missing = (['lat', 'lon'] as const).filter((f) => r.row[f] === undefined);
    if (missing.length === 0) continue;
    const line = byDistance[0]!;
    problems.error(
      r.file,
      r.line,
      missing[0]!,
      `expected ${missing.join(' and ')}: ${line.file} line ${line.line ?? '?'} charges transport per 1,000 km`,
    );
  }
}

function checkComposition(r: Located<Row<'materials'>>, problems: ProblemList): void {
  const sum = Object.values(r.row.composition).reduce((a, b) => a + b, 0);
  const reoBased = r.row.form === 'concentrate' || r.row.form === 'oxide';
  if (reoBased && Math.abs(sum - 1) > 0.01) {
    problems.error(
      r.file,
      fieldLine(r, 'composition'),
      'composition',
      `expected fractions of the REO summing to 1, got ${round(sum)}`,
    );
  } else if (!reoBased && sum > 1 + 1e-9) {
    problems.error(
      r.file,
      fieldLine(r, 'composition'),
      'composition',
      `expected mass fractions summing to at most 1, got ${round(sum)}`,
    );
  }
  if (r.row.form !== 'concentrate' && r.row.grade !== undefined) {
    problems.error(r.file, fieldLine(r, 'grade'), 'grade', 'only concentrates have a grade');
  }
}

function checkDuplicateDemand(d: RawDataset, problems: ProblemList): void {
  const seen = new Map<string, number | undefined>();
  for (const r of d.demand) {
    const key = `${r.row.region}|${r.row.application}|${r.row.material}|${r.row.year}`;
    if (seen.has(key)) {
      problems.error(
        r.file,
        fieldLine(r, 'year'),
        'year',
        `duplicate demand for ${key.replaceAll('|', ' ')} (first at line ${seen.get(key) ?? '?'})`,
      );
    } else seen.set(key, r.line);
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * An application's demand curve: its steps numbered 1, 2, … once each, prices rising with the
 * step (demand falls as price rises), shares summing to at most 1, one reference price and
 * elasticity, and every price below the application's value of lost load (a block above it would
 * never be given up before going short).
 */
function checkDemandCurves(d: RawDataset, problems: ProblemList): void {
  const apps = new Map(d.applications.map((a) => [a.row.id, a.row]));
  const byApp = new Map<string, Located<Row<'demand_curves'>>[]>();
  for (const r of d.demand_curves) {
    const list = byApp.get(r.row.application) ?? [];
    list.push(r);
    byApp.set(r.row.application, list);
  }
  for (const [app, rows] of byApp) {
    const sorted = [...rows].sort((a, b) => a.row.step - b.row.step);
    let sum = 0;
    sorted.forEach((r, i) => {
      const err = (field: string, message: string) =>
        problems.error(r.file, fieldLine(r, field), field, message);
      const prev = sorted[i - 1];
      if (r.row.step !== i + 1)
        err(
          'step',
          prev?.row.step === r.row.step
            ? `duplicate step ${r.row.step} of the curve of "${app}" (first at line ${prev.line ?? '?'})`
            : `expected step ${i + 1} of the curve of "${app}" (steps are numbered 1, 2, … without gaps)`,
        );
      if (prev && prev.row.step !== r.row.step && !(r.row.price > prev.row.price))
        err(
          'price',
          `the curve of "${app}" is not monotone: step ${r.row.step} has price ${r.row.price}, expected above ${prev.row.price} (step ${prev.row.step}, line ${prev.line ?? '?'})`,
        );
      const first = sorted[0]!;
      for (const field of ['reference_price', 'elasticity', 'unit'] as const)
        if (r.row[field] !== first.row[field])
          err(
            field,
            `expected the ${field} of the curve's other steps (${first.row[field]}, line ${first.line ?? '?'})`,
          );
      sum += r.row.share;
      if (sum > 1 + 1e-9 && sum - r.row.share <= 1 + 1e-9)
        err(
          'share',
          `the shares of the curve of "${app}" sum to ${round(sorted.reduce((a, x) => a + x.row.share, 0))}, expected at most 1`,
        );
      const a = apps.get(app);
      const [price, voll] = [toUsdPerKg(r.row.unit), a && toUsdPerKg(a.voll_unit)];
      if (a && price.ok && voll?.ok && !(r.row.price * price.factor < a.voll * voll.factor))
        err('price', `expected a price below the value of lost load of "${app}" (${a.voll} ${a.voll_unit})`);
    });
  }
}

/** A candidate's size basis is in its recipe, its sizes are in order, and a project builds its own facility. */
function checkCandidate(
  r: Located<Row<'candidates'>>,
  processById: ReadonlyMap<string, Row<'processes'>>,
  facilityById: ReadonlyMap<string, Row<'facilities'>>,
  problems: ProblemList,
): void {
  const c = r.row;
  const at = (field: string, message: string) => problems.error(r.file, fieldLine(r, field), field, message);
  const process = processById.get(c.process);
  if (
    process &&
    c.size_basis &&
    ![...process.inputs, ...process.outputs].some((f) => f.material === c.size_basis)
  )
    at('size_basis', `"${c.size_basis}" is not in the recipe of process "${process.id}"`);
  if (c.max_size !== undefined && c.min_size > c.max_size)
    at('min_size', `expected min_size ≤ max_size (${c.max_size})`);
  if (c.kind === 'project' && c.facility === undefined)
    at('facility', 'expected the facility of the announced project (kind project)');
  if (c.max_size === undefined && c.facility === undefined)
    at('max_size', 'expected a max_size (only a project takes its size from its facility)');
  const f = c.facility === undefined ? undefined : facilityById.get(c.facility);
  if (f && (f.region !== c.region || f.process !== c.process))
    at('facility', `facility "${f.id}" is ${f.process} in ${f.region}, not ${c.process} in ${c.region}`);
}
