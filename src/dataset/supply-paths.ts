/**
 * Supply paths: capacity steps that belong to a named path of a group (china-mining: low, central,
 * high). One path per group runs: the scenario's choice (`supply_paths`), else `central`; a Monte
 * Carlo draw may run another (uncertainty target `supply_path`). Steps of no path always run.
 */

import { type CapacityStep, CENTRAL_PATH } from '../schema/facility.js';
import type { Row } from '../schema/tables.js';
import { InputError, type Problem, type ProblemList } from './problems.js';
import type { Dataset } from './types.js';
import type { Located } from './validate-rows.js';

/** Where a scenario chose a group's path, for messages. */
export interface ChoiceSource {
  readonly file: string;
  readonly line?: number | undefined;
}

const inPath = (s: CapacityStep): s is CapacityStep & { path_group: string; path: string } =>
  s.path_group !== undefined && s.path !== undefined;

/** The paths of each group, in the order they first appear. */
export function pathGroups(steps: readonly CapacityStep[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const s of steps.filter(inPath)) {
    const paths = groups.get(s.path_group) ?? [];
    if (!paths.includes(s.path)) paths.push(s.path);
    groups.set(s.path_group, paths);
  }
  return groups;
}

const listed = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/** Problems in the dataset's paths: a group with no central path; a supply_path input naming an unknown group or path. */
export function checkSupplyPaths(
  raw: {
    readonly capacity_steps: readonly Located<Row<'capacity_steps'>>[];
    readonly uncertainty: readonly Located<Row<'uncertainty'>>[];
  },
  problems: ProblemList,
): void {
  const groups = pathGroups(raw.capacity_steps.map((r) => r.row));
  for (const [group, paths] of groups) {
    if (paths.includes(CENTRAL_PATH)) continue;
    const first = raw.capacity_steps.find((r) => r.row.path_group === group)!;
    problems.error(
      first.file,
      first.line,
      'path',
      `supply-path group "${group}" has no ${CENTRAL_PATH} path (it has ${listed(paths)}); expected steps with path ${CENTRAL_PATH}, the path a scenario runs unless it chooses another`,
    );
  }
  for (const r of raw.uncertainty) {
    const { target, group, paths } = r.row;
    if (target !== 'supply_path' || group === undefined) continue;
    const known = groups.get(group);
    if (!known) {
      problems.error(r.file, r.lineOf(['group']) ?? r.line, 'group', unknownGroup(group, groups));
      continue;
    }
    (paths ?? []).forEach((p, i) => {
      if (!known.includes(p))
        problems.error(r.file, r.lineOf(['paths', i]) ?? r.line, `paths.${i}`, unknownPath(group, p, known));
    });
  }
}

const unknownGroup = (group: string, groups: ReadonlyMap<string, string[]>) =>
  `unknown supply-path group "${group}"; ${
    groups.size > 0
      ? `the dataset's capacity steps have ${listed([...groups.keys()])}`
      : 'the dataset has none (capacity steps name one in path_group)'
  }`;

const unknownPath = (group: string, path: string, known: readonly string[]) =>
  `no path "${path}" in supply-path group "${group}"; expected one of ${listed(known)}`;

/**
 * The dataset running one path per group: `capacity_steps` keeps the steps of no path and those of
 * the chosen paths (central unless `choice` names another), `path_steps` every step of a path. A
 * choice naming an unknown group or path is an input error, reported where it was written.
 */
export function selectSupplyPaths(
  d: Dataset,
  choice: Readonly<Record<string, string>> = {},
  at: Readonly<Record<string, ChoiceSource>> = {},
): Dataset {
  const all = d.path_steps ?? d.capacity_steps.filter(inPath);
  const groups = pathGroups(all);
  const problems: Problem[] = [];
  for (const [group, path] of Object.entries(choice)) {
    const known = groups.get(group);
    const message = !known
      ? unknownGroup(group, groups)
      : known.includes(path)
        ? undefined
        : unknownPath(group, path, known);
    if (message)
      problems.push({
        severity: 'error',
        file: at[group]?.file ?? 'scenario',
        line: at[group]?.line,
        field: `supply_paths.${group}`,
        message,
      });
  }
  if (problems.length > 0) throw new InputError(problems);
  if (groups.size === 0) return d;
  const runs = (s: CapacityStep) => !inPath(s) || s.path === (choice[s.path_group] ?? CENTRAL_PATH);
  return {
    ...d,
    capacity_steps: [...d.capacity_steps.filter((s) => !inPath(s)), ...all].filter(runs).sort(byFacilityYear),
    path_steps: all,
  };
}

/** The dataset with one group running another path (what a Monte Carlo draw runs). */
export function runPath(d: Dataset, group: string, path: string): Dataset {
  const all = d.path_steps ?? [];
  return {
    ...d,
    capacity_steps: [
      ...d.capacity_steps.filter((s) => s.path_group !== group),
      ...all.filter((s) => s.path_group === group && s.path === path),
    ].sort(byFacilityYear),
  };
}

/** Steps in the order the capacity model reads them: by facility, then year (stable). */
const byFacilityYear = (a: CapacityStep, b: CapacityStep) =>
  a.facility.localeCompare(b.facility) || a.year - b.year;
