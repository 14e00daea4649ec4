/**
 * Answers only requests addressed to this server by a name it expects. A web page whose own name is
 * made to resolve to 127.0.0.1 (DNS rebinding) can reach a loopback server from a browser, but its
 * requests still say `Host: its.name`: a server without a token refuses them. Servers behind a proxy
 * add the names it forwards (`--allow-host`); a server with a token checks only when given some.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where the server listens; undefined before it does (requests from inject() in tests). */
type Listening = Pick<AddressInfo, 'address' | 'port'> | undefined;

/**
 * Whether a Host header (or an absolute request line's authority) names this server: a loopback
 * name or the listening address on the listening port, or one of `allowed` ("name" for any port,
 * "name:port" for that port).
 */
export function hostAllowed(header: string, allowed: readonly string[], at: Listening): boolean {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header.toLowerCase());
  if (!m) return false;
  const [, name, port] = m as unknown as [string, string, string | undefined];
  if (allowed.includes(name) || (port !== undefined && allowed.includes(`${name}:${port}`))) return true;
  const self = at?.address.includes(':') ? `[${at.address}]` : at?.address;
  if (!LOOPBACK_NAMES.has(name) && name !== self) return false;
  return at === undefined || Number(port ?? 80) === at.port;
}

export function requireHost(
  app: FastifyInstance,
  o: { readonly token: string | undefined; readonly allowHosts: readonly string[] },
): void {
  if (o.token !== undefined && o.allowHosts.length === 0) return;
  const allowed = o.allowHosts.map((h) => h.toLowerCase());
  const listening = (): Listening => {
    const a = app.server.address();
    return typeof a === 'object' && a !== null ? a : undefined;
  };
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host ?? '';
    // An absolute request line (`GET http://name/path`) names its host too.
    const authority = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(req.raw.url ?? '')?.[1];
    const at = listening();
    if (hostAllowed(host, allowed, at) && (authority === undefined || hostAllowed(authority, allowed, at)))
      return;
    const name = (authority ?? host).replace(/:\d+$/, '') || '<none>';
    return reply.code(403).send({
      error: 'host_not_allowed',
      message: `this server answers requests to localhost, 127.0.0.1 or [::1] on its port${allowed.length ? ` and to ${allowed.join(', ')}` : ''}, not to host "${authority ?? host}": to serve it under that name (behind a proxy), start it with --allow-host ${name}`,
    });
  });
}
