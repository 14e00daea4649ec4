/**
 * The run report: `writeReport(runDir)` reads a run folder (`lodestone run --out DIR`) and writes
 * report.html (self-contained, offline, printable; headline answers, tables and charts) and
 * report.md (the same answers and tables). A plan's folder (`lodestone plan --out DIR`) gets its
 * plan section alone.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lodestoneVersion, packageRoot } from '../scenario/package-root.js';
import { exposureModel, readExposure } from './exposure.js';
import { renderExposureHtml, renderHtml, renderPlanHtml } from './html.js';
import { renderExposureMarkdown, renderMarkdown, renderPlanMarkdown } from './markdown.js';
import { buildReport } from './model.js';
import { planModel, readPlan } from './plan.js';
import { folderFiles, readRun } from './read-run.js';

export type { ChartSpec, SankeySpec } from './charts.js';
export type { Headline, HeadlineItem } from './headline.js';
export { buildReport, type ReportModel } from './model.js';
export { readRun } from './read-run.js';
export type { RunData } from './types.js';
export { renderHtml, renderMarkdown };

export interface ReportOptions {
  /** The period the Sankey and the per-period tables show (default: the run's first). */
  readonly period?: string;
  /** Where to write report.html and report.md (default: the run folder). */
  readonly outDir?: string;
}

/**
 * The report page's script: ECharts and the chart module the workbench uses too, built by Vite
 * (`npm run build`) from web/src/report-page.ts.
 */
export function reportPageScript(): string {
  const file = join(packageRoot(), 'dist', 'report-page', 'report-page.js');
  if (!existsSync(file))
    throw new Error(`the report page's script is not built (${file}): run npm run build`);
  return readFileSync(file, 'utf8');
}

/**
 * Writes report.html and report.md for a run folder; returns their paths. Throws an InputError
 * (exit code 2 in the CLI) when run.json or a table the report needs is missing or malformed, or
 * the period is not in the run.
 */
export function writeReport(runDir: string, options: ReportOptions = {}): { html: string; markdown: string } {
  const outDir = options.outDir ?? runDir;
  const html = join(outDir, 'report.html');
  const markdown = join(outDir, 'report.md');
  // A plan's own folder (`lodestone plan --out DIR`) holds no run: its report is the plan section alone.
  const plan = existsSync(join(runDir, 'run.json')) ? undefined : readPlan(folderFiles(runDir));
  if (plan) {
    const model = planModel(plan);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(html, renderPlanHtml(model, reportPageScript(), lodestoneVersion()));
    writeFileSync(markdown, renderPlanMarkdown(model, lodestoneVersion()));
    return { html, markdown };
  }
  // An exposure's folder (`lodestone exposure --out DIR`): the exposure section alone.
  const exposure = existsSync(join(runDir, 'run.json')) ? undefined : readExposure(folderFiles(runDir));
  if (exposure) {
    const model = exposureModel(exposure);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(html, renderExposureHtml(model, reportPageScript(), lodestoneVersion()));
    writeFileSync(markdown, renderExposureMarkdown(model, lodestoneVersion()));
    return { html, markdown };
  }
  const run = readRun(runDir);
  const model = buildReport(run, options.period, join(runDir, 'run.json'));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(html, renderHtml(model, reportPageScript()));
  writeFileSync(markdown, renderMarkdown(model));
  return { html, markdown };
}
