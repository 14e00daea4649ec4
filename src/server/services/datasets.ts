/** Reading datasets: what is registered, and the records of one (facilities with their sources). */
import { loadDataset } from '../../dataset/load-dataset.js';
import type { Dataset, LoadedFacility } from '../../dataset/types.js';
import { notFound } from '../errors.js';
import { getDataset, listDatasets, type StoredDataset } from '../storage/datasets.js';
import type { Context } from './context.js';

export async function loadStored(
  ctx: Context,
  id: string,
): Promise<{ record: StoredDataset; data: Dataset }> {
  const record = await getDataset(ctx.db, id);
  if (!record) throw notFound('dataset', id);
  let data = ctx.datasets.get(id);
  if (!data) {
    data = Promise.resolve().then(() => loadDataset(record.dir).dataset);
    ctx.datasets.set(id, data);
    data.catch(() => ctx.datasets.delete(id));
  }
  return { record, data: await data };
}

const counts = (d: Dataset) => ({
  regions: d.regions.length,
  materials: d.materials.length,
  processes: d.processes.length,
  facilities: d.facilities.length,
  agreements: d.agreements.length,
  policies: d.policies.length,
  demand: d.demand.length,
  sources: d.sources.length,
});

export async function datasetInfo(ctx: Context, id: string) {
  const { record, data } = await loadStored(ctx, id);
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    hash: data.hash,
    meta: data.meta,
    counts: counts(data),
  };
}

export async function datasetList(ctx: Context) {
  return Promise.all((await listDatasets(ctx.db)).map((d) => datasetInfo(ctx, d.id)));
}

/**
 * A facility as the map and tables show it: its record and stage, with capacity per year in the
 * canonical unit of its process's reference material (the loader converted it; the files say how
 * it was written).
 */
export function facilityView(d: Dataset, f: LoadedFacility) {
  const process = d.processes.find((p) => p.id === f.process);
  const reference = process ? d.materials.find((m) => m.id === process.reference) : undefined;
  const unit = `${reference?.unit ?? ''}/year`;
  return { ...f, stage: process?.stage ?? '', capacity_unit: unit, unit, cost_unit: 'USD/kg' };
}

export interface FacilityFilter {
  readonly stage?: string | undefined;
  readonly status?: string | undefined;
  readonly region?: string | undefined;
}

export async function facilities(ctx: Context, id: string, filter: FacilityFilter) {
  const { data } = await loadStored(ctx, id);
  return data.facilities
    .map((f) => facilityView(data, f))
    .filter(
      (f) =>
        (filter.stage === undefined || f.stage === filter.stage) &&
        (filter.status === undefined || f.status === filter.status) &&
        (filter.region === undefined || f.region === filter.region),
    );
}

/** One facility with everything behind its numbers: process, capacity steps, agreements and sources. */
export async function facility(ctx: Context, id: string, facilityId: string) {
  const { data } = await loadStored(ctx, id);
  const f = data.facilities.find((x) => x.id === facilityId);
  if (!f) throw notFound('facility', facilityId);
  const steps = data.capacity_steps.filter((s) => s.facility === f.id);
  const agreements = data.agreements.filter((a) => a.supplier === f.id || a.buyer === f.id);
  const sourceIds = new Set([f, ...steps, ...agreements].flatMap((r) => r.source_ids));
  return {
    facility: facilityView(data, f),
    process: data.processes.find((p) => p.id === f.process),
    capacity_steps: steps,
    agreements,
    sources: data.sources.filter((s) => sourceIds.has(s.id)),
  };
}
