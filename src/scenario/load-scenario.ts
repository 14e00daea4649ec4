/**
 * Reads a scenario (and the scenarios it `extends`), validates each with line numbers, merges them,
 * and gathers what they change in the dataset into a patch that the dataset loader applies. The
 * texts come from a `ScenarioSource`, so the same code serves files on disk and stored scenarios.
 */
import type { DatasetPatch } from '../dataset/apply-patch.js';
import { parseYaml } from '../dataset/parse-yaml.js';
import { InputError, ProblemList } from '../dataset/problems.js';
import { DEFAULT_TAINT, type Scenario, ScenarioFile } from '../schema/scenario.js';
import type { ScenarioSource, ScenarioText } from './inputs.js';

/** Most bytes of one scenario file: a long scenario is a few kilobytes. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

export { type DatasetPatch, EMPTY_PATCH, type PatchItem } from '../dataset/apply-patch.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The scenario as messages name it (the head of the chain). */
  readonly file: string;
  /** The `dataset` the chain names (the nearest scenario that names one) and where it is written. */
  readonly datasetRef:
    | { readonly value: string; readonly from: ScenarioText; readonly line: number | undefined }
    | undefined;
  readonly patch: DatasetPatch;
  /** Where the scenario's taint set is chosen (its file, and line when written), for messages. */
  readonly taintAt?: { readonly file: string; readonly line: number | undefined };
  /** Where each supply-path group's path is chosen, for messages. */
  readonly supplyPathsAt?: Readonly<
    Record<string, { readonly file: string; readonly line: number | undefined }>
  >;
}

export interface ParsedFile {
  readonly source: ScenarioText;
  readonly value: ScenarioFile;
  lineAt(path: readonly (string | number)[]): number | undefined;
}

/** Reads `head` and the scenarios it extends (through `source`), validates each, and merges them. */
export function loadScenarioText(head: ScenarioText, source: ScenarioSource): LoadedScenario {
  return mergeChain(readChain(head, source));
}

/** The scenario and its ancestors, child first, each validated with its lines. */
export function readChain(head: ScenarioText, source: ScenarioSource): ParsedFile[] {
  const chain = [parseFile(head)];
  for (;;) {
    const child = chain[chain.length - 1]!;
    const ref = child.value.extends;
    if (ref === undefined) return chain;
    const parent = source.parent(ref, child.source);
    const line = child.lineAt(['extends']);
    if ('error' in parent) {
      throw new InputError([
        { severity: 'error', file: child.source.file, line, field: 'extends', message: parent.error },
      ]);
    }
    if (chain.some((c) => c.source.file === parent.file)) {
      const files = [...chain.map((c) => c.source.file), parent.file];
      throw new InputError([
        {
          severity: 'error',
          file: child.source.file,
          line,
          field: 'extends',
          message: `scenarios extend each other in a cycle: ${files.join(' → ')}`,
        },
      ]);
    }
    chain.push(parseFile(parent));
  }
}

/** One scenario from a chain: the child's fields win, lists run from the root down. */
export function mergeChain(chain: readonly ParsedFile[]): LoadedScenario {
  const problems = new ProblemList();
  const head = chain[0]!;
  // The child (first in chain) wins for single fields; lists run from the root parent down.
  const pick = <K extends keyof ScenarioFile>(key: K) => chain.find((c) => c.value[key] !== undefined);
  const horizonFrom = pick('horizon');
  if (!horizonFrom) {
    problems.error(
      head.source.file,
      undefined,
      'horizon',
      'missing; expected { start, end } here or in a scenario it extends',
    );
  }
  problems.throwIfErrors();
  const datasetFrom = pick('dataset');
  const root = [...chain].reverse();
  const at = (c: ParsedFile, path: (string | number)[]) => ({ file: c.source.file, line: c.lineAt(path) });
  const scenario: Scenario = {
    name: head.value.name,
    description: head.value.description,
    dataset: datasetFrom?.value.dataset ?? 'default',
    horizon: horizonFrom!.value.horizon!,
    period: pick('period')?.value.period ?? 'year',
    taint: pick('taint')?.value.taint ?? DEFAULT_TAINT,
    solver: {
      time_limit: chain.find((c) => c.value.solver?.time_limit !== undefined)?.value.solver?.time_limit,
      method: chain.find((c) => c.value.solver?.method !== undefined)?.value.solver?.method ?? 'choose',
    },
    delays: root.flatMap((c) => c.value.delays),
    cancel: root.flatMap((c) => c.value.cancel),
    // Per group, the child's choice wins.
    supply_paths: Object.assign({}, ...root.map((c) => c.value.supply_paths ?? {})),
    substitutions: substitutionChoice(chain),
    demand_response: demandResponse(chain),
  };
  const supplyPathsAt = Object.fromEntries(
    Object.keys(scenario.supply_paths!).map((group) => {
      const from = chain.find((c) => c.value.supply_paths?.[group] !== undefined)!;
      return [group, at(from, ['supply_paths', group])];
    }),
  );
  const patch: DatasetPatch = {
    add: root.flatMap((c) => [
      ...c.value.policies.map((record, i) => ({
        value: { table: 'policies', record },
        ...at(c, ['policies', i]),
      })),
      ...c.value.uncertainty.map((record, i) => ({
        value: { table: 'uncertainty', record },
        ...at(c, ['uncertainty', i]),
      })),
      ...Object.entries(c.value.add).flatMap(([table, records]) =>
        records.map((record, i) => ({ value: { table, record }, ...at(c, ['add', table, i]) })),
      ),
    ]),
    overrides: root.flatMap((c) =>
      c.value.overrides.map((o, i) => ({ value: o, ...at(c, ['overrides', i]) })),
    ),
    removePolicies: root.flatMap((c) =>
      c.value.remove_policies.map((id, i) => ({ value: id, ...at(c, ['remove_policies', i]) })),
    ),
  };
  const taintFrom = pick('taint');
  const taintAt = { file: (taintFrom ?? head).source.file, line: taintFrom?.lineAt(['taint']) };
  return {
    scenario,
    file: head.source.file,
    datasetRef: datasetRef(chain),
    patch,
    taintAt,
    supplyPathsAt,
  };
}

/** The substitutions a chain switches off: the nearest scenario that says wins. */
function substitutionChoice(chain: readonly ParsedFile[]): Scenario['substitutions'] {
  const from = chain.find((c) => c.value.substitutions !== undefined);
  const value = from?.value.substitutions;
  if (!from || value === undefined || value === true) return undefined;
  const where = { file: from.source.file, line: from.lineAt(['substitutions']) };
  return { off: value === false ? 'all' : value.disable, ...where };
}

/** Demand response as the chain sets it: each field from the nearest scenario that sets it (`false` = off). */
function demandResponse(chain: readonly ParsedFile[]): Scenario['demand_response'] {
  const asObject = (v: ScenarioFile['demand_response']) => (typeof v === 'boolean' ? { enabled: v } : v);
  const field = <K extends 'enabled' | 'elasticity_scale'>(k: K) =>
    chain.map((c) => asObject(c.value.demand_response)?.[k]).find((v) => v !== undefined);
  return { enabled: field('enabled') ?? true, elasticity_scale: field('elasticity_scale') ?? 1 };
}

/** The `dataset` of a chain: the nearest scenario that names one, and where. */
export function datasetRef(chain: readonly ParsedFile[]): LoadedScenario['datasetRef'] {
  const from = chain.find((c) => c.value.dataset !== undefined);
  return from && { value: from.value.dataset!, from: from.source, line: from.lineAt(['dataset']) };
}

function parseFile(source: ScenarioText): ParsedFile {
  const shown = source.file;
  const problems = new ProblemList();
  const yaml = parseYaml(source.text, shown, problems, MAX_SCENARIO_BYTES);
  problems.throwIfErrors();
  const { doc, lineAt: lineOfOffset } = yaml!;
  const lineAt = (path: readonly (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number] } | undefined;
      if (node?.range) return lineOfOffset(node.range[0]);
    }
    return undefined;
  };
  const parsed = ScenarioFile.safeParse(yaml!.value ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      // An unknown key is reported where it is written, one problem per key.
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const at = [...path, key];
          problems.error(shown, lineAt(at), at.join('.'), `unknown field "${key}"`);
        }
        continue;
      }
      const missing = issue.code === 'invalid_type' && issue.input === undefined ? 'missing; ' : '';
      problems.error(shown, lineAt(path), path.join('.') || undefined, `${missing}${issue.message}`);
    }
    problems.throwIfErrors();
  }
  return { source, value: parsed.data!, lineAt };
}
