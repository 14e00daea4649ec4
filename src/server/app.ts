/**
 * The workbench server: the HTTP API (Fastify, zod-validated, documented at /docs) and the web app
 * (dist/web) on one port. Errors are JSON with a code, a message and, for bad input, every problem.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { LRUCache } from 'lru-cache';
import { InputError } from '../dataset/problems.js';
import { lodestoneVersion, packageRoot } from '../scenario/package-root.js';
import { guardWrites, type RouteAccess } from './auth.js';
import { ApiError } from './errors.js';
import { requireHost } from './hosts.js';
import { JobRunner, type LeaseOptions } from './jobs/runner.js';
import { seedLibrary } from './library.js';
import { LoadPool } from './loading/pool.js';
import { answerRoutes } from './routes/answers.js';
import { datasetRoutes } from './routes/datasets.js';
import { exposureRoutes } from './routes/exposures.js';
import { resultRoutes } from './routes/results.js';
import { runRoutes } from './routes/runs.js';
import { scenarioRoutes } from './routes/scenarios.js';
import type { ZodApp } from './routes/types.js';
import { Health } from './schemas.js';
import type { Context } from './services/context.js';
import type { Store } from './storage/connect.js';

export interface ServerOptions {
  readonly store: Store;
  /** Bearer token write routes require; undefined leaves them open (loopback only: see `serve`). */
  readonly token?: string | undefined;
  /**
   * More names the server answers to (a proxy's), besides localhost, 127.0.0.1 and [::1] on its port.
   * Without a token the Host header is always checked; with one, only when this lists some.
   */
  readonly allowHosts?: readonly string[];
  /** Largest request body, bytes. */
  readonly bodyLimit?: number;
  /** Request logging (Fastify's): true, or options such as a stream (tests read what would be logged). */
  readonly logger?: boolean | { readonly stream: { write(line: string): void }; readonly level?: string };
  /** Close the store when the server closes (after its jobs have stopped). */
  readonly closeStore?: boolean;
  /** Job leases (tests shorten them); see JobRunner. */
  readonly lease?: LeaseOptions;
  /** Run Monte Carlo jobs' batches on `lodestone worker` processes through a queue on this Redis. */
  readonly queue?: { readonly url: string; readonly prefix: string } | undefined;
  /** The built web app; defaults to dist/web in the package. */
  readonly webDir?: string;
}

export async function buildServer(
  o: ServerOptions,
): Promise<{ app: ZodApp; ctx: Context; routes: readonly RouteAccess[] }> {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimit ?? 1024 * 1024,
    // A URL Fastify cannot decode (`%ff`) is answered in the API's own error shape.
    frameworkErrors: (err, _req, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .send({ error: 'bad_request', message: `the URL is not valid: ${err.message}` });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const ctx: Context = {
    db: o.store.db,
    dialect: o.store.dialect,
    runner: new JobRunner(o.store.db, o.lease, o.queue),
    loader: new LoadPool(),
    datasets: new Map(),
    runFiles: new LRUCache({ max: 8 }),
    runData: new LRUCache({ max: 8 }),
    reports: new LRUCache({ max: 8 }),
    answers: new LRUCache({ max: 256 }),
  };
  await seedLibrary(ctx);
  // Jobs stop (and record how they ended) before the store they write to closes.
  app.addHook('onClose', async () => {
    await ctx.runner.close();
    await ctx.loader.close();
    if (o.closeStore) await o.store.close();
  });
  app.setErrorHandler(errorHandler(app));
  requireHost(app, { token: o.token, allowHosts: o.allowHosts ?? [] });
  const routes = guardWrites(app, o.token);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lodestone API',
        version: lodestoneVersion(),
        description:
          'Datasets, scenarios, runs and results of Lodestone, the rare-earth magnet supply-chain model. Write routes need `Authorization: Bearer <LODESTONE_TOKEN>` when the server has a token.',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/api/health', { schema: { tags: ['meta'], response: { 200: Health } } }, () => ({
    ok: true,
    version: lodestoneVersion(),
    storage: ctx.dialect,
    auth: o.token !== undefined,
  }));
  await datasetRoutes(app, ctx);
  scenarioRoutes(app, ctx);
  runRoutes(app, ctx);
  resultRoutes(app, ctx);
  answerRoutes(app, ctx);
  exposureRoutes(app, ctx, o.token);
  await serveWeb(app, o.webDir ?? join(packageRoot(), 'dist', 'web'));
  return { app, ctx, routes };
}

/** The web app at /, its assets, and index.html for any other page; unknown /api paths are JSON 404s. */
async function serveWeb(app: ZodApp, dir: string): Promise<void> {
  const built = existsSync(join(dir, 'index.html'));
  // Files are looked up on each request (wildcard), so a rebuilt web app is served without a restart.
  if (built) await app.register(fastifyStatic, { root: dir, wildcard: true });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const page = req.method === 'GET' && built && !path.startsWith('/api') && !path.startsWith('/assets/');
    if (!page) {
      const hint = built ? '' : ' (the web app is not built: run `npm run build`)';
      return reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${path}${hint}` });
    }
    return reply.sendFile('index.html');
  });
}

/** character_not_in_repertoire (NUL, invalid UTF-8) and untranslatable_character. */
const POSTGRES_BAD_TEXT = new Set(['22021', '22P05']);

function errorHandler(app: ZodApp) {
  return (err: FastifyError, _req: unknown, reply: import('fastify').FastifyReply) => {
    if (err instanceof ApiError) {
      return reply.code(err.status).send({ error: err.code, message: err.message, problems: err.problems });
    }
    if (err instanceof InputError) {
      const errors = err.problems.filter((p) => p.severity === 'error');
      return reply.code(422).send({
        error: 'invalid_input',
        message: `${errors.length} problem(s) in the input`,
        problems: err.problems,
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const problems = err.validation.map((v) => ({
        severity: 'error' as const,
        file: `request ${err.validationContext ?? ''}`.trim(),
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined,
        message: v.message ?? 'invalid',
      }));
      const first = problems[0]!;
      return reply.code(400).send({
        error: 'bad_request',
        message: `${first.file}${first.field ? ` ${first.field}` : ''}: ${first.message}`,
        problems,
      });
    }
    // A backstop for text the schemas let through: PostgreSQL refuses NUL and invalid UTF-8.
    if (POSTGRES_BAD_TEXT.has((err as { code?: unknown }).code as string)) {
      return reply.code(400).send({
        error: 'bad_request',
        message: `the request holds text the database cannot store: ${err.message}`,
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too_large' : 'bad_request';
      return reply.code(status).send({ error: code, message: err.message });
    }
    app.log.error(err);
    return reply.code(500).send({ error: 'internal', message: `internal error: ${err.message}` });
  };
}
