import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePlanFiles } from '../../test/report/plan-fixture.js';
import { toyRun, writeRunFolder } from '../../test/report/run-fixture.js';
import { InputError } from '../dataset/problems.js';
import { reportPageScript, writeReport } from './index.js';

const work = mkdtempSync(join(tmpdir(), 'lodestone-report-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeReport', () => {
  const runDir = join(work, 'run');
  writeRunFolder(runDir, toyRun());

  it('writes report.html and report.md into the run folder by default', () => {
    const files = writeReport(runDir);
    expect(files).toEqual({ html: join(runDir, 'report.html'), markdown: join(runDir, 'report.md') });
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain(reportPageScript().slice(0, 200)); // ECharts and the chart module, inline
    expect(readFileSync(files.markdown, 'utf8')).toContain('### Demand and how it was served, 2030');
  });

  it('writes elsewhere, for another period, when asked', () => {
    const outDir = join(work, 'elsewhere', 'deep');
    const files = writeReport(runDir, { period: '2031', outDir });
    expect(files.html).toBe(join(outDir, 'report.html'));
    expect(readFileSync(files.markdown, 'utf8')).toContain('### Demand and how it was served, 2031');
    expect(readFileSync(files.html, 'utf8')).toContain('<option value="2031" selected>');
  });

  it('refuses a folder that is not a run, writing nothing', () => {
    const empty = join(work, 'empty');
    expect(() => writeReport(empty)).toThrow(InputError);
    expect(() => writeReport(empty)).toThrow(/run\.json not found.*lodestone run SCENARIO --out DIR/);
    expect(existsSync(join(empty, 'report.html'))).toBe(false);
  });

  it('refuses a run folder missing a table the report needs', () => {
    const dir = join(work, 'partial');
    writeRunFolder(dir, toyRun());
    unlinkSync(join(dir, 'concentration.csv'));
    expect(() => writeReport(dir)).toThrow(/concentration\.csv: concentration\.csv not found/);
  });

  it('writes a plan’s own folder its plan section alone', () => {
    const dir = join(work, 'plan');
    mkdirSync(dir);
    writePlanFiles(dir);
    const files = writeReport(dir);
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain('<title>Lodestone plan report</title>');
    expect(html).toContain('<section class="plan" id="plan">');
    expect(html).toContain('id="chart-plan-sweep" data-chart="plan-sweep"');
    expect(html).toContain(reportPageScript().slice(0, 200));
    const md = readFileSync(files.markdown, 'utf8');
    expect(md).toMatch(/^# Lodestone plan report\n\n- Lodestone \S+\n\n## Plan\n\nUS served 50% free/);
    expect(md).toContain('### Premium of each target, M USD');
  });
});
