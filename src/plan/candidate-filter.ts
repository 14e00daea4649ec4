/**
 * Which candidates a plan may choose from: all, or those of some stages and/or regions (the
 * planner page's and `--stages`/`--regions`' filters). It narrows the dataset's candidates before
 * the plan is set up, so the plan LP and the project values see only the candidates kept.
 */
import type { Dataset } from '../dataset/types.js';
import { STAGES, type Stage } from '../schema/process.js';

export interface CandidateFilter {
  /** Keep candidates whose process is of one of these stages (all when empty or absent). */
  readonly stages?: readonly string[] | undefined;
  /** Keep candidates in one of these regions (all when empty or absent). */
  readonly regions?: readonly string[] | undefined;
}

/** The regions asked for that are not among `known`, as a message naming them; undefined when all are. */
export function unknownRegions(known: readonly string[], asked: readonly string[]): string | undefined {
  const bad = asked.filter((r) => !known.includes(r));
  return bad.length > 0 ? `unknown region ${bad.join(', ')}; the dataset has ${known.join(', ')}` : undefined;
}

/** What is wrong with a filter: a stage or region the dataset does not know. */
export function candidateFilterProblem(
  d: Dataset,
  f: CandidateFilter,
): { readonly field: 'stages' | 'regions'; readonly message: string } | undefined {
  const badStages = (f.stages ?? []).filter((s) => !(STAGES as readonly string[]).includes(s));
  if (badStages.length > 0)
    return {
      field: 'stages',
      message: `unknown stage ${badStages.join(', ')}; expected ${STAGES.join(', ')}`,
    };
  const regions = unknownRegions(
    d.regions.map((r) => r.id),
    f.regions ?? [],
  );
  return regions ? { field: 'regions', message: regions } : undefined;
}

/** The dataset with only the candidates the filter keeps (the same dataset when it keeps all). */
export function filterCandidates(d: Dataset, f: CandidateFilter): Dataset {
  const stages = new Set(f.stages ?? []);
  const regions = new Set(f.regions ?? []);
  if (stages.size === 0 && regions.size === 0) return d;
  const stageOf = new Map<string, Stage>(d.processes.map((p) => [p.id, p.stage]));
  const kept = d.candidates.filter(
    (c) =>
      (stages.size === 0 || stages.has(stageOf.get(c.process) ?? '')) &&
      (regions.size === 0 || regions.has(c.region)),
  );
  return { ...d, candidates: kept };
}
