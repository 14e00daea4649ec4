/**
 * Lookups into a dataset's structure that a run asks for again and again: made once, by
 * prepareModel (src/simulate/prepare-model.ts), and handed to what needs them. They hold for every
 * dataset of the same structure (a Monte Carlo draw changes numbers, not ids).
 */
import type { Stage } from '../schema/process.js';
import type { Dataset } from './types.js';

export interface DatasetIndex {
  /** Position of each facility in dataset order. */
  readonly facilityIndex: ReadonlyMap<string, number>;
  /** Stage of each facility's process, dataset order. */
  readonly facilityStage: readonly Stage[];
  /** Canonical unit of each material. */
  readonly materialUnit: ReadonlyMap<string, string>;
}

export function indexDataset(dataset: Dataset): DatasetIndex {
  const stages = new Map(dataset.processes.map((p) => [p.id, p.stage]));
  return {
    facilityIndex: new Map(dataset.facilities.map((f, i) => [f.id, i])),
    facilityStage: dataset.facilities.map((f) => stages.get(f.process)!),
    materialUnit: new Map(dataset.materials.map((m) => [m.id, m.unit])),
  };
}
