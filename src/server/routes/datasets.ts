/** Read-only routes over the registered datasets. */
import { z } from 'zod';
import { AnyObject, DatasetFacilityParam, errors, FacilityQuery, IdParam, Records } from '../schemas.js';
import type { Context } from '../services/context.js';
import { datasetInfo, datasetList, facilities, facility, loadStored } from '../services/datasets.js';
import type { ZodApp } from './types.js';

const tags = ['datasets'];

export function datasetRoutes(app: ZodApp, ctx: Context): void {
  app.get(
    '/api/datasets',
    { schema: { tags, summary: 'Registered datasets with counts', response: { 200: Records } } },
    () => datasetList(ctx),
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
    (req) => datasetInfo(ctx, req.params.id),
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
  records('sources', 'Sources every record cites', (d) => d.sources);
}
