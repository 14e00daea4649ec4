/**
 * End to end: a real run folder (`lodestone run --out`), its report written, and report.html opened
 * offline in Debian's Chromium through playwright-core: no errors, no network, every chart drawn
 * with data. Leaves a screenshot in test/report/artifacts/ to look at.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { writePlanFiles } from './plan-fixture.js';
import { toyMc, writeMcFiles } from './run-fixture.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The market's charts after the run's: demand given up, substitution, the NdPr oxide price. */
const MARKET_CHARTS = ['chart-destroyed', 'chart-substitution', 'chart-price-ndpr-oxide'];
const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const CHROMIUM = process.env.LODESTONE_CHROMIUM ?? '/usr/bin/chromium';

interface ReportState {
  charts: number;
  ready: boolean;
  errors: string[];
}
interface ChartBox {
  id: string;
  points: number;
  svg: boolean;
  canvas: boolean;
  marks: number;
  instance: boolean;
  width: number;
}

/** Runs in the page: what each chart container holds. */
function chartBoxes(): ChartBox[] {
  type El = {
    id: string;
    getAttribute(n: string): string | null;
    querySelector(s: string): unknown;
    querySelectorAll(s: string): { length: number };
    getBoundingClientRect(): { width: number };
  };
  const g = globalThis as unknown as {
    document: { querySelectorAll(s: string): Iterable<El> };
    echarts: { getInstanceByDom(e: El): unknown };
  };
  return [...g.document.querySelectorAll('.chart-box')].map((e) => ({
    id: e.id,
    points: Number(e.getAttribute('data-points')),
    svg: e.querySelector('svg') !== null,
    canvas: e.querySelector('canvas') !== null,
    marks: e.querySelectorAll('svg path, svg rect').length,
    instance: g.echarts.getInstanceByDom(e) !== undefined,
    width: e.getBoundingClientRect().width,
  }));
}
const reportState = () => (globalThis as unknown as { __lodestoneReport?: ReportState }).__lodestoneReport;

const work = mkdtempSync(join(tmpdir(), 'lodestone-report-'));
const runDir = join(work, 'run');
let files: { html: string; markdown: string };
let browser: Browser;

beforeAll(async () => {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin', 'lodestone.js'),
      'run',
      join(ROOT, 'test', 'fixtures', 'scenarios', 'mini.yaml'),
      '--out',
      runDir,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (r.status !== 0) throw new Error(`lodestone run failed (${r.status}):\n${r.stderr}`);
  // The mini dataset has no substitution options: lay in a substitution.csv so that chart draws too.
  writeFileSync(
    join(runDir, 'substitution.csv'),
    [
      'period,region,application,option,kind,from,to,volume,substitute,unit,cost,cost_unit,allowed_share',
      '2026,US,ev,ev-thrift,thrift,magnet,magnet,40,40,t magnet,480,thousand USD,0.1',
      '2027,US,ev,ev-thrift,thrift,magnet,magnet,90,90,t magnet,1080,thousand USD,0.2',
      '2027,CN,ev,ev-ferrite,technology,magnet,ferrite motor,120,0,t magnet,1440,thousand USD,0.05',
      '',
    ].join('\n'),
  );
  files = writeReport(runDir);
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set LODESTONE_CHROMIUM)`,
    );
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Opens the report, recording console errors, page errors and every request. */
async function open(html = files.html): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(html).href);
  // Functions passed to the page are serialised: they cannot call helpers from this file.
  await page
    .waitForFunction(
      () => (globalThis as unknown as { __lodestoneReport?: ReportState }).__lodestoneReport?.ready === true,
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => {});
  return { page, errors, requests };
}

// One page for the whole file (parsing the inlined ECharts takes a second): the tests run in order
// on it, from loading through switching period to printing.
let report: { page: Page; errors: string[]; requests: string[] };
beforeAll(async () => {
  report = await open();
});

describe('lodestone report (report.html in Chromium)', () => {
  it('writes report.html and report.md into the run folder', () => {
    expect(files).toEqual({ html: join(runDir, 'report.html'), markdown: join(runDir, 'report.md') });
    expect(statSync(files.html).size).toBeGreaterThan(500_000); // ECharts is inside
    const md = readFileSync(files.markdown, 'utf8');
    expect(md).toMatch(/^# Lodestone run report: mini\n/);
    // The substitution laid in: 250 t over the horizon, 210 t of it in 2027.
    expect(md).toContain(
      '**How much magnet demand did substitution and demand response absorb?** 2027: 210 (',
    );
    expect(md).toContain('Substitution: the options that displaced the most demand');
    expect(md).toContain(
      '**When can all US demand be served China-free, without taking supply from other regions?** Not within the horizon (2025–2027).',
    );
  });

  it('loads offline without errors and draws every chart with data', async () => {
    const { page, errors, requests } = report;
    const state = await page.evaluate(reportState);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(files.html).href]);
    expect(state).toMatchObject({ charts: 7, ready: true, errors: [] });
    const boxes = await page.evaluate(chartBoxes);
    expect(boxes.map((b) => b.id)).toEqual([
      'chart-sankey',
      'chart-capacity',
      'chart-china-share',
      'chart-shortfall',
      ...MARKET_CHARTS,
    ]);
    for (const b of boxes) {
      expect(b.points, b.id).toBeGreaterThan(0);
      expect(b.svg || b.canvas, b.id).toBe(true);
      expect(b.instance, b.id).toBe(true);
      expect(b.marks, b.id).toBeGreaterThan(0);
    }
    // The mini run's first period: China mines, separates and makes the magnets; US concentrate and
    // stocked US oxide go to China; magnets go to demand in China and the US.
    expect(boxes[0]!.points).toBe(6);
    expect(await page.locator('h1').textContent()).toBe('Lodestone run report: mini');
    expect(await page.locator('#chart-sankey').textContent()).toContain('demand · US');
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
  });

  it('switches the Sankey to another period', async () => {
    const { page, errors } = report;
    await page.selectOption('#sankey-period', '2027');
    // 2027: the US separates some of its own concentrate.
    await page.waitForFunction(() => {
      const g = globalThis as unknown as {
        document: { getElementById(id: string): { textContent: string | null } };
      };
      return (g.document.getElementById('chart-sankey').textContent ?? '').includes('separation · US');
    });
    const sankey = (await page.evaluate(chartBoxes))[0]!;
    expect(sankey.points).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('prints on A4: charts resized to the page width, a PDF made', async () => {
    const { page, errors, requests } = report;
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => {
      const g = globalThis as unknown as {
        document: { querySelectorAll(s: string): Iterable<{ getBoundingClientRect(): { width: number } }> };
      };
      return [...g.document.querySelectorAll('.chart-box svg')].every(
        (s) => s.getBoundingClientRect().width <= 700,
      );
    });
    const boxes = await page.evaluate(chartBoxes);
    for (const b of boxes) expect(b.width, b.id).toBeLessThanOrEqual(700);
    const pdf = await page.pdf({ format: 'A4', path: join(ARTIFACTS, 'report.pdf') });
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

describe('lodestone report with Monte Carlo outputs in the run folder', () => {
  const mcDir = join(work, 'run-mc');
  let mcFiles: { html: string; markdown: string };
  let mcReport: { page: Page; errors: string[]; requests: string[] };
  beforeAll(async () => {
    cpSync(runDir, mcDir, { recursive: true });
    rmSync(join(mcDir, 'report.html'));
    rmSync(join(mcDir, 'report.md'));
    writeMcFiles(mcDir, toyMc(['2025', '2026', '2027']));
    mcFiles = writeReport(mcDir);
    mcReport = await open(mcFiles.html);
  });
  afterAll(async () => {
    await mcReport?.page.close();
  });

  it('adds the uncertainty section to report.md', () => {
    const md = readFileSync(mcFiles.markdown, 'utf8');
    expect(md).toContain('## Uncertainty (Monte Carlo)');
    expect(md).toContain('| US | 0% (0%–8.8%) | 25% (14%–40%) | 50% (35%–65%) |');
    expect(md).toContain('| us-capacity | −0.60 |');
  });

  it('draws the fan charts, the probability and the tornado with data, without errors', async () => {
    const { page, errors, requests } = mcReport;
    const state = await page.evaluate(reportState);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(mcFiles.html).href]);
    expect(state).toMatchObject({ charts: 12, ready: true, errors: [] });
    const boxes = await page.evaluate(chartBoxes);
    expect(boxes.map((b) => b.id)).toEqual([
      'chart-sankey',
      'chart-capacity',
      'chart-china-share',
      'chart-shortfall',
      ...MARKET_CHARTS,
      'chart-mc-selfsuff-US',
      'chart-mc-probability',
      'chart-mc-short-US',
      'chart-mc-short-CN',
      'chart-mc-tornado',
    ]);
    for (const b of boxes) {
      expect(b.points, b.id).toBeGreaterThan(0);
      expect(b.svg || b.canvas, b.id).toBe(true);
      expect(b.instance, b.id).toBe(true);
      expect(b.marks, b.id).toBeGreaterThan(0);
    }
    const byId = new Map(boxes.map((b) => [b.id, b.points]));
    // A fan: two lower edges, two bands and the median over three periods; the tornado: 5 inputs.
    expect(byId.get('chart-mc-selfsuff-US')).toBe(15);
    expect(byId.get('chart-mc-short-US')).toBe(15);
    expect(byId.get('chart-mc-probability')).toBe(9); // 3 periods: the probability and its 95% interval's two bounds
    expect(byId.get('chart-mc-tornado')).toBe(5);
    expect(await page.locator('#mc h2').textContent()).toBe('Uncertainty (Monte Carlo)');
    expect(await page.locator('#mc .mc-line').textContent()).toContain('40 of 50 draws (partial');
    expect(await page.locator('#chart-mc-tornado').textContent()).toContain('us-capacity');
    // Hovering a fan shows its percentiles.
    const fan = page.locator('#chart-mc-short-US');
    await fan.scrollIntoViewIfNeeded();
    await fan.hover();
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as {
          document: { getElementById(id: string): { textContent: string | null } };
        };
        return (g.document.getElementById('chart-mc-short-US').textContent ?? '').includes(
          'p5–p95 100 t magnet',
        );
      },
      undefined,
      { timeout: 5000 },
    );
    await page.locator('#mc').screenshot({ path: join(ARTIFACTS, 'report-mc.png') });
    expect(errors).toEqual([]);
  });
});

describe('lodestone report with a plan in the run folder', () => {
  const planDir = join(work, 'run-plan');
  let planFiles: { html: string; markdown: string };
  let planReport: { page: Page; errors: string[]; requests: string[] };
  beforeAll(async () => {
    cpSync(runDir, planDir, { recursive: true });
    rmSync(join(planDir, 'report.html'));
    rmSync(join(planDir, 'report.md'));
    writePlanFiles(planDir);
    planFiles = writeReport(planDir);
    planReport = await open(planFiles.html);
  });
  afterAll(async () => {
    await planReport?.page.close();
  });

  it('adds the plan section to report.md', () => {
    const md = readFileSync(planFiles.markdown, 'utf8');
    expect(md).toContain('## Plan');
    expect(md).toContain('### What each announced project is worth to the target');
  });

  it('draws the plan’s capex by year and the sweep’s premium curves with data, without errors', async () => {
    const { page, errors, requests } = planReport;
    expect(requests).toEqual([pathToFileURL(planFiles.html).href]);
    expect(await page.evaluate(reportState)).toMatchObject({ ready: true, errors: [] });
    const boxes = new Map((await page.evaluate(chartBoxes)).map((b) => [b.id, b]));
    for (const id of ['chart-plan-builds', 'chart-plan-sweep']) {
      const b = boxes.get(id)!;
      expect(b.instance && (b.svg || b.canvas), id).toBe(true);
      expect(b.marks, id).toBeGreaterThan(0);
    }
    // Three builds' bars; three of the sweep's four points (one is out of reach).
    expect(boxes.get('chart-plan-builds')!.points).toBe(3);
    expect(boxes.get('chart-plan-sweep')!.points).toBe(3);
    expect(await page.locator('#plan h2').textContent()).toBe('Plan');
    await page.locator('#plan').screenshot({ path: join(ARTIFACTS, 'report-plan.png') });
    expect(errors).toEqual([]);
  });

  it('draws a plan’s own folder’s report (no run in it) the same way', async () => {
    const own = join(work, 'plan-only');
    mkdirSync(own, { recursive: true });
    writePlanFiles(own);
    const { page, errors } = await open(writeReport(own).html);
    expect(await page.evaluate(reportState)).toMatchObject({ charts: 3, ready: true, errors: [] });
    const boxes = await page.evaluate(chartBoxes);
    expect(boxes.map((b) => [b.id, b.points])).toEqual([
      ['chart-plan-builds', 3],
      ['chart-plan-project-values', 1],
      ['chart-plan-sweep', 3],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('lodestone report on an exposure’s folder', () => {
  it('draws the company’s supply at risk by scenario and year, without errors', async () => {
    const own = join(work, 'exposure-only');
    cpSync(join(import.meta.dirname, '..', 'fixtures', 'exposure-folder'), own, { recursive: true });
    const { page, errors } = await open(writeReport(own).html);
    expect(await page.evaluate(reportState)).toMatchObject({ charts: 1, ready: true, errors: [] });
    const boxes = await page.evaluate(chartBoxes);
    expect(boxes.map((b) => [b.id, b.points])).toEqual([['chart-exposure-risk', 10]]);
    expect(boxes[0]!.instance && (boxes[0]!.svg || boxes[0]!.canvas)).toBe(true);
    expect(boxes[0]!.marks).toBeGreaterThan(0);
    expect(await page.locator('#exposure h2').textContent()).toBe('Company exposure');
    await page.locator('#exposure').screenshot({ path: join(ARTIFACTS, 'report-exposure.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
