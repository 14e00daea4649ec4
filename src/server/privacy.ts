/**
 * What is private to a token: exposure files and their runs. The owner is the sha256 of the bearer
 * token (the token itself is never stored); a request by any other token finds nothing (404), so it
 * cannot even learn that the file or run exists. With no server token (loopback only) any bearer
 * token names its owner; with server tokens, only theirs do.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { hasAnyToken } from './auth.js';
import { ApiError, notFound } from './errors.js';
import type { ZodApp } from './routes/types.js';
import type { Context } from './services/context.js';
import { runAccess } from './storage/exposures.js';

const bearer = (header: string | undefined): string | undefined => {
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return token === undefined || token === '' ? undefined : token;
};

/** The owner a token stands for: its sha256, hex. */
export const ownerOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The requester's owner hash; a 401 without a token (or with one the server does not accept). */
export function requireOwner(req: FastifyRequest, serverToken: string | undefined): string {
  const token = bearer(req.headers.authorization);
  if (
    token === undefined ||
    (serverToken !== undefined && !hasAnyToken(req.headers.authorization, serverToken))
  )
    throw new ApiError(
      401,
      'unauthorized',
      'exposure files are private to a token: send Authorization: Bearer <token>' +
        (serverToken === undefined
          ? ' (any secret of yours names you on this server)'
          : ' (one of LODESTONE_TOKEN’s)'),
    );
  return ownerOf(token);
}

/** The requester's owner hash, or undefined (no token: it sees public runs only). */
const requester = (req: FastifyRequest): string | undefined => {
  const token = bearer(req.headers.authorization);
  return token === undefined ? undefined : ownerOf(token);
};

/**
 * Every route of one run (`/api/runs/:id…`: status, cancel, delete, report, tables, export, trace,
 * metrics) and compare answer a private run's other tokens as if it did not exist.
 */
export function guardPrivateRuns(app: ZodApp, ctx: Context): void {
  app.addHook('preHandler', async (req) => {
    const url = req.routeOptions.url ?? '';
    let ids: readonly string[] = [];
    if (url.startsWith('/api/runs/:id')) ids = [(req.params as { id: string }).id];
    else if (url === '/api/compare') ids = (req.query as { runs?: readonly string[] }).runs ?? [];
    for (const id of ids) {
      const owner = await runAccess(ctx.db, id);
      if (owner !== null && owner !== undefined && owner !== requester(req)) throw notFound('run', id);
    }
  });
}
