/** Write routes need the server's token when it has one; reads stay open (the workbench is for viewing). */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the header carries exactly this token (compared in constant time). */
export function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function requireToken(token: string | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (token === undefined || !WRITES.has(req.method) || !req.url.startsWith('/api/')) return;
    if (!hasToken(req.headers.authorization, token)) {
      return reply.code(401).send({
        error: 'unauthorized',
        message: 'this server needs a token for changes: send Authorization: Bearer <LODESTONE_TOKEN>',
      });
    }
  };
}
