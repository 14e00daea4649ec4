/** Datasets: read their records and files, upload one, delete one no scenario uses. */
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_DATASET_BYTES } from '../../dataset/dataset-files.js';
import { defaultDatasetDir } from '../../scenario/package-root.js';
import {
  AnyObject,
  DatasetFacilityParam,
  DatasetFileParam,
  DatasetFiles,
  errors,
  FacilityQuery,
  IdParam,
  Records,
  UploadDataset,
} from '../schemas.js';
import type { Context } from '../services/context.js';
import {
  datasetFile,
  datasetFileList,
  datasetInfo,
  datasetList,
  facilities,
  facility,
  loadStored,
  removeDataset,
  uploadDataset,
} from '../services/datasets.js';
import type { ZodApp } from './types.js';

const tags = ['datasets'];

/**
 * Where a dataset came from, without the server's folders (a response must not map its disk):
 * "default (embedded)", "registered folder <name>" or "upload".
 */
export function origin(dir: string): string {
  if (dir === 'upload') return dir;
  if (resolve(dir) === resolve(defaultDatasetDir())) return 'default (embedded)';
  return `registered folder ${basename(dir)}`;
}
const withOrigin = <T extends { from: string }>(d: T): T => ({ ...d, from: origin(d.from) });

export async function datasetRoutes(app: ZodApp, ctx: Context): Promise<void> {
  app.get(
    '/api/datasets',
    { schema: { tags, summary: 'Registered datasets with counts', response: { 200: Records } } },
    async () => (await datasetList(ctx)).map(withOrigin),
  );
  app.get(
    '/api/datasets/:id',
    {
      schema: {
        tags,
        summary: 'One dataset: meta and counts',
        params: IdParam,
        response: { 200: AnyObject, ...errors },
      },
    },
    async (req) => withOrigin(await datasetInfo(ctx, req.params.id)),
  );
  // An upload's body (up to 33 MB) stays raw here: its JSON is parsed and checked, against the same
  // schema, on the loading thread, so a big upload does not stop the server answering others.
  await app.register(async (raw: ZodApp) => {
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    raw.post(
      '/api/datasets',
      {
        config: { write: true },
        bodyLimit: MAX_DATASET_BYTES + 1024 * 1024,
        schema: {
          tags,
          summary: 'Upload a dataset (validated first: 422 lists every problem with its file and line)',
          body: UploadDataset,
          response: { 201: AnyObject, ...errors },
        },
        validatorCompiler: () => (body) => ({ value: body }),
      },
      async (req, reply) => {
        const id = await uploadDataset(ctx, req.body as unknown as Buffer);
        return reply.code(201).send(withOrigin(await datasetInfo(ctx, id)));
      },
    );
  });
  app.delete(
    '/api/datasets/:id',
    {
      config: { write: true },
      schema: {
        tags,
        summary: 'Delete a dataset (409 while a stored scenario names it)',
        params: IdParam,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (req, reply) => {
      await removeDataset(ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/datasets/:id/files',
    {
      schema: {
        tags,
        summary: 'The files the dataset is stored with (runs read these)',
        params: IdParam,
        response: { 200: DatasetFiles, ...errors },
      },
    },
    (req) => datasetFileList(ctx, req.params.id),
  );
  app.get(
    '/api/datasets/:id/files/:name',
    { schema: { tags, summary: 'Download one of the dataset’s files', params: DatasetFileParam } },
    async (req, reply) => {
      const content = await datasetFile(ctx, req.params.id, req.params.name);
      const type = req.params.name.endsWith('.csv') ? 'text/csv' : 'text/plain';
      return reply
        .type(`${type}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${req.params.name}"`)
        .send(content);
    },
  );
  app.get(
    '/api/datasets/:id/facilities',
    {
      schema: {
        tags,
        summary:
          'Facilities, with stage and capacity per year in canonical units; filter by stage, status, region',
        params: IdParam,
        querystring: FacilityQuery,
        response: { 200: Records, ...errors },
      },
    },
    (req) => facilities(ctx, req.params.id, req.query),
  );
  app.get(
    '/api/datasets/:id/facilities/:facility',
    {
      schema: {
        tags,
        summary: 'One facility with its process, capacity steps, agreements and sources',
        params: DatasetFacilityParam,
        response: { 200: AnyObject, ...errors },
      },
    },
    (req) => facility(ctx, req.params.id, req.params.facility),
  );
  const records = (
    path: string,
    summary: string,
    pick: (d: Awaited<ReturnType<typeof loadStored>>['data']) => readonly object[],
  ) =>
    app.get(
      `/api/datasets/:id/${path}`,
      { schema: { tags, summary, params: IdParam, response: { 200: z.array(AnyObject), ...errors } } },
      async (req) => pick((await loadStored(ctx, req.params.id)).data) as Record<string, unknown>[],
    );
  records(
    'regions',
    'Regions, their blocs and whether processing there counts as China-touched',
    (d) => d.regions,
  );
  records('materials', 'Materials with their canonical units', (d) => d.materials);
  records('processes', 'Processes (recipes) by stage', (d) => d.processes);
  records('agreements', 'Offtake and supply agreements', (d) => d.agreements);
  records('policies', 'Policies in force in the dataset', (d) => d.policies);
  records(
    'substitutions',
    'Substitution and thrift options: grade switches, thrift, technology switches (cost, max share, ramp)',
    (d) => d.substitutions,
  );
  records('sources', 'Sources every record cites', (d) => d.sources);
  records(
    'candidates',
    'Candidate builds the planner may choose (candidates.csv): greenfield options and announced projects',
    (d) => d.candidates,
  );
}
