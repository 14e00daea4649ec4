/** Runs and Monte Carlo jobs: start (asynchronous), list, watch, cancel, delete. */
import { z } from 'zod';
import { errors, IdParam, Run, RunsQuery, StartRun } from '../schemas.js';
import type { Context } from '../services/context.js';
import { cancelRun, removeRun, runList, runView, startRun, storedRun } from '../services/runs.js';
import type { ZodApp } from './types.js';

const tags = ['runs'];

export function runRoutes(app: ZodApp, ctx: Context): void {
  app.post(
    '/api/runs',
    {
      config: { write: true },
      schema: {
        tags,
        summary:
          'Start a run (kind "run"), a Monte Carlo (kind "mc") or a plan (kind "plan") of a stored scenario; poll GET /api/runs/{id}',
        body: StartRun,
        response: { 202: Run, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send(await startRun(ctx, req.body)),
  );
  app.get(
    '/api/runs',
    {
      schema: {
        tags,
        summary: 'Runs, newest first',
        querystring: RunsQuery,
        response: { 200: z.array(Run) },
      },
    },
    (req) => runList(ctx, req.query.scenario),
  );
  app.get(
    '/api/runs/:id',
    {
      schema: {
        tags,
        summary: 'A run’s status and progress',
        params: IdParam,
        response: { 200: Run, ...errors },
      },
    },
    async (req) => runView(ctx, await storedRun(ctx, req.params.id)),
  );
  app.post(
    '/api/runs/:id/cancel',
    {
      config: { write: true },
      schema: {
        tags,
        summary:
          'Cancel a queued or running job (a Monte Carlo keeps its finished draws; a plan stops before its next solve)',
        params: IdParam,
        response: { 202: Run, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send(await cancelRun(ctx, req.params.id)),
  );
  app.delete(
    '/api/runs/:id',
    {
      config: { write: true },
      schema: {
        tags,
        summary: 'Delete a finished run and its results',
        params: IdParam,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (req, reply) => {
      await removeRun(ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
