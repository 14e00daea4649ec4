/**
 * The layers of src, lowest first, and the one rule between them: a file imports from its own layer
 * and the layers below it, never from a layer above. docs/architecture.md explains the order;
 * test/layers.test.ts holds the code to it (`npx tsx test/layers.ts` lists any import that breaks it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Layer {
  readonly name: string;
  /** Folders and files under the repository root; the longest that contains a file places it. */
  readonly paths: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  // Know nothing of the domain's records: units, element data, periods, time series.
  { name: 'foundations', paths: ['src/units', 'src/time', 'src/stats'] },
  // Record types, and policies: a policy type is a record type plus how it acts, and sees the
  // network and the LP only through the interfaces of src/policies/types.ts.
  { name: 'records', paths: ['src/schema', 'src/policies'] },
  { name: 'dataset', paths: ['src/dataset'] },
  { name: 'scenario', paths: ['src/scenario'] },
  { name: 'network', paths: ['src/model'] },
  { name: 'lp', paths: ['src/lp'] },
  { name: 'results', paths: ['src/results'] },
  { name: 'stocks', paths: ['src/stocks'] },
  { name: 'simulate', paths: ['src/simulate'] },
  { name: 'analysis', paths: ['src/analysis'] },
  { name: 'uncertainty', paths: ['src/uncertainty'] },
  // The planner: one LP over the whole horizon, choosing builds; it runs simulations for its inputs.
  { name: 'plan', paths: ['src/plan'] },
  // A company's exposure: its own demand nodes carved into the dataset, run under scenarios and draws.
  { name: 'exposure', paths: ['src/exposure'] },
  // The files of a run folder: they hold analyses and Monte Carlo summaries.
  {
    name: 'run folder',
    paths: [
      'src/run-folder',
      'src/uncertainty/output.ts',
      'src/exposure/output.ts',
      'src/results/tables.ts',
      'src/results/write-run.ts',
      'src/results/write-comparison.ts',
      'src/results/write-monte-carlo.ts',
      'src/results/partial-draws.ts',
    ],
  },
  { name: 'report', paths: ['src/report'] },
  // Monte Carlo batches through a BullMQ queue on Redis: the coordinator and `lodestone worker`.
  { name: 'queue', paths: ['src/queue'] },
  { name: 'jobs', paths: ['src/jobs'] },
  { name: 'server', paths: ['src/server'] },
  { name: 'cli', paths: ['src/cli'] },
  { name: 'library', paths: ['src/index.ts'] },
];

const ROOT = join(import.meta.dirname, '..');

/** The layer of a file (a path from the repository root, with `/`), or undefined when none holds it. */
export function layerOf(file: string, layers: readonly Layer[] = LAYERS): number | undefined {
  let best: { index: number; length: number } | undefined;
  layers.forEach((layer, index) => {
    for (const p of layer.paths) {
      const holds = file === p || file.startsWith(`${p}/`);
      if (holds && (!best || p.length > best.length)) best = { index, length: p.length };
    }
  });
  return best?.index;
}

export interface Violation {
  readonly file: string;
  readonly imports: string;
  readonly message: string;
}

/** Every import of a source file (not a test) under src that breaks the rule. */
export function layerViolations(
  files: readonly { readonly path: string; readonly text: string }[],
  layers: readonly Layer[] = LAYERS,
): Violation[] {
  const out: Violation[] = [];
  for (const { path, text } of files) {
    const from = layerOf(path, layers);
    if (from === undefined) {
      out.push({ file: path, imports: '', message: 'is in no layer: add its folder to test/layers.ts' });
      continue;
    }
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue; // a package
      const target = posix.normalize(posix.join(posix.dirname(path), fileName)).replace(/\.js$/, '.ts');
      const to = layerOf(target, layers);
      const name = (i: number) => layers[i]!.name;
      if (to === undefined)
        out.push({ file: path, imports: fileName, message: `imports ${target}, which is in no layer` });
      else if (to > from)
        out.push({
          file: path,
          imports: fileName,
          message: `(${name(from)}) imports ${target} (${name(to)}), a higher layer`,
        });
    }
  }
  return out;
}

/** The source files under src (tests excluded: they may set a scene from any layer). */
export function sourceFiles(root = ROOT): { path: string; text: string }[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  return walk(join(root, 'src'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ path: relative(root, f).split(sep).join('/'), text: readFileSync(f, 'utf8') }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = layerViolations(sourceFiles());
  for (const v of found) console.log(`${v.file}: ${v.message}`);
  console.log(found.length === 0 ? 'no import points up the layers' : `${found.length} import(s) point up`);
  process.exitCode = found.length === 0 ? 0 : 1;
}
