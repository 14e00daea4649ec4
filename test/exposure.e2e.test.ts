/**
 * End to end: the exposure page of the workbench (`lodestone serve`, built web app) in Debian's
 * Chromium. It shows a bad file's problems by line, uploads examples/exposure/automaker.yaml, runs
 * it on a scenario (and the baseline), and sees the heatmap, the origins Sankey, the alternative
 * suppliers and the ranking. No console errors allowed. The screenshot is left in test-artifacts/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const AUTOMAKER = join(ROOT, 'examples', 'exposure', 'automaker.yaml');

function startServer(db: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'lodestone.js'), 'serve', '--port', '0', '--db', db, '--no-first-run'],
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`lodestone serve printed no URL in 30 s:\n${out}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Lodestone workbench: (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ server, url });
      }
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lodestone serve exited (${code}):\n${out}`));
    });
  });
}

/** Waits until the chart draws data (`data-points` > 0 and SVG paths); returns the count. */
async function chartPoints(page: Page, testId: string): Promise<number> {
  const box = page.getByTestId(testId);
  await box.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (id) => {
      const { document } = globalThis as unknown as {
        document: {
          querySelector(s: string): {
            dataset: Record<string, string | undefined>;
            querySelectorAll(s: string): { length: number };
          } | null;
        };
      };
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el !== null && Number(el.dataset.points) > 0 && el.querySelectorAll('svg path').length > 0;
    },
    testId,
    { timeout: 10_000 },
  );
  return Number(await box.getAttribute('data-points'));
}

describe.skipIf(!existsSync(CHROMIUM))('the exposure page in Chromium', () => {
  let work: string;
  let server: ChildProcess | undefined;
  let url: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'lodestone-exposure-'));
    ({ server, url } = await startServer(join(work, 'lodestone.db')));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      // A 422 the page shows as problems is logged by the browser as a failed request.
      if (m.type() === 'error' && !m.text().includes('422')) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows a bad file’s problems by line', async () => {
    await page.goto(`${url}#/exposures`);
    const bad = readFileSync(AUTOMAKER, 'utf8').replace('tonnes: 150', 'tonnes: -150');
    await page.getByTestId('yaml').fill(bad);
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const problem = page.getByTestId('problems').locator('li.problem').first();
    await problem.waitFor();
    const line = bad.split('\n').findIndex((l) => l.includes('tonnes: -150')) + 1;
    expect(await problem.textContent()).toContain(`line ${line}`);
  });

  it('uploads the automaker, runs it on a scenario, and shows its risk, origins, alternatives and ranking', async () => {
    await page.goto(`${url}#/exposures`);
    await page.getByTestId('exposure-file').setInputFiles(AUTOMAKER);
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as {
        document: { querySelector(s: string): { value: string } | null };
      };
      return document.querySelector('[data-testid="yaml"]')?.value.includes('company: Automaker');
    });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(/#\/exposures\/exp-[^/]+$/);
    await page.getByTestId('exposure-list').getByText('Automaker', { exact: false }).waitFor();

    await page
      .getByTestId('exposure-scenarios')
      .getByLabel('china-controls-2025-10', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Run exposure', exact: true }).click();
    await page.getByTestId('exposure-results').waitFor({ timeout: 180_000 });

    // Two scenarios (the baseline is always first) × five years.
    expect(await chartPoints(page, 'exposure-heatmap')).toBe(10);
    expect(await chartPoints(page, 'exposure-origins')).toBeGreaterThan(5);
    const alternatives = page.getByTestId('exposure-alternatives').locator('tbody tr');
    expect(await alternatives.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('exposure-alternatives').textContent()).toContain(
      'mp-independence-magnets',
    );
    const ranking = page.getByTestId('exposure-ranking').locator('tbody tr');
    expect(await ranking.count()).toBe(2);

    await page.getByTestId('exposure-heatmap').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000); // the heatmap's animation
    await page.screenshot({ path: join(ARTIFACTS, 'exposure-page.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 240_000);
});
