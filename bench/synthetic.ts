/**
 * Synthetic but realistic datasets for the scaling benchmark, written in the real file format.
 *
 * From data/default: every region gets `regions` variants (US, US-2, US-3…; the taint sets keep
 * naming the originals only); every facility gets `facilities` copies — the first is the original, the others have
 * capacity ×0.7–1.3, unit cost ×0.85–1.15 and (when they have one) a start year shifted by −1…+2
 * years, and sit in the region variants in turn (copies of a tainting region's plants stay in it);
 * capacity steps and agreements follow their facility's copies; each demand series is split
 * over its region's variants with random weights and scaled by `facilities`, so supply and demand
 * keep their balance. Transport and collection rows naming a region are copied to its variants.
 * Materials, processes, applications, sources and policies are kept as they are. Seeded: the same
 * spec writes the same files.
 *
 *   npx tsx bench/synthetic.ts OUT_DIR [--facilities 10] [--regions 3] [--years 30] [--seed 1]
 *
 * writes OUT_DIR/data (the dataset) and OUT_DIR/scenario.yaml (the baseline's rules over the horizon).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { parse as parseYaml } from 'yaml';
import { defaultDatasetDir } from '../src/scenario/package-root.js';

export interface SyntheticSpec {
  /** Copies of each facility (and demand scale). */
  readonly facilities: number;
  /** Variants of each region. */
  readonly regions: number;
  /** Years in the scenario's horizon, from 2025. */
  readonly years: number;
  readonly seed: number;
}

type Row = Record<string, string>;

/** mulberry32: a small seeded generator, uniform on [0, 1). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const variantId = (id: string, v: number) => (v === 0 ? id : `${id}-${v + 1}`);
const copyId = variantId;
const round = (x: number) => String(Math.round(x * 1000) / 1000);

function readCsv(dir: string, file: string): { columns: string[]; rows: Row[] } {
  let columns: string[] = [];
  const rows = parse(readFileSync(join(dir, file), 'utf8'), {
    columns: (header: string[]) => {
      columns = header.map((h) => h.trim());
      return columns;
    },
    comment: '#',
    comment_no_infix: true,
    skip_empty_lines: true,
    trim: true,
  }) as Row[];
  return { columns, rows };
}

function writeCsv(dir: string, file: string, columns: string[], rows: Row[]): void {
  writeFileSync(join(dir, file), stringify(rows, { header: true, columns }));
}

/** Writes the dataset to `outDir/data` and a scenario to `outDir/scenario.yaml`; returns the scenario's path. */
export function writeSynthetic(outDir: string, spec: SyntheticSpec, sourceDir = defaultDatasetDir()): string {
  const random = rng(spec.seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const dir = join(outDir, 'data');
  mkdirSync(dir, { recursive: true });
  const handled = new Set(['dataset.yaml']);
  const transform = (file: string, f: (t: { columns: string[]; rows: Row[] }) => Row[]) => {
    const table = readCsv(sourceDir, file);
    writeCsv(dir, file, table.columns, f(table));
    handled.add(file);
  };
  const variants = (region: string) =>
    region === '*' ? ['*'] : Array.from({ length: spec.regions }, (_, v) => variantId(region, v));

  // Regions of any taint set: their plants' copies stay in them.
  const taints = new Set(
    (parseYaml(readFileSync(join(sourceDir, 'taint_sets.yaml'), 'utf8')) as { regions: string[] }[]).flatMap(
      (s) => s.regions,
    ),
  );
  transform('regions.csv', ({ rows }) =>
    rows.flatMap((r) =>
      Array.from({ length: spec.regions }, (_, v) => {
        const name = v === 0 ? r.name! : `${r.name} ${v + 1}`;
        return { ...r, id: variantId(r.id!, v), name };
      }),
    ),
  );

  const processCost = new Map(
    (
      parseYaml(readFileSync(join(sourceDir, 'processes.yaml'), 'utf8')) as {
        id: string;
        unit_cost?: number;
      }[]
    ).map((p) => [p.id, p.unit_cost ?? 0]),
  );
  // Per facility copy: its region, capacity factor and start-year shift (copy 0 is the original).
  const copies = new Map<string, { region: string; factor: number; shift: number }[]>();
  transform('facilities.csv', ({ rows }) =>
    rows.flatMap((f) => {
      const list = Array.from({ length: spec.facilities }, (_, c) => ({
        region: taints.has(f.region!) ? f.region! : variantId(f.region!, c % spec.regions),
        factor: c === 0 ? 1 : between(0.7, 1.3),
        shift: c === 0 || !f.start_year ? 0 : Math.floor(between(-1, 3)),
      }));
      copies.set(f.id!, list);
      return list.map((k, c) => {
        if (c === 0) return f;
        const cost = f.unit_cost ? Number(f.unit_cost) : processCost.get(f.process!)!;
        return {
          ...f,
          id: copyId(f.id!, c),
          name: `${f.name} #${c + 1}`,
          region: k.region,
          capacity: round(Number(f.capacity) * k.factor),
          unit_cost: round(cost * between(0.85, 1.15)),
          cost_unit: f.unit_cost ? (f.cost_unit ?? '') : 'USD/kg',
          start_year: f.start_year ? String(Number(f.start_year) + k.shift) : '',
          end_year: f.end_year ? String(Number(f.end_year) + k.shift) : '',
        };
      });
    }),
  );
  transform('capacity_steps.csv', ({ rows }) =>
    rows.flatMap((s) =>
      copies.get(s.facility!)!.map((k, c) => ({
        ...s,
        facility: copyId(s.facility!, c),
        year: String(Number(s.year) + k.shift),
        capacity: c === 0 ? s.capacity! : round(Number(s.capacity) * k.factor),
      })),
    ),
  );
  transform('agreements.csv', ({ rows }) =>
    rows.flatMap((a) =>
      copies.get(a.supplier!)!.map((_, c) => ({
        ...a,
        id: copyId(a.id!, c),
        supplier: copyId(a.supplier!, c),
        buyer_region: a.buyer_region ? variants(a.buyer_region)[c % spec.regions]! : '',
        buyer_facility: a.buyer_facility ? copyId(a.buyer_facility, c) : '',
      })),
    ),
  );
  // One set of weights per series (region, application, material), so each series stays smooth.
  const weights = new Map<string, number[]>();
  transform('demand.csv', ({ rows }) =>
    rows.flatMap((d) => {
      const key = `${d.region}|${d.application}|${d.material}`;
      if (!weights.has(key)) {
        const w = Array.from({ length: spec.regions }, () => between(0.5, 1.5));
        const sum = w.reduce((s, x) => s + x, 0);
        weights.set(
          key,
          w.map((x) => x / sum),
        );
      }
      return variants(d.region!).map((region, v) => ({
        ...d,
        region,
        amount: round(Number(d.amount) * spec.facilities * weights.get(key)![v]!),
      }));
    }),
  );
  transform('transport.csv', ({ rows }) =>
    rows.flatMap((t) =>
      variants(t.from!).flatMap((from) => variants(t.to!).map((to) => ({ ...t, from, to }))),
    ),
  );
  const files = readdirSync(sourceDir);
  if (files.includes('collection.csv'))
    transform('collection.csv', ({ rows }) =>
      rows.flatMap((r) => variants(r.region!).map((region) => ({ ...r, region }))),
    );
  if (files.includes('inventory.csv'))
    transform('inventory.csv', ({ rows }) =>
      rows.flatMap((r) =>
        variants(r.region!).map((region) => ({
          ...r,
          region,
          amount: round((Number(r.amount) * spec.facilities) / spec.regions),
        })),
      ),
    );
  for (const f of files) if (!handled.has(f)) copyFileSync(join(sourceDir, f), join(dir, f));
  const name = `synthetic-f${spec.facilities}-r${spec.regions}`;
  writeFileSync(
    join(dir, 'dataset.yaml'),
    `name: ${name}\ndescription: Synthetic dataset from data/default (bench/synthetic.ts, seed ${spec.seed}).\nversion: 0.0.0\nbase_year: 2025\n`,
  );
  const scenarioFile = join(outDir, 'scenario.yaml');
  writeFileSync(
    scenarioFile,
    [
      `name: ${name}`,
      'description: The baseline rules (planned projects outside China cancelled) on a synthetic dataset.',
      'dataset: data',
      `horizon: { start: 2025, end: ${2025 + spec.years - 1} }`,
      'period: year',
      'taint: feoc',
      'cancel:',
      '  - { statuses: [planned], exclude_regions: [CN] }',
      '',
    ].join('\n'),
  );
  return scenarioFile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [out, ...flags] = process.argv.slice(2);
  if (!out) {
    console.error(
      'usage: tsx bench/synthetic.ts OUT_DIR [--facilities 10] [--regions 3] [--years 30] [--seed 1]',
    );
    process.exit(2);
  }
  const flag = (name: string, fallback: number) => {
    const i = flags.indexOf(`--${name}`);
    return i >= 0 ? Number(flags[i + 1]) : fallback;
  };
  const spec = {
    facilities: flag('facilities', 10),
    regions: flag('regions', 3),
    years: flag('years', 30),
    seed: flag('seed', 1),
  };
  console.log(writeSynthetic(resolve(out), spec));
}
