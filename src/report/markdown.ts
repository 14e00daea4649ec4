/** report.md: the headline answers and the tables in Markdown; the charts are in report.html. */
import type { ReportModel } from './model.js';
import type { PlanModel } from './plan.js';
import type { ExposureModel } from './schema.js';
import type { TableModel } from './tables.js';

/** Escapes text for a Markdown table cell or paragraph. */
export function mdEscape(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]<>])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export function markdownTable(t: TableModel): string {
  const title = `### ${mdEscape(t.title)}\n\n${mdEscape(t.caption)}\n`;
  if (t.rows.length === 0) return `${title}\n_${mdEscape(t.empty)}_\n`;
  const head = `| ${t.columns.map((c) => mdEscape(c.label)).join(' | ')} |`;
  const rule = `| ${t.columns.map((c) => (c.numeric ? '---:' : ':---')).join(' | ')} |`;
  const body = t.rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`);
  return `${title}\n${[head, rule, ...body].join('\n')}\n`;
}

/** The plan section in Markdown: its line, notes, a pointer to the charts, and its tables. */
function planParts(plan: PlanModel): string[] {
  return [
    `${mdEscape(plan.line)}.`,
    ...plan.notes.map((n) => `_${mdEscape(n)}_`),
    ...(plan.charts.length > 0
      ? ['> The plan’s charts (capex by year and stage, the premium of each target) are in `report.html`.']
      : []),
    ...plan.tables.map(markdownTable),
  ];
}

const joined = (parts: readonly string[]) =>
  `${parts
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;

/** report.md of an exposure's folder: the exposure section alone. */
export function renderExposureMarkdown(exposure: ExposureModel, version: string): string {
  return joined([
    '# Lodestone exposure report',
    `- Lodestone ${mdEscape(version)}`,
    '## Company exposure',
    `${mdEscape(exposure.line)}.`,
    ...exposure.notes.map((n) => `_${mdEscape(n)}_`),
    '> The chart of the supply at risk by scenario and year is in `report.html`.',
    ...exposure.tables.map(markdownTable),
  ]);
}

/** report.md of a plan's own folder: the plan section alone. */
export function renderPlanMarkdown(plan: PlanModel, version: string): string {
  return joined([
    '# Lodestone plan report',
    `- Lodestone ${mdEscape(version)}`,
    '## Plan',
    ...planParts(plan),
  ]);
}

export function renderMarkdown(m: ReportModel): string {
  const { scenario, dataset, lodestone_version } = m.manifest;
  const parts = [
    `# Lodestone run report: ${mdEscape(scenario.name)}`,
    [
      `- Scenario: **${mdEscape(scenario.name)}**`,
      `- Dataset: **${mdEscape(dataset.name)}** (sha256 \`${dataset.hash}\`)`,
      `- Lodestone ${mdEscape(lodestone_version)}`,
      `- Taint set: **${mdEscape(m.headline.taint.set)}** (${mdEscape(m.headline.taint.regions.join(', '))})`,
      `- Periods: ${mdEscape(m.headline.periods.join(', '))}; tables for a single period show ${mdEscape(m.period)}`,
      ...(m.unsolved.length > 0
        ? [`- **Not solved to optimality:** ${mdEscape(m.unsolved.join(', '))}`]
        : []),
    ].join('\n'),
    `> The charts (flows, capacity against demand, ${mdEscape(m.headline.taint.name)}’s share per stage, shortfalls, demand given up because of price, demand met by substitution, prices beside published ranges) are in \`report.html\`, beside this file.`,
    '## Headline answers',
    m.items
      .map((i) => `- **${mdEscape(i.question)}** ${mdEscape(i.answer)}. ${mdEscape(i.detail)}`)
      .join('\n'),
    m.definitions.map((d) => `_${mdEscape(d)}_`).join('\n\n'),
    '## Tables',
    ...m.tables.map(markdownTable),
    ...(m.mc === undefined
      ? []
      : [
          '## Uncertainty (Monte Carlo)',
          `Monte Carlo: ${mdEscape(m.mc.line)}.`,
          ...m.mc.notes.map((n) => `_${mdEscape(n)}_`),
          '> The fan charts, the probability of self-sufficiency by year and the tornado chart are in `report.html`.',
          ...m.mc.tables.map(markdownTable),
        ]),
    ...(m.plan === undefined
      ? []
      : [
          '## Plan',
          `${mdEscape(m.plan.line)}.`,
          ...m.plan.notes.map((n) => `_${mdEscape(n)}_`),
          ...(m.plan.charts.length > 0
            ? [
                '> The plan’s charts (capex by year and stage, the premium of each target) are in `report.html`.',
              ]
            : []),
          ...m.plan.tables.map(markdownTable),
        ]),
  ];
  return `${parts
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
