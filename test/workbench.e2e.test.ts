/**
 * End to end: the workbench (`lodestone serve` with the built web app in dist/web) in Debian's
 * Chromium through playwright-core, on a fresh SQLite database. It loads the app, checks the map,
 * runs two library scenarios from the UI, checks that every chart of a run draws data, compares the
 * runs, checks the scenario editor's validation, and uploads a dataset. No console errors allowed. Screenshots are left
 * in test-artifacts/ to look at.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtPct } from '../web/src/format.js';
import { CHROMIUM, chartPoints, closeBrowserSession, openBrowserSession } from './fixtures/browser.js';

const ROOT = join(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const RUN_TIMEOUT = 120_000;

/** Runs the scenario open in the page (its Run button) and waits for the report; returns the run's id. */
async function runAndWait(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  // The progress bar shows while the run is queued or running.
  await page.getByTestId('run-progress').waitFor();
  await page.getByTestId('report').waitFor({ timeout: RUN_TIMEOUT });
  expect(await page.getByTestId('run-status').textContent()).toBe('done');
  return decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
}

describe.skipIf(!existsSync(CHROMIUM))('the workbench in Chromium', () => {
  let work: string;
  const consoleErrors: string[] = [];
  const runs: string[] = [];
  let server: ChildProcess | undefined;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ work, server, url, browser, page } = await openBrowserSession(
      'lodestone-workbench-',
      ARTIFACTS,
      consoleErrors,
    ));
  });

  afterAll(() => closeBrowserSession({ browser, server, work }));

  it('shows the dataset and its facilities on the map, each with its sources', async () => {
    await page.goto(url);
    expect(await page.getByTestId('dataset-counts').textContent()).toContain('facilities');
    await page.getByRole('link', { name: 'Facilities', exact: true }).first().click();
    expect(await chartPoints(page, 'facility-map')).toBeGreaterThan(10);
    // A facility without coordinates is listed beside the map; its panel names its sources.
    await page.locator('.unplaced button').first().click();
    const sources = page.getByTestId('facility-sources').locator('li');
    await sources.first().waitFor();
    expect(await sources.count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-map.png') });
  });

  it('runs the baseline from the overview and draws every chart with data', async () => {
    await page.goto(`${url}#/`);
    runs.push(await runAndWait(page, 'Run baseline'));
    // The run's charts, then the market's: demand given up, substitution, the oxide prices.
    for (const chart of [
      'chart-sankey',
      'chart-capacity',
      'chart-china-share',
      'chart-shortfall',
      'chart-destroyed',
      'chart-substitution',
      'chart-price-ndpr-oxide',
      'chart-price-dy-oxide',
      'chart-price-tb-oxide',
    ]) {
      expect(await chartPoints(page, chart), chart).toBeGreaterThan(0);
    }
    // Another period's Sankey comes from the same report.
    const periods = page.getByTestId('period');
    const last = await periods.locator('option').last().textContent();
    await periods.selectOption(last!);
    await page.locator('figure.chart h3', { hasText: last! }).first().waitFor();
    expect(await chartPoints(page, 'chart-sankey')).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-run.png'), fullPage: true });
  });

  it('opens on the answers: each bloc’s served and potential shares, the API’s numbers, each linking to its run', async () => {
    await page.goto(`${url}#/`);
    const us = page.getByTestId('answers-US');
    await us.waitFor();
    const answers = (await (await fetch(`${url}api/answers`)).json()) as {
      scenario: string;
      run: {
        id: string;
        periods: string[];
        blocs: { bloc: string; served: number[]; potential: number[]; fully_served: string | null }[];
      } | null;
    }[];
    const baseline = answers.find((a) => a.scenario === 'baseline')!.run!;
    expect(baseline.id).toBe(runs[0]);
    for (const bloc of ['US', 'US+allies', 'EU']) {
      const b = baseline.blocs.find((x) => x.bloc === bloc)!;
      for (const [i, period] of baseline.periods.entries()) {
        const cell = (measure: string) =>
          page.getByTestId(`${bloc}|baseline|${period}|${measure}`).textContent();
        expect(await cell('served'), `${bloc} ${period}`).toBe(fmtPct(b.served[i]));
        expect(await cell('potential'), `${bloc} ${period}`).toBe(fmtPct(b.potential[i]));
      }
      expect(await page.getByTestId(`${bloc}|baseline|fully-served`).textContent()).toBe(
        b.fully_served ?? `not by ${baseline.periods.at(-1)}`,
      );
    }
    // The API's numbers are the run's own table.
    const table = (await (
      await fetch(
        `${url}api/runs/${baseline.id}/tables/self_sufficiency?bloc=US&stage=chain&period=2030&measure=potential`,
      )
    ).json()) as { columns: string[]; rows: (string | number)[][] };
    const ratio = table.rows[0]![table.columns.indexOf('ratio')] as number;
    expect(await page.getByTestId('US|baseline|2030|potential').textContent()).toBe(fmtPct(ratio));
    // Scenarios without a finished run say so and offer to start one.
    const waiting = page.getByTestId('answers-waiting');
    expect(await waiting.locator('[data-scenario="allied-buildout"]').textContent()).toContain(
      'has no finished run',
    );
    await waiting.getByRole('button', { name: 'Run allied-buildout', exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-answers.png'), fullPage: true });
    // A number opens the run behind it.
    await page.getByTestId('EU|baseline|2025|potential').click();
    await page.waitForURL(new RegExp(`#/runs/${baseline.id}$`));
    await page.getByTestId('report').waitFor();
  });

  it('runs a second scenario from its page and compares the two', async () => {
    await page.goto(`${url}#/scenarios`);
    await page.getByRole('link', { name: 'china-controls-2025-04', exact: true }).click();
    runs.push(await runAndWait(page, 'Run'));

    await page.goto(`${url}#/runs`);
    for (const id of runs) await page.getByLabel(`Compare run ${id}`).check();
    await page.getByRole('button', { name: /^Compare/ }).click();
    await page.waitForURL(/#\/compare\?runs=/);
    const rows = page.getByTestId('compare-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await chartPoints(page, 'compare-chart')).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-compare.png') });
  });

  it('validates a scenario in the editor, naming the line of the problem', async () => {
    await page.goto(`${url}#/scenarios/china-controls-2025-04`);
    const editor = page.getByTestId('yaml');
    // The editor fills once the scenario has loaded.
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as {
        document: { querySelector(s: string): { value: string } | null };
      };
      return (
        document.querySelector('[data-testid="yaml"]')?.value.includes('name: china-controls-2025-04') ===
        true
      );
    });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nperiod: monthly\n');
    await page.getByRole('button', { name: 'Validate' }).click();
    const problem = page.getByTestId('problems').locator('li').first();
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^line \d+: period: expected year or quarter/);
    expect(await page.locator('.yaml-editor .number.marked').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-editor.png') });
  });

  it('uploads a dataset folder, lists its files, and names the line of a bad file', async () => {
    const mini = join(ROOT, 'test', 'fixtures', 'mini-dataset');
    const broken = mkdtempSync(join(tmpdir(), 'lodestone-e2e-ds-'));
    cpSync(mini, broken, { recursive: true });
    writeFileSync(
      join(broken, 'taint_sets.csv'),
      readFileSync(join(mini, 'taint_sets.csv'), 'utf8').replace('china,China,CN,', 'china,China,CN;XX,'),
    );
    const pick = (dir: string) => readdirSync(dir).map((f) => join(dir, f));
    try {
      await page.goto(`${url}#/datasets`);
      const form = page.getByTestId('upload');
      await form.getByLabel('id').fill('mini-broken');
      await form.locator('input[type="file"]').setInputFiles(pick(broken));
      await form.getByRole('button', { name: /Upload/ }).click();
      const problem = page.getByTestId('upload-problems').locator('li').first();
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(
        /^datasets\/mini-broken\/taint_sets\.csv: line 2: regions\.1: unknown region "XX"/,
      );
      // The browser logs the 422 answer as a failed resource: expected here, and only here.
      const refused = () => consoleErrors.findIndex((m) => m.includes('status of 422'));
      await expect.poll(refused).toBeGreaterThanOrEqual(0);
      consoleErrors.splice(refused(), 1);

      await form.getByLabel('id').fill('mini');
      await form.locator('input[type="file"]').setInputFiles(pick(mini));
      await form.getByRole('button', { name: /Upload/ }).click();
      await form.getByText('Stored "mini"').waitFor();
      await page.getByTestId('datasets').getByRole('button', { name: 'mini', exact: true }).click();
      await page.getByRole('link', { name: 'facilities.csv' }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'workbench-datasets.png'), fullPage: true });

      // Its facilities on the map and its sources, with the dataset picked in the views.
      const row = page.getByTestId('datasets').getByRole('row').filter({ hasText: 'upload' });
      await row.getByRole('link', { name: 'Map' }).click();
      await page
        .getByTestId('facility-count')
        .getByText(/ of 6 facilities shown/)
        .waitFor();
      expect(await page.getByLabel('Dataset').inputValue()).toBe('mini');
      await page.getByLabel('Dataset').selectOption('default');
      await page
        .getByTestId('facility-count')
        .getByText(/ of 95 facilities shown/)
        .waitFor();
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
