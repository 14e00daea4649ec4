/**
 * End to end: the workbench's planner page in Chromium, on the real server and the default data. It
 * fills the form (the baseline, US, 50% by 2030), submits the plan, follows its progress, and checks
 * the results: the builds on the map (and the year slider), the capex chart, the builds table and
 * the summary; then stores the plan as a scenario. No console errors allowed. Its screenshot is left
 * in test-artifacts/planner-page.png.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chartPoints, closeBrowserSession, openBrowserSession } from './fixtures/browser.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const PLAN_TIMEOUT = 60_000;

describe.skipIf(!existsSync(CHROMIUM))('the planner page in Chromium', () => {
  let work: string;
  const consoleErrors: string[] = [];
  let server: ChildProcess | undefined;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ work, server, url, browser, page } = await openBrowserSession(
      'lodestone-planner-',
      ARTIFACTS,
      consoleErrors,
    ));
  });

  afterAll(() => closeBrowserSession({ browser, server, work }));

  it('plans US 50% China-free by 2030 from the form, and shows the builds on the map and in the tables', async () => {
    await page.goto(url);
    await page.getByRole('link', { name: 'Planner', exact: true }).click();
    const form = page.getByTestId('plan-form');
    await form.getByLabel('Scenario').locator('option[value="baseline"]').waitFor({ state: 'attached' });
    await form.getByLabel('Scenario').selectOption('baseline');
    await form.getByLabel('Bloc').selectOption('US');
    await form.getByLabel('Target share').fill('50');
    await form.getByLabel('Target year').fill('2030');
    await page.screenshot({ path: join(ARTIFACTS, 'planner-form.png') });
    await form.getByRole('button', { name: 'Plan', exact: true }).click();

    await page.waitForURL(/#\/planner\?run=/);
    const runId = decodeURIComponent(new URL(page.url()).hash.replace(/^.*run=/, ''));
    // Its progress shows while it runs, then its results.
    await page.getByTestId('plan-section').waitFor({ timeout: PLAN_TIMEOUT });
    expect(await page.getByTestId('run-status').textContent()).toBe('done');

    // The options the plan ran with, as the API recorded them.
    const run = (await (await fetch(new URL(`/api/runs/${runId}`, url))).json()) as {
      options: Record<string, unknown>;
    };
    expect(run.options).toMatchObject({ bloc: 'US', target: 0.5, by: 2030, stages: [], regions: [] });

    expect(await chartPoints(page, 'plan-map')).toBeGreaterThan(3);
    expect(await chartPoints(page, 'chart-plan-builds')).toBeGreaterThan(0);
    const builds = page.getByTestId('table-plan-builds').locator('tbody tr');
    expect(await builds.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('table-plan-summary').textContent()).toContain('premium');
    // The slider goes back to the first year of output: fewer builds on the map.
    const all = await chartPoints(page, 'plan-map');
    await page.getByTestId('plan-year').fill('0');
    await page.waitForFunction(
      (n) =>
        Number(
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { dataset: Record<string, string> } | null };
            }
          ).document.querySelector('[data-testid="plan-map"]')?.dataset.points,
        ) < n,
      all,
    );
    await page.getByTestId('plan-year').fill('100');
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'planner-page.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('stores the plan as a scenario and opens it in the editor', async () => {
    await page.getByRole('button', { name: 'Save and edit' }).click();
    await page.waitForURL(/#\/scenarios\/baseline-plan-US-0-5-by-2030$/);
    const editor = page.locator('textarea').first();
    await editor.waitFor();
    await expect.poll(() => editor.inputValue()).toMatch(/^extends: baseline$/m);
    expect(await editor.inputValue()).toContain('build-');
  });

  it('logged no console errors', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
