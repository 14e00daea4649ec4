/**
 * report.html: one self-contained page (ECharts, styles and data inline; no network requests),
 * readable offline and printable.
 */
import type { ChartSpec, SankeySpec } from './charts.js';
import type { McModel } from './mc.js';
import type { ReportModel } from './model.js';
import type { PlanModel } from './plan.js';
import type { ExposureModel } from './schema.js';
import type { TableModel } from './tables.js';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that is safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's source made safe to inline: no "</script" can end the element early. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function tableHtml(t: TableModel): string {
  const head = `<h3>${escapeHtml(t.title)}</h3><p class="caption">${escapeHtml(t.caption)}</p>`;
  if (t.rows.length === 0)
    return `<div class="table" id="${t.id}">${head}<p class="empty">${escapeHtml(t.empty)}</p></div>`;
  const cls = (numeric?: boolean) => (numeric ? ' class="num"' : '');
  const ths = t.columns.map((c) => `<th scope="col"${cls(c.numeric)}>${escapeHtml(c.label)}</th>`).join('');
  const trs = t.rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => `<td${cls(t.columns[i]?.numeric)}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const wide = t.columns.length > 8 ? ' wide' : '';
  return `<div class="table${wide}" id="${t.id}">${head}<div class="scroll"><table><thead><tr>${ths}</tr></thead><tbody>\n${trs}\n</tbody></table></div></div>`;
}

function chartHtml(c: ChartSpec): string {
  const picker =
    c.kind === 'sankey'
      ? (() => {
          const s = c as SankeySpec;
          const options = s.periods
            .map(
              (p) =>
                `<option value="${escapeHtml(p)}"${p === s.period ? ' selected' : ''}>${escapeHtml(p)}</option>`,
            )
            .join('');
          return ` <label class="picker">period <select id="sankey-period" aria-label="Period of the flows">${options}</select></label>`;
        })()
      : '';
  return `<figure class="chart ${c.kind}">
<h3>${escapeHtml(c.title)}${picker}</h3>
<div class="chart-box" id="${c.id}" data-chart="${c.kind}" data-points="${c.points}"${c.height ? ` style="--chart-height: ${Math.round(c.height)}px"` : ''} role="img" aria-label="${escapeHtml(c.title)}"></div>
<figcaption>${escapeHtml(c.caption)}</figcaption>
</figure>`;
}

/** A section of line, notes, charts and tables: the plan's, or a company's exposure. */
function sectionHtml(id: 'plan' | 'exposure', heading: string, s: PlanModel | ExposureModel): string {
  return `<section class="plan" id="${id}">
<h2>${escapeHtml(heading)}</h2>
<p class="plan-line">${escapeHtml(s.line)}</p>
${s.notes.map((n) => `<p class="empty">${escapeHtml(n)}</p>`).join('\n')}
${s.charts.map(chartHtml).join('\n')}
${s.tables.map(tableHtml).join('\n')}
</section>`;
}

const planHtml = (plan: PlanModel) => sectionHtml('plan', 'Plan', plan);

function mcHtml(mc: McModel): string {
  return `<section class="mc" id="mc">
<h2>Uncertainty (Monte Carlo)</h2>
<p class="mc-line">${escapeHtml(mc.line)}</p>
${mc.notes.map((n) => `<p class="empty">${escapeHtml(n)}</p>`).join('\n')}
${mc.charts.map(chartHtml).join('\n')}
${mc.tables.map(tableHtml).join('\n')}
</section>`;
}

const CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #c62828; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 20px; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
.meta { margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 14px; }
.meta li { display: inline; margin-right: 18px; }
.meta code, code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.warning { color: var(--accent); font-weight: 600; }
.answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; margin: 0; }
.answer { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: 10px 14px; background: var(--soft); break-inside: avoid; }
.answer dt { font-size: 13px; color: var(--muted); }
.answer dd { margin: 2px 0 0; }
.answer .value { display: block; font-size: 20px; font-weight: 650; }
.answer .detail { display: block; font-size: 13px; color: var(--muted); margin-top: 2px; }
figure.chart { margin: 0 0 28px; break-inside: avoid; page-break-inside: avoid; }
.chart-box { width: 100%; height: var(--chart-height, 380px); }
figcaption, .caption { font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
.picker { font-size: 13px; font-weight: normal; color: var(--muted); margin-left: 12px; }
select { font: inherit; }
.table { margin: 0 0 24px; break-inside: avoid; page-break-inside: avoid; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
.wide table { font-size: 12px; }
.empty { font-style: italic; color: var(--muted); }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin-top: 16pt; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .answers { grid-template-columns: 1fr 1fr; gap: 6pt; }
  .answer .value { font-size: 13pt; }
  .chart-box { width: 180mm; height: 80mm; }
  figure.sankey .chart-box { height: 105mm; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  .wide table { font-size: 7pt; }
  th, td { padding: 2pt 5pt; }
  select { appearance: none; -webkit-appearance: none; border: none; padding: 0; color: var(--ink); font-weight: 600; }
}
`;

/**
 * The page: `pageScript` is the built report script (ECharts and the chart module, see
 * web/src/report-page.ts); it reads the charts from the embedded report data.
 */
export function renderHtml(m: ReportModel, pageScript: string): string {
  const { scenario, dataset, lodestone_version } = m.manifest;
  const title = `Lodestone run report: ${scenario.name}`;
  const answers = m.items
    .map(
      (i) =>
        `<div class="answer"><dt>${escapeHtml(i.question)}</dt><dd><span class="value">${escapeHtml(i.answer)}</span><span class="detail">${escapeHtml(i.detail)}</span></dd></div>`,
    )
    .join('\n');
  const charts = [...m.charts, ...(m.mc?.charts ?? []), ...(m.plan?.charts ?? [])];
  return htmlDocument(
    title,
    lodestone_version,
    charts,
    pageScript,
    `<header>
<h1>${escapeHtml(title)}</h1>
<ul class="meta">
<li>Scenario <strong>${escapeHtml(scenario.name)}</strong></li>
<li>Dataset <strong>${escapeHtml(dataset.name)}</strong> <code title="sha256 of the dataset">sha256 ${escapeHtml(dataset.hash)}</code></li>
<li>Lodestone ${escapeHtml(lodestone_version)}</li>
<li>Taint set <strong>${escapeHtml(m.headline.taint.set)}</strong> (${escapeHtml(m.headline.taint.regions.join(', '))})</li>
<li>Periods ${escapeHtml(m.headline.periods.length > 1 ? `${m.headline.firstPeriod}–${m.headline.lastPeriod} (${m.headline.periods.length})` : m.headline.firstPeriod)}</li>
</ul>
${m.unsolved.length > 0 ? `<p class="warning">Not solved to optimality: ${escapeHtml(m.unsolved.join(', '))}. Read those periods with care.</p>` : ''}
</header>
<section class="headline">
<h2>Headline answers</h2>
<dl class="answers">
${answers}
</dl>
${m.definitions.map((d) => `<p class="caption definition">${escapeHtml(d)}</p>`).join('\n')}
</section>
<section class="charts">
<h2>Charts</h2>
${m.charts.map(chartHtml).join('\n')}
</section>
<section class="tables">
<h2>Tables</h2>
${m.tables.map(tableHtml).join('\n')}
</section>
${m.mc === undefined ? '' : mcHtml(m.mc)}
${m.plan === undefined ? '' : planHtml(m.plan)}
<footer>Generated by Lodestone ${escapeHtml(lodestone_version)} from the run folder of scenario ${escapeHtml(scenario.name)}. Self-contained: charts drawn with Apache ECharts, embedded in this file; the same answers and tables are in report.md.</footer>`,
  );
}

/** The page of a folder that holds no run: one section alone, with a run report's styles, charts and script. */
function sectionPage(
  title: string,
  section: string,
  charts: PlanModel['charts'],
  footer: string,
  pageScript: string,
  version: string,
): string {
  return htmlDocument(
    title,
    version,
    charts,
    pageScript,
    `<header>
<h1>${escapeHtml(title)}</h1>
<ul class="meta"><li>Lodestone ${escapeHtml(version)}</li></ul>
</header>
${section}
<footer>Generated by Lodestone ${escapeHtml(version)} from ${escapeHtml(footer)}. Self-contained: charts drawn with Apache ECharts, embedded in this file; the same tables are in report.md.</footer>`,
  );
}

/** The self-contained page around a report's content: styles, the charts' data and the script that draws them. */
function htmlDocument(
  title: string,
  version: string,
  charts: PlanModel['charts'],
  pageScript: string,
  content: string,
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="generator" content="Lodestone ${escapeHtml(version)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<main>
${content}
</main>
<script type="application/json" id="report-data">${scriptJson({ charts })}</script>
<script>${inlineScript(pageScript)}</script>
</body>
</html>
`;
}

/** The page of a plan's own folder (`lodestone plan --out DIR`, no run in it): the plan section alone. */
export const renderPlanHtml = (plan: PlanModel, pageScript: string, version: string): string =>
  sectionPage(
    'Lodestone plan report',
    planHtml(plan),
    plan.charts,
    "a plan's folder (plan.csv, plan_summary.csv, project_value.csv, plan_sweep.csv)",
    pageScript,
    version,
  );

/** The page of an exposure's folder (`lodestone exposure --out DIR`): the exposure section alone. */
export const renderExposureHtml = (exposure: ExposureModel, pageScript: string, version: string): string =>
  sectionPage(
    'Lodestone exposure report',
    sectionHtml('exposure', 'Company exposure', exposure),
    exposure.charts,
    "an exposure's folder (exposure.csv, exposure_ranking.csv, exposure_alternatives.csv)",
    pageScript,
    version,
  );
