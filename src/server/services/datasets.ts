/**
 * Datasets on the server: each is stored with a copy of its files (registered from a folder or
 * uploaded), and loaded from that copy in memory, so a dataset cannot change under its runs.
 */
import { type DatasetFile, type DatasetFiles, sortByName } from '../../dataset/dataset-files.js';
import type { Dataset, LoadedFacility } from '../../dataset/types.js';
import { conflict, notFound } from '../errors.js';
import { datasetLocation } from '../locations.js';
import {
  deleteDataset,
  getDataset,
  getDatasetFile,
  getDatasetFiles,
  listDatasetFiles,
  listDatasets,
  putDataset,
  type StoredDataset,
} from '../storage/datasets.js';
import { scenarioTexts } from '../storage/scenarios.js';
import { datasetNamed } from '../stored-inputs.js';
import type { Context } from './context.js';

/** A stored dataset's files, or undefined when the id is unknown. */
export async function storedDatasetFiles(ctx: Context, id: string): Promise<DatasetFiles | undefined> {
  if (!(await getDataset(ctx.db, id))) return undefined;
  const files = await getDatasetFiles(ctx.db, id);
  return { location: datasetLocation(id), name: id, files: sortByName(files) };
}

export async function loadStored(
  ctx: Context,
  id: string,
): Promise<{ record: StoredDataset; data: Dataset }> {
  const record = await getDataset(ctx.db, id);
  if (!record) throw notFound('dataset', id);
  let data = ctx.datasets.get(id);
  if (!data) {
    data = storedDatasetFiles(ctx, id).then(async (files) => (await ctx.loader.dataset(files!)).dataset);
    ctx.datasets.set(id, data);
    data.catch(() => ctx.datasets.delete(id));
  }
  return { record, data: await data };
}

/**
 * Validates the files as a dataset and stores them under `id` (replacing what the id held). A bad
 * dataset is an InputError naming `datasets/<id>/<file>` and the line.
 */
export async function storeDataset(
  ctx: Context,
  id: string,
  from: string,
  files: readonly DatasetFile[],
): Promise<void> {
  const sorted = sortByName(files);
  const { dataset } = await ctx.loader.dataset({ location: datasetLocation(id), name: id, files: sorted });
  await save(ctx, id, from, sorted, dataset);
}

async function save(
  ctx: Context,
  id: string,
  from: string,
  files: readonly DatasetFile[],
  dataset: Dataset,
): Promise<void> {
  const { meta } = dataset;
  const now = new Date().toISOString();
  const record = { id, name: meta.name, description: meta.description ?? '', dir: from, created_at: now };
  const contents = files.map((f) => ({
    name: f.name,
    content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
  }));
  await putDataset(ctx.db, record, contents);
  // What was loaded is what the next read would make again.
  ctx.datasets.set(id, Promise.resolve(dataset));
}

/**
 * Stores an upload (its raw JSON body: parsed, checked and loaded on the loading thread) under a
 * new id; 409 if the id is taken.
 */
export async function uploadDataset(ctx: Context, body: Uint8Array): Promise<string> {
  const upload = await ctx.loader.upload(body);
  if (await getDataset(ctx.db, upload.id)) throw conflict(`a dataset "${upload.id}" exists already`);
  await save(ctx, upload.id, 'upload', upload.files, upload.dataset);
  return upload.id;
}

/** Deletes a dataset no stored scenario names. */
export async function removeDataset(ctx: Context, id: string): Promise<void> {
  if (!(await getDataset(ctx.db, id))) throw notFound('dataset', id);
  const users = (await scenarioTexts(ctx.db)).filter((s) => datasetNamed(s.yaml) === id).map((s) => s.id);
  if (users.length > 0) throw conflict(`dataset "${id}" is used by scenario(s) ${users.join(', ')}`);
  await deleteDataset(ctx.db, id);
  ctx.datasets.delete(id);
}

/** The stored files of a dataset: names and sizes. */
export async function datasetFileList(ctx: Context, id: string) {
  if (!(await getDataset(ctx.db, id))) throw notFound('dataset', id);
  return listDatasetFiles(ctx.db, id);
}

export async function datasetFile(ctx: Context, id: string, name: string): Promise<Buffer> {
  if (!(await getDataset(ctx.db, id))) throw notFound('dataset', id);
  const file = await getDatasetFile(ctx.db, id, name);
  if (!file) throw notFound(`file of dataset "${id}"`, name);
  return file.content;
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
    from: record.dir,
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
