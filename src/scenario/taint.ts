/**
 * The taint set a run tracks. The LP carries one pair of origin tags per hub (`free`, `cn`), so a
 * run can tell material apart by one set only: `cn` means "some stage of its history ran in a
 * region of the run's taint set". The scenario picks the set (`taint`, default china); an origin
 * requirement enforcing another set cannot be honoured by that run, so it is refused.
 */
import { InputError, type Problem } from '../dataset/problems.js';
import type { Dataset } from '../dataset/types.js';
import { DEFAULT_TAINT, type Scenario } from '../schema/scenario.js';

export interface Taint {
  /** Id of the taint set. */
  readonly set: string;
  /** Its short name: "China" reads "China-free", "China-touched". */
  readonly name: string;
  readonly regions: readonly string[];
}

/** What runs written before taint sets tracked. */
export const CHINA: Taint = { set: DEFAULT_TAINT, name: 'China', regions: ['CN'] };

export const freeLabel = (t: Taint) => `${t.name}-free`;
export const touchedLabel = (t: Taint) => `${t.name}-touched`;
/** "feoc (CN, RU)": the set and what it holds, for headers. */
export const taintText = (t: Taint) => `${t.set} (${t.regions.join(', ')})`;

/** Where the scenario chose its set, for messages (the scenario file and line, when known). */
export interface TaintSource {
  readonly file: string;
  readonly line?: number | undefined;
}

/** The run's taint set, after checking the scenario names a set the dataset has and no requirement needs another. */
export function taintOf(dataset: Dataset, scenario: Scenario, at?: TaintSource): Taint {
  const problems = taintProblems(dataset, scenario, at);
  if (problems.length > 0) throw new InputError(problems);
  const set = dataset.taint_sets.find((s) => s.id === scenario.taint)!;
  return { set: set.id, name: set.name, regions: set.regions };
}

export function taintProblems(dataset: Dataset, scenario: Scenario, at?: TaintSource): Problem[] {
  const where = {
    severity: 'error' as const,
    file: at?.file ?? `scenario "${scenario.name}"`,
    line: at?.line,
  };
  const ids = dataset.taint_sets.map((s) => s.id);
  if (!ids.includes(scenario.taint))
    return [
      {
        ...where,
        field: 'taint',
        message: `unknown taint set "${scenario.taint}"; ${
          ids.length > 0
            ? `the dataset defines ${ids.map((s) => `"${s}"`).join(', ')}`
            : 'the dataset defines none (add taint_sets.yaml, e.g. { id: china, name: China, regions: [CN] })'
        }`,
      },
    ];
  const chosen = at && at.line === undefined ? ' (the default)' : '';
  return dataset.policies.flatMap((p) =>
    p.type === 'origin_requirement' && p.set !== scenario.taint
      ? [
          {
            ...where,
            field: 'taint',
            message:
              `the run tracks taint set "${scenario.taint}"${chosen}, but origin requirement "${p.id}" enforces "${p.set}"; ` +
              `a run tracks one set: set \`taint: ${p.set}\`, or remove the requirement (remove_policies), or make it enforce "${scenario.taint}"`,
          },
        ]
      : [],
  );
}
