import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from './app.js';
import { hostAllowed } from './hosts.js';
import type { ZodApp } from './routes/types.js';
import { openStore } from './storage/connect.js';

/** One raw request with exactly these header lines; resolves with the status and the body. */
function raw(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let out = '';
    socket.on('data', (d) => {
      out += d;
    });
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({
        status: Number(/^HTTP\/1\.\d (\d+)/.exec(out)?.[1] ?? 0),
        body: out.slice(out.indexOf('\r\n\r\n') + 4),
      }),
    );
  });
}

describe('the Host header', () => {
  let app: ZodApp | undefined;
  afterEach(() => app?.close());

  async function listen(o: Omit<ServerOptions, 'store'> = {}): Promise<number> {
    ({ app } = await buildServer({ store: await openStore(':memory:'), closeStore: true, ...o }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    return (app.server.address() as AddressInfo).port;
  }
  const health = (port: number, host: string | undefined, target = '/api/health') =>
    raw(
      port,
      `GET ${target} HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`,
    );

  it('of a loopback server without a token must name this machine and port (DNS rebinding)', async () => {
    const port = await listen();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect((await health(port, host)).status, host).toBe(200);
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `localhost:${port + 1}`,
      'localhost',
      `127.0.0.1.evil.example:${port}`,
    ]) {
      const res = await health(port, host);
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body), host).toMatchObject({
        error: 'host_not_allowed',
        message: expect.stringContaining('--allow-host'),
      });
    }
    // The authority of an absolute request line counts too.
    expect((await health(port, `127.0.0.1:${port}`, 'http://evil.example/api/health')).status).toBe(403);
    // HTTP/1.0 may leave the header out: refused as well.
    expect((await raw(port, 'GET /api/health HTTP/1.0\r\n\r\n')).status).toBe(403);
  });

  it('may name the hosts a proxy forwards', async () => {
    const port = await listen({ allowHosts: ['workbench.example', 'other.example:8443'] });
    expect((await health(port, 'workbench.example')).status).toBe(200);
    expect((await health(port, 'workbench.example:443')).status).toBe(200);
    expect((await health(port, 'other.example:8443')).status).toBe(200);
    expect((await health(port, 'other.example')).status).toBe(403);
    expect((await health(port, `localhost:${port}`)).status).toBe(200);
    expect((await health(port, 'evil.example')).status).toBe(403);
  });

  it('is not checked on a server with a token, unless it is given hosts to allow', async () => {
    let port = await listen({ token: 't' });
    expect((await health(port, 'anything.example')).status).toBe(200);
    await app!.close();
    port = await listen({ token: 't', allowHosts: ['workbench.example'] });
    expect((await health(port, 'workbench.example')).status).toBe(200);
    expect((await health(port, 'anything.example')).status).toBe(403);
  });
});

describe('hostAllowed', () => {
  const at = { address: '127.0.0.2', port: 8787 };
  it('takes the listening address, the loopback names and the allowed hosts', () => {
    expect(hostAllowed('127.0.0.2:8787', [], at)).toBe(true);
    expect(hostAllowed('127.0.0.3:8787', [], at)).toBe(false);
    expect(hostAllowed('localhost:8787', [], at)).toBe(true);
    expect(hostAllowed('localhost', [], { address: '127.0.0.1', port: 80 })).toBe(true);
    expect(hostAllowed('[::1]:8787', [], at)).toBe(true);
    expect(hostAllowed('x.example:1', ['x.example'], at)).toBe(true);
    expect(hostAllowed('localhost:1:2', [], at)).toBe(false);
    expect(hostAllowed('', [], at)).toBe(false);
    // Not listening (inject in tests): any port of a loopback name.
    expect(hostAllowed('localhost:80', [], undefined)).toBe(true);
  });
});
