/**
 * The report's exposure section, on test/fixtures/exposure-folder (written by `lodestone exposure
 * examples/exposure/automaker.yaml --scenarios baseline,heavy-re-embargo --out …`): the risk chart,
 * the tables, the page of an exposure's folder, and the file and line of a value that does not read.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../dataset/problems.js';
import { exposureModel, readExposure } from './exposure.js';
import { writeReport } from './index.js';
import { folderFiles } from './read-run.js';

const FOLDER = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'exposure-folder');
const work = mkdtempSync(join(tmpdir(), 'lodestone-exposure-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the exposure section', () => {
  const data = readExposure(folderFiles(FOLDER))!;
  const model = exposureModel(data);

  it('names the company and its years', () => {
    expect(model.line).toBe('Exposure of Automaker (GM-like, illustrative) (US), 2026–2030');
  });

  it('charts the share at risk by scenario × year, from the rows of all lines and suppliers', () => {
    const [chart] = model.charts;
    expect(chart!.kind).toBe('exposure-risk');
    const option = chart!.option as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      series: { data: number[][] }[];
    };
    expect(option.xAxis.data).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(option.yAxis.data).toEqual(['baseline', 'heavy-re-embargo']);
    expect(chart!.points).toBe(10);
    // heavy-re-embargo 2030: 342.1 of 1,150 t at risk.
    expect(option.series[0]!.data).toContainEqual([4, 1, 29.75]);
  });

  it('tables the scenarios by harm, the years, and the best five alternatives per line', () => {
    const ranking = model.tables.find((t) => t.id === 'table-exposure-ranking')!;
    expect(ranking.rows.map((r) => r.slice(0, 4))).toEqual([
      ['1', 'heavy-re-embargo', '1343', '1343'],
      ['2', 'baseline', '0', '0'],
    ]);
    const years = model.tables.find((t) => t.id === 'table-exposure-years')!;
    expect(years.rows).toHaveLength(10);
    const alternatives = model.tables.find((t) => t.id === 'table-exposure-alternatives')!;
    expect(alternatives.title).toBe('Where else to buy (spare capacity in baseline)');
    for (const line of ['ev-traction', 'auxiliary'])
      expect(alternatives.rows.filter((r) => r[0] === line).map((r) => r[1])).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
      ]);
  });

  it('is the report of an exposure’s folder, in report.html and report.md', () => {
    const dir = join(work, 'folder');
    cpSync(FOLDER, dir, { recursive: true });
    const { html, markdown } = writeReport(dir);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h1>Lodestone exposure report</h1>');
    expect(page).toContain('data-chart="exposure-risk"');
    const md = readFileSync(markdown, 'utf8');
    expect(md).toContain('## Company exposure');
    expect(md).toContain('Scenarios by harm to the company');
  });

  it('names the file and line of a value that is not a number', () => {
    const dir = join(work, 'broken');
    cpSync(FOLDER, dir, { recursive: true });
    const file = join(dir, 'exposure.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2]!.replace(/^([^,]*),([^,]*),/, '$1,soon,');
    writeFileSync(file, lines.join('\n'));
    const error = (() => {
      try {
        readExposure(folderFiles(dir));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    const problem = (error as InputError).problems[0]!;
    expect(problem.file).toBe(file);
    expect(problem.line).toBe(3);
    expect(problem.field).toBe('year');
  });
});
