/**
 * Reads exposure.yaml and checks it against its schema and the dataset, reporting every problem at
 * once with the line it is on (as scenarios and dataset files are): an unknown supplier, a supplier
 * that does not make the grade, shares not summing to 1, a grade the dataset lacks, negative tonnes,
 * tonnes beyond the demand they are carved out of.
 */
import { parseYaml } from '../dataset/parse-yaml.js';
import { type Problem, ProblemList } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import { annualDemand, demandSeries } from '../model/demand.js';
import {
  Contract,
  ExposureFile,
  exposureYears,
  ProductLine,
  SHARE_TOLERANCE,
  type Supplier,
  tonnesIn,
} from './schema.js';

/** Most bytes of an exposure file: a large company's is a few kilobytes. */
export const MAX_EXPOSURE_BYTES = 1024 * 1024;

/** Where a line's supplier sends its share from: facilities (dedicated), a country (by trade), or the home market. */
export type SupplierSource =
  | { readonly kind: 'facilities'; readonly facilities: readonly string[] }
  | { readonly kind: 'country'; readonly region: string }
  | { readonly kind: 'unnamed' };

export interface ResolvedSupplier {
  readonly supplier: Supplier;
  /** How the outputs name it: the facility id, company name, country id or "unnamed". */
  readonly label: string;
  readonly source: SupplierSource;
}

export interface Exposure {
  readonly file: string;
  readonly value: ExposureFile;
  readonly years: { readonly start: number; readonly end: number };
  /** Per product line (in file order), its suppliers resolved against the dataset. */
  readonly suppliers: readonly (readonly ResolvedSupplier[])[];
}

export type ExposureLoad =
  | { readonly exposure: Exposure; readonly problems: readonly Problem[] }
  | {
      readonly exposure?: undefined;
      readonly problems: readonly Problem[];
    };

/** Parses and checks an exposure file; `exposure` is set only when no problem is an error. */
export function loadExposureText(text: string, file: string, dataset: Dataset): ExposureLoad {
  const problems = new ProblemList();
  const yaml = parseYaml(text, file, problems, MAX_EXPOSURE_BYTES);
  if (!yaml) return { problems: problems.items };
  const lineAt = (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = yaml.doc.getIn(path.slice(0, n), true) as { range?: [number] } | undefined;
      if (node?.range) return yaml.lineAt(node.range[0]);
    }
    return undefined;
  };
  const error = (path: readonly (string | number)[], message: string) =>
    problems.error(file, lineAt(path), path.join('.') || undefined, message);

  const raw = yaml.value ?? {};
  const parsed = ExposureFile.safeParse(raw);
  // Paths name items by their index in the file; a partial value keeps only the items that parsed.
  let lineIndex = (i: number) => i;
  let contractIndex = (i: number) => i;
  let value: ExposureFile;
  if (parsed.success) value = parsed.data;
  else {
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) error([...path, key], `unknown field "${key}"`);
        continue;
      }
      const missing = issue.code === 'invalid_type' && issue.input === undefined ? 'missing; ' : '';
      error(path, `${missing}${issue.message}`);
    }
    // What did parse is checked against the dataset too, so every problem is reported at once.
    const partial = partialValue(raw);
    value = partial.value;
    lineIndex = (i) => partial.lines[i]!;
    contractIndex = (i) => partial.contracts[i]!;
  }
  const years = exposureYears(value);
  const horizonGiven = typeof raw === 'object' && raw !== null && 'horizon' in raw;
  if (!years && !horizonGiven)
    error(['horizon'], 'missing; give a horizon { start, end } or tonnes as a map of year: tonnes');

  const regions = new Set(dataset.regions.map((r) => r.id));
  const applications = new Set(dataset.applications.map((a) => a.id));
  const magnets = dataset.materials.filter((m) => m.form === 'magnet').map((m) => m.id);
  const processes = new Map(dataset.processes.map((p) => [p.id, p]));
  const makes = (facilityId: string, grade: string) => {
    const f = dataset.facilities.find((x) => x.id === facilityId);
    return f !== undefined && (processes.get(f.process)?.outputs.some((o) => o.material === grade) ?? false);
  };
  if (value.region !== '' && !regions.has(value.region))
    error(['region'], `unknown region "${value.region}" (regions.csv)`);

  const seen = new Set<string>();
  const suppliers: ResolvedSupplier[][] = [];
  value.product_lines.forEach((line, i) => {
    const at = (...rest: (string | number)[]) => ['product_lines', lineIndex(i), ...rest];
    if (seen.has(line.id)) error(at('id'), `product line "${line.id}" is given twice`);
    seen.add(line.id);
    if (!applications.has(line.application))
      error(at('application'), `unknown application "${line.application}" (applications.csv)`);
    const gradeKnown = magnets.includes(line.grade);
    if (!gradeKnown)
      error(at('grade'), `the dataset has no magnet grade "${line.grade}" (it has ${magnets.join(', ')})`);
    const total = line.suppliers.reduce((s, x) => s + x.share, 0);
    if (Math.abs(total - 1) > SHARE_TOLERANCE)
      error(
        at('suppliers'),
        `supplier shares sum to ${round(total)}, expected 1 (add an { unnamed: true } share for the rest)`,
      );
    const resolved: ResolvedSupplier[] = [];
    line.suppliers.forEach((s, j) => {
      const where = at('suppliers', j);
      if (s.facility !== undefined) {
        if (!dataset.facilities.some((f) => f.id === s.facility))
          error([...where, 'facility'], `unknown supplier facility "${s.facility}" (facilities.csv)`);
        else if (gradeKnown && !makes(s.facility, line.grade))
          error([...where, 'facility'], `facility "${s.facility}" does not make ${line.grade}`);
        resolved.push({
          supplier: s,
          label: s.facility,
          source: { kind: 'facilities', facilities: [s.facility] },
        });
      } else if (s.company !== undefined) {
        const name = s.company.toLowerCase();
        const owned = dataset.facilities.filter((f) => f.owner.toLowerCase().includes(name));
        const making = owned.filter((f) => makes(f.id, line.grade)).map((f) => f.id);
        if (owned.length === 0)
          error(
            [...where, 'company'],
            `unknown supplier company "${s.company}" (no facility of facilities.csv has that owner)`,
          );
        else if (gradeKnown && making.length === 0)
          error(
            [...where, 'company'],
            `no plant of "${s.company}" makes ${line.grade} (its plants: ${owned.map((f) => f.id).join(', ')})`,
          );
        resolved.push({ supplier: s, label: s.company, source: { kind: 'facilities', facilities: making } });
      } else if (s.country !== undefined) {
        if (!regions.has(s.country))
          error([...where, 'country'], `unknown supplier country "${s.country}" (regions.csv)`);
        else if (
          gradeKnown &&
          !dataset.facilities.some((f) => f.region === s.country && makes(f.id, line.grade))
        )
          error([...where, 'country'], `no plant in "${s.country}" makes ${line.grade}`);
        else if (s.country === value.region)
          error(
            [...where, 'country'],
            `the home region "${s.country}" as a country supplier: name its plants, or use { unnamed: true }`,
          );
        resolved.push({ supplier: s, label: s.country, source: { kind: 'country', region: s.country } });
      } else resolved.push({ supplier: s, label: 'unnamed', source: { kind: 'unnamed' } });
    });
    suppliers.push(resolved);
    // The named share is carved out of the home region's demand: it cannot exceed it.
    if (years && gradeKnown && regions.has(value.region)) {
      const named = 1 - line.suppliers.filter((s) => s.unnamed).reduce((a, s) => a + s.share, 0);
      const series = demandSeries(dataset.demand).find(
        (d) => d.region === value.region && d.application === line.application && d.material === line.grade,
      );
      for (let y = years.start; y <= years.end; y++) {
        const want = tonnesIn(line.tonnes, y) * named;
        const have = series ? annualDemand(series.rows, y) : 0;
        if (want > have + 1e-9) {
          error(
            at('tonnes'),
            `${round(want)} t of ${line.grade} from named suppliers in ${y} exceed the ${value.region} ${line.application} demand for it (${round(have)} t) that the company's demand is carved out of`,
          );
          break;
        }
      }
    }
  });

  value.contracts.forEach((c, i) => {
    const at = (field: string) => ['contracts', contractIndex(i), field];
    if ('agreement' in c) {
      const a = dataset.agreements.find((x) => x.id === c.agreement);
      if (!a) {
        error(at('agreement'), `unknown agreement "${c.agreement}" (agreements.csv)`);
        return;
      }
      const served = value.product_lines.some(
        (l, li) =>
          l.grade === a.material &&
          suppliers[li]!.some(
            (s) => s.source.kind === 'facilities' && s.source.facilities.includes(a.supplier),
          ),
      );
      if (!served)
        error(
          at('agreement'),
          `agreement "${c.agreement}" (${a.supplier}, ${a.material}) supplies no product line: name ${a.supplier} as a supplier of a ${a.material} line`,
        );
      return;
    }
    const li = value.product_lines.findIndex((l) => l.id === c.line);
    if (li < 0) {
      error(at('line'), `unknown product line "${c.line}"`);
      return;
    }
    if (
      !suppliers[li]!.some((s) => s.source.kind === 'facilities' && s.source.facilities.includes(c.facility))
    )
      error(at('facility'), `facility "${c.facility}" is not a supplier of line "${c.line}"`);
    if (c.start_year !== undefined && c.end_year !== undefined && c.end_year < c.start_year)
      error(at('end_year'), 'expected end_year ≥ start_year');
  });

  if (!parsed.success || problems.hasErrors || !years) return { problems: problems.items };
  return { exposure: { file, value, years, suppliers }, problems: problems.items };
}

const round = (x: number) => Number(x.toPrecision(6));

/**
 * A product line with its bad tonnes, inventory, critical flag or name set aside (their problems are
 * already reported), so its grade and suppliers are still checked against the dataset.
 */
function repaired(line: unknown): unknown {
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return line;
  const out: Record<string, unknown> = { ...line };
  const shape = ProductLine.shape;
  if (!shape.tonnes.safeParse(out.tonnes).success) out.tonnes = 0;
  for (const key of ['inventory', 'critical', 'name'] as const)
    if (!shape[key].safeParse(out[key]).success) delete out[key];
  return out;
}

/** The parts of a file that failed its schema which parse on their own, with their indices in the file. */
function partialValue(raw: unknown): { value: ExposureFile; lines: number[]; contracts: number[] } {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const items = <T>(list: unknown, schema: { safeParse(x: unknown): { success: boolean; data?: T } }) => {
    const out: { item: T; index: number }[] = [];
    if (Array.isArray(list))
      list.forEach((x, index) => {
        const p = schema.safeParse(x);
        if (p.success) out.push({ item: p.data as T, index });
      });
    return out;
  };
  const lines = items<ProductLine>(o.product_lines, {
    safeParse: (x: unknown) => ProductLine.safeParse(repaired(x)),
  });
  const contracts = items<Contract>(o.contracts, Contract);
  const horizon = ExposureFile.shape.horizon.safeParse(o.horizon);
  return {
    value: {
      company: '',
      region: typeof o.region === 'string' ? o.region : '',
      ...(horizon.success && horizon.data ? { horizon: horizon.data } : {}),
      product_lines: lines.map((l) => l.item),
      contracts: contracts.map((c) => c.item),
    },
    lines: lines.map((l) => l.index),
    contracts: contracts.map((c) => c.index),
  };
}
