/**
 * The run report: `writeReport(runDir)` reads a run folder (`lodestone run --out DIR`) and writes
 * report.html (self-contained, offline, printable; headline answers, tables and charts) and
 * report.md (the same answers and tables).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildReport } from './model.js';
import { readRun } from './read-run.js';

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

/** The minified ECharts build, read from the installed package. */
export function echartsSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('echarts/dist/echarts.min'), 'utf8');
}

/**
 * Writes report.html and report.md for a run folder; returns their paths. Throws an InputError
 * (exit code 2 in the CLI) when run.json or a table the report needs is missing or malformed, or
 * the period is not in the run.
 */
export function writeReport(runDir: string, options: ReportOptions = {}): { html: string; markdown: string } {
  const run = readRun(runDir);
  const model = buildReport(run, options.period, join(runDir, 'run.json'));
  const outDir = options.outDir ?? runDir;
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, 'report.html');
  const markdown = join(outDir, 'report.md');
  writeFileSync(html, renderHtml(model, echartsSource()));
  writeFileSync(markdown, renderMarkdown(model));
  return { html, markdown };
}
