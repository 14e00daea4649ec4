/**
 * Company exposure files: stored per token (private: other tokens get 404), validated by line, run as
 * jobs of kind "exposure" whose results are read as any run's tables (exposure, exposure_ranking,
 * exposure_alternatives, exposure_origins).
 */
import { z } from 'zod';
import { guardPrivateRuns, requireOwner } from '../privacy.js';
import {
  Exposure,
  ExposureSummary,
  ExposureText,
  errors,
  IdParam,
  Run,
  StartExposureRun,
  Validation,
} from '../schemas.js';
import type { Context } from '../services/context.js';
import {
  createExposure,
  exposureList,
  exposureRunList,
  getExposureView,
  removeExposure,
  replaceExposure,
  startExposureRun,
  validateExposure,
} from '../services/exposures.js';
import type { ZodApp } from './types.js';

const tags = ['exposures'];
const security = [{ token: [] }];
const PRIVATE =
  ' Private to the token that stored it: send `Authorization: Bearer <token>`; other tokens get 404.';

export function exposureRoutes(app: ZodApp, ctx: Context, serverToken: string | undefined): void {
  guardPrivateRuns(app, ctx);
  const owner = (req: Parameters<typeof requireOwner>[0]) => requireOwner(req, serverToken);

  app.get(
    '/api/exposures',
    {
      schema: {
        tags,
        security,
        summary: `Your exposure files.${PRIVATE}`,
        response: { 200: z.array(ExposureSummary), ...errors },
      },
    },
    (req) => exposureList(ctx, owner(req)),
  );
  app.get(
    '/api/exposures/:id',
    {
      schema: {
        tags,
        security,
        summary: `An exposure file, as written.${PRIVATE}`,
        params: IdParam,
        response: { 200: Exposure, ...errors },
      },
    },
    (req) => getExposureView(ctx, owner(req), req.params.id),
  );
  app.post(
    '/api/exposures',
    {
      config: { write: true },
      schema: {
        tags,
        security,
        summary: `Store an exposure file (exposure.yaml), checked against the default dataset: 422 with every problem by line.${PRIVATE}`,
        body: ExposureText,
        response: { 201: Exposure, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createExposure(ctx, owner(req), req.body.yaml)),
  );
  app.post(
    '/api/exposures/validate',
    {
      config: { write: false },
      schema: {
        tags,
        security,
        summary: 'Check an exposure file without storing it (every problem, by line)',
        body: ExposureText,
        response: { 200: Validation, ...errors },
      },
    },
    (req) => {
      owner(req);
      return validateExposure(ctx, req.body.yaml);
    },
  );
  app.put(
    '/api/exposures/:id',
    {
      config: { write: true },
      schema: {
        tags,
        security,
        summary: `Replace an exposure file (checked as on upload).${PRIVATE}`,
        params: IdParam,
        body: ExposureText,
        response: { 200: Exposure, ...errors },
      },
    },
    (req) => replaceExposure(ctx, owner(req), req.params.id, req.body.yaml),
  );
  app.delete(
    '/api/exposures/:id',
    {
      config: { write: true },
      schema: {
        tags,
        security,
        summary: `Delete an exposure file and every run of it with its results.${PRIVATE}`,
        params: IdParam,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (req, reply) => {
      await removeExposure(ctx, owner(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/exposures/:id/runs',
    {
      schema: {
        tags,
        security,
        summary: `The runs of an exposure file, newest first.${PRIVATE}`,
        params: IdParam,
        response: { 200: z.array(Run), ...errors },
      },
    },
    (req) => exposureRunList(ctx, owner(req), req.params.id),
  );
  app.post(
    '/api/exposures/:id/runs',
    {
      config: { write: true },
      schema: {
        tags,
        security,
        summary: `Run an exposure file on stored scenarios (job kind "exposure"); poll GET /api/runs/{id}, then read its tables exposure, exposure_ranking, exposure_alternatives and exposure_origins from GET /api/runs/{id}/tables/{name}. The run is private like the file.${PRIVATE}`,
        params: IdParam,
        body: StartExposureRun,
        response: { 202: Run, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await startExposureRun(ctx, owner(req), req.params.id, req.body)),
  );
}
