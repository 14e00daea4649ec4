/**
 * `lodestone mc --out` killed for real (issue #14, item 8): after kill -9 the finished draws are on
 * disk, Ctrl-C keeps them too, and `--resume` completes the run to the same files as a run never
 * interrupted. No run prints a MaxListenersExceededWarning, however many batches it has.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'lodestone-mc-resume-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// 120 draws on one worker: 15 batches of 8, each saved as it finishes.
const DRAWS = 120;
const mc = (out: string, ...more: string[]) => [
  'mc',
  join('test', 'fixtures', 'scenarios', 'mini-uncertain.yaml'),
  '--draws',
  String(DRAWS),
  '--seed',
  '3',
  '--workers',
  '1',
  '--out',
  out,
  ...more,
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'lodestone.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => (stdout += b));
  child.stderr!.on('data', (b) => (stderr += b));
  const exit = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit };
}

/** The CLI in this process, for what needs no worker. */
async function inProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(['node', 'lodestone', ...args], {
    out: () => {},
    err: (s) => {
      stderr += s;
    },
    tty: false,
  });
  return { code, stderr };
}

/** The draws saved so far (whole lines after the header). */
function savedDraws(dir: string): number[] {
  const path = join(dir, 'mc_draws.partial.jsonl');
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const rows = text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .slice(1, -1);
  return rows.map((r) => (JSON.parse(r) as { draw: number }).draw);
}

async function until(test: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every file of a Monte Carlo folder, mc.json without its timing. */
function outputs(dir: string): Record<string, unknown> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const content = readFileSync(join(dir, name));
        if (name !== 'mc.json') return [name, content];
        const { seconds, ...rest } = JSON.parse(content.toString('utf8'));
        expect(seconds).toBeGreaterThan(0);
        return [name, rest];
      }),
  );
}

const noWarning = (r: Exit) => expect(r.stderr).not.toMatch(/MaxListenersExceededWarning/);

describe('lodestone mc --out, interrupted', () => {
  it('keeps the draws finished before kill -9 and Ctrl-C; --resume completes the same run', async () => {
    const whole = join(work, 'whole');
    const cut = join(work, 'cut');
    const reference = start(mc(whole));

    // kill -9 once a batch or two are on disk.
    const crashed = start(mc(cut));
    await until(() => savedDraws(cut).length >= 8, 'the first batch on disk');
    crashed.child.kill('SIGKILL');
    expect((await crashed.exit).signal).toBe('SIGKILL');
    const afterCrash = savedDraws(cut);
    expect(afterCrash.length).toBeGreaterThanOrEqual(8);
    expect(afterCrash.length).toBeLessThan(DRAWS);
    expect(new Set(afterCrash).size).toBe(afterCrash.length);
    expect(readdirSync(cut)).toEqual(['mc_draws.partial.jsonl']);

    // Without --resume, the saved draws are not overwritten; another seed is another job.
    const refused = await inProcess(mc(cut));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /mc_draws\.partial\.jsonl: holds the draws of an earlier run.*add --resume/,
    );
    const other = await inProcess([...mc(cut, '--resume'), '--seed', '4']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /mc_draws\.partial\.jsonl:1: seed: the saved draws were made with --seed 3, this run asks for 4/,
    );
    expect(savedDraws(cut)).toEqual(afterCrash);

    // Resume, and Ctrl-C once another batch is on disk.
    const interrupted = start(mc(cut, '--resume'));
    await until(() => savedDraws(cut).length >= afterCrash.length + 8, 'another batch on disk');
    interrupted.child.kill('SIGINT');
    const stopped = await interrupted.exit;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain(`resuming: ${afterCrash.length} of ${DRAWS} draws already finished`);
    expect(stopped.stderr).toMatch(/stopping: keeping the draws already finished/);
    expect(stopped.stderr).toMatch(/the same command with --resume completes the run/);
    noWarning(stopped);
    const partial = JSON.parse(readFileSync(join(cut, 'mc.json'), 'utf8'));
    expect(partial.partial).toBe(true);
    expect(partial.draws_finished).toBe(savedDraws(cut).length);
    expect(partial.draws_finished).toBeLessThan(DRAWS);

    const resumed = await start(mc(cut, '--resume')).exit;
    expect(resumed.code).toBe(0);
    noWarning(resumed);
    const ref = await reference.exit;
    expect(ref.code).toBe(0);
    noWarning(ref);

    // The saved draws are gone once the outputs hold them all; the outputs are the uninterrupted run's.
    expect(existsSync(join(cut, 'mc_draws.partial.jsonl'))).toBe(false);
    expect(outputs(cut)).toEqual(outputs(whole));
    const untimed = (s: string) => s.replace(/ in [\d.]+ s$/m, '');
    expect(untimed(resumed.stdout)).toBe(untimed(ref.stdout));
  }, 120_000);

  it('needs a folder of saved draws to resume', async () => {
    const none = await inProcess(['mc', '--draws', '2', '--resume']);
    expect(none).toEqual({ code: 2, stderr: expect.stringContaining('mc: --resume: needs --out') });
    const empty = join(work, 'empty');
    const nothing = await inProcess(mc(empty, '--resume'));
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('mc_draws.partial.jsonl: --resume: not found: nothing to resume');
    expect(existsSync(empty)).toBe(false);
  });
});
