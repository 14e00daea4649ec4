/** A finished run's results: report model, tables (JSON or CSV), XLSX, trace; comparisons of runs. */
import { z } from 'zod';
import { PlanModel, ReportModel } from '../../report/schema.js';
import {
  CompareQuery,
  Comparison,
  errors,
  IdParam,
  MetricsQuery,
  ReportQuery,
  TableParam,
  TableQuery,
  TraceQuery,
} from '../schemas.js';
import type { Context } from '../services/context.js';
import {
  compare,
  filterRows,
  planScenarioText,
  planSection,
  reportJson,
  type Table,
  table,
  tableNames,
  workbook,
} from '../services/results.js';
import type { ZodApp } from './types.js';

const tags = ['results'];

/** Whether an If-None-Match header names this ETag (weak or strong, one of a list, or *). */
const matches = (header: string | undefined, etag: string) =>
  header?.split(',').some((t) => ['*', etag].includes(t.trim().replace(/^W\//, ''))) ?? false;

/** The query's filters that were given. */
const defined = (q: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;

const asObjects = (t: Table) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));

export function resultRoutes(app: ZodApp, ctx: Context): void {
  app.get(
    '/api/runs/:id/report',
    {
      schema: {
        tags,
        summary:
          'The run’s report: headline answers, tables, and charts as ECharts options (Sankey per period)',
        params: IdParam,
        querystring: ReportQuery,
        response: { 200: ReportModel, 304: z.null().describe('Not modified (If-None-Match)'), ...errors },
      },
    },
    async (req, reply) => {
      const { body, etag } = await reportJson(ctx, req.params.id, req.query.period);
      reply.header('etag', etag);
      if (matches(req.headers['if-none-match'], etag))
        // A 304 carries no body (not even the schema's null).
        return reply.code(304).send(undefined as unknown as null);
      // The model's JSON bytes, as built once: sent as they are (Fastify serialises no Buffer).
      return reply.type('application/json; charset=utf-8').send(body as unknown as ReportModel);
    },
  );
  app.get(
    '/api/runs/:id/plan',
    {
      schema: {
        tags,
        summary:
          'A plan run’s results as charts (capex by year and stage, the sweep’s premium curves) and tables (builds, summary, project values, sweep)',
        params: IdParam,
        response: { 200: PlanModel, ...errors },
      },
    },
    (req) => planSection(ctx, req.params.id),
  );
  app.get(
    '/api/runs/:id/plan/scenario',
    {
      schema: {
        tags,
        summary:
          'A plan run’s plan.yaml as a scenario to store (POST /api/scenarios): it extends the scenario the plan ran on, with the builds as committed facilities and the target as origin requirements',
        params: IdParam,
        response: {
          200: z.object({
            id: z.string().describe('An id for it, from its name'),
            name: z.string(),
            yaml: z.string(),
            dataset: z.string().describe('The stored dataset the plan ran on'),
          }),
          ...errors,
        },
      },
    },
    (req) => planScenarioText(ctx, req.params.id),
  );
  app.get(
    '/api/runs/:id/tables',
    {
      schema: {
        tags,
        summary: 'The run’s tables: names, columns, row counts',
        params: IdParam,
        response: {
          200: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number() })),
          ...errors,
        },
      },
    },
    (req) => tableNames(ctx, req.params.id),
  );
  app.get(
    '/api/runs/:id/tables/:name',
    {
      schema: {
        tags,
        summary: 'One table as JSON rows or CSV; other query parameters filter rows (column=value)',
        params: TableParam,
        querystring: TableQuery,
      },
    },
    async (req, reply) => {
      const { format, limit, offset, ...filters } = req.query;
      const { table: t, csv } = await table(ctx, req.params.id, req.params.name);
      if (format === 'csv' && Object.keys(filters).length === 0 && limit === undefined && offset === 0) {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${req.params.name}.csv"`)
          .send(csv);
      }
      const filtered = filterRows(t, filters as Record<string, string>);
      const rows = filtered.rows.slice(offset, limit === undefined ? undefined : offset + limit);
      if (format === 'csv') {
        const { stringify } = await import('csv-stringify/sync');
        // true and false as the run folder writes them (csv-stringify would print 1 and an empty cell).
        const csvRows = stringify([t.columns, ...rows], { cast: { boolean: String } });
        return reply.type('text/csv; charset=utf-8').send(csvRows);
      }
      return { name: t.name, columns: t.columns, rows, total: filtered.rows.length };
    },
  );
  app.get(
    '/api/runs/:id/export.xlsx',
    { schema: { tags, summary: 'Every table of the run as an XLSX workbook', params: IdParam } },
    async (req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="lodestone-${req.params.id}.xlsx"`)
        .send(await workbook(ctx, req.params.id)),
  );
  app.get(
    '/api/runs/:id/trace',
    {
      schema: {
        tags,
        summary: 'Where each region’s supply came from at each stage (share by country)',
        params: IdParam,
        querystring: TraceQuery,
      },
    },
    async (req) => {
      const { table: t } = await table(ctx, req.params.id, 'trace');
      return asObjects(filterRows(t, defined(req.query)));
    },
  );
  app.get(
    '/api/runs/:id/metrics',
    {
      schema: {
        tags,
        summary:
          'The run’s key outputs per period: shortfalls, China-free shares, prices, policy figures (what compare sets side by side)',
        params: IdParam,
        querystring: MetricsQuery,
      },
    },
    async (req) => {
      const { table: t } = await table(ctx, req.params.id, 'key_outputs');
      return asObjects(filterRows(t, defined(req.query)));
    },
  );
  app.get(
    '/api/compare',
    {
      schema: {
        tags,
        summary: 'Key outputs of 2–8 finished runs side by side (null where a run lacks the item)',
        querystring: CompareQuery,
        response: { 200: Comparison, ...errors },
      },
    },
    (req) => compare(ctx, req.query.runs),
  );
}
