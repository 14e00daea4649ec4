/** End-to-end: `lodestone serve` as a user starts it, over real HTTP, stopped with Ctrl-C. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'lodestone.js');
const work = mkdtempSync(join(tmpdir(), 'lodestone-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Starts the server and resolves with its URL once it prints it. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true' },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  // The URL comes on stdout; stderr's storage line may arrive a moment later.
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /Lodestone workbench: (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

/** GET with a Host header of our choosing (fetch keeps the URL's). */
function statusWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) =>
    http
      .get(url, { headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', reject),
  );
}

describe('lodestone serve', () => {
  it('starts on a fresh store, queues the baseline, serves the API and the web app, and stops on SIGINT', async () => {
    const db = join(work, 'fresh', 'workbench.db');
    const { child, url, stderr } = await serve(['--port', '0', '--db', db, '--allow-host', 'proxy.example']);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      await expect.poll(stderr).toContain(`SQLite ${db}`);
      const runs = (await (await fetch(`${url}api/runs`)).json()) as { scenario: string }[];
      expect(runs.map((r) => r.scenario)).toEqual(['baseline']);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<div id="root">');
      // Other pages get the app (it routes by hash); a missing asset is a 404, not the page.
      expect((await fetch(`${url}runs`)).status).toBe(200);
      expect((await fetch(`${url}assets/missing.js`)).status).toBe(404);
      // Requests must name this machine, or a host it was told a proxy forwards (DNS rebinding).
      expect(await statusWithHost(`${url}api/health`, 'proxy.example')).toBe(200);
      expect(await statusWithHost(`${url}api/health`, 'evil.example')).toBe(403);
    } finally {
      const exited = new Promise<string>((r) => child.once('exit', (code, signal) => r(`${code} ${signal}`)));
      child.kill('SIGINT');
      expect(await exited).toBe('0 null');
    }
  });

  it('refuses to listen beyond loopback without LODESTONE_TOKEN', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
    delete env.LODESTONE_TOKEN;
    const r = spawnSync(process.execPath, [BIN, 'serve', '--host', '0.0.0.0', '--db', join(work, 'x.db')], {
      encoding: 'utf8',
      env,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--host: listening on 0.0.0.0 exposes the workbench');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('rejects a bad port', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--port', 'eighty'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--port: expected a port 0–65535, got "eighty"');
  });
});
