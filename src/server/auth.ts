/**
 * Write routes need the server's token when it has one; reads stay open (the workbench is for viewing).
 * Every route says whether it writes (`config: { write: true }`), and the check runs on the route the
 * request matched, so no spelling of its path (percent-encoded, an absolute URL) gets round it. A route
 * of a method other than GET or HEAD that does not say stops the server at start.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether the route changes anything: the token guards it. GET and HEAD routes default to false. */
    write?: boolean;
  }
}

export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly write: boolean;
}

const READS = new Set(['GET', 'HEAD']);
/** Ways clients ask a framework to treat a request as another method: Fastify honours none, we refuse them. */
const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override'];

/** True when the header carries exactly this token (compared in constant time). */
export function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The tokens a server accepts: LODESTONE_TOKEN may list several, comma-separated (one per member of a
 * team), so that what is private to a token (exposure files) stays with the member who stored it.
 */
export const serverTokens = (token: string): string[] =>
  token
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** True when the header carries one of the server's tokens. */
export const hasAnyToken = (header: string | undefined, token: string): boolean =>
  serverTokens(token).some((t) => hasToken(header, t));

/**
 * Makes every route declare whether it writes, and requires the token (when there is one) on those that
 * do. Returns the routes as they are added, with their access (tests enumerate the write routes from it).
 */
export function guardWrites(app: FastifyInstance, token: string | undefined): readonly RouteAccess[] {
  const routes: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const write = route.config?.write;
    if (write === undefined && !methods.every((m) => READS.has(m)))
      throw new Error(
        `route ${methods.join(',')} ${route.url} must say whether it writes: config: { write: true | false }`,
      );
    for (const method of methods) routes.push({ method, url: route.url, write: write ?? false });
  });
  app.addHook('onRequest', async (req, reply) => {
    const override = asksOverride(req);
    // Unmatched requests (no declaration) of other methods count as writes too.
    const write = req.routeOptions.config.write ?? !READS.has(req.method);
    if ((write || override) && token !== undefined && !hasAnyToken(req.headers.authorization, token)) {
      return reply.code(401).send({
        error: 'unauthorized',
        message: 'this server needs a token for changes: send Authorization: Bearer <LODESTONE_TOKEN>',
      });
    }
    if (override) {
      return reply.code(400).send({
        error: 'bad_request',
        message: 'method overrides are not supported: send the request with its own method',
      });
    }
  });
  return routes;
}

function asksOverride(req: FastifyRequest): boolean {
  return (
    OVERRIDE_HEADERS.some((h) => req.headers[h] !== undefined) ||
    Object.hasOwn((req.query ?? {}) as object, '_method')
  );
}
