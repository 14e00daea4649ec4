/**
 * The report model as zod schemas: the one source of its types (src/report builds it, the web app
 * imports them as types) and of the /api/runs/{id}/report response in the OpenAPI document.
 * Charts carry ECharts options as plain JSON; the page adds their tooltips (web/src/charts/decorate.ts).
 */
import { z } from 'zod';
import { RunManifest } from '../run-folder/manifest.js';

export const CHART_KINDS = [
  'sankey',
  'capacity',
  'china-share',
  'shortfall',
  'destroyed',
  'substitution',
  'prices',
  'fan',
  'mc-probability',
  'tornado',
  'plan-builds',
  'plan-project-values',
  'plan-sweep',
  'exposure-risk',
] as const;
export const ChartKind = z.enum(CHART_KINDS);
export type ChartKind = z.infer<typeof ChartKind>;

/** An ECharts option: plain JSON, no functions. */
const Option = z.record(z.string(), z.unknown());
/** A value per period; null (undefined in memory) where there is none. */
const Values = z.array(z.number().nullish()).readonly();

export const ChartSpec = z.object({
  id: z.string().describe('The id of the chart’s container in the page'),
  kind: ChartKind,
  title: z.string(),
  caption: z.string(),
  option: Option.describe('The ECharts option, JSON only'),
  points: z
    .number()
    .describe('Data items drawn: links for the Sankey, data values summed over series otherwise'),
  unit: z.string().describe('Unit of the values, for tooltips ("%" for shares)'),
  height: z.number().optional().describe('Height on screen in px, where the default (380) is too small'),
  fan: z
    .object({
      periods: z.array(z.string()).readonly(),
      p5: Values,
      p25: Values,
      p50: Values,
      p75: Values,
      p95: Values,
    })
    .optional()
    .describe('Fan charts: the percentiles per period as drawn (shares in %), for the tooltip'),
});
export type ChartSpec = z.infer<typeof ChartSpec>;

export const SankeySpec = ChartSpec.extend({
  kind: z.literal('sankey'),
  period: z.string().describe('The period shown first'),
  periods: z.array(z.string()).describe('The run’s periods, in order (keys of byPeriod)'),
  byPeriod: z.record(z.string(), z.object({ option: Option, points: z.number() })),
});
export type SankeySpec = z.infer<typeof SankeySpec>;

export const Column = z.object({
  label: z.string(),
  numeric: z.boolean().optional().describe('Right-aligned'),
});
export type Column = z.infer<typeof Column>;

export const TableModel = z.object({
  id: z.string(),
  title: z.string(),
  caption: z.string(),
  columns: z.array(Column),
  rows: z.array(z.array(z.string())).describe('Cells as shown'),
  empty: z.string().describe('Shown instead of the table when there are no rows'),
});
export type TableModel = z.infer<typeof TableModel>;

export const HeadlineItem = z.object({ question: z.string(), answer: z.string(), detail: z.string() });
export type HeadlineItem = z.infer<typeof HeadlineItem>;

export const ChainMeasure = z.enum(['served', 'potential', 'upper_bound']);
export type ChainMeasure = z.infer<typeof ChainMeasure>;

export const ChainAnswer = z.object({
  bloc: z.string(),
  first: z
    .string()
    .optional()
    .describe('The first period the bloc’s potential reaches 100% (all its demand could be served free)'),
  shares: z
    .record(ChainMeasure, Values)
    .describe('Each measure’s share of the bloc’s demand in the headline periods (Headline.shown)'),
});
export type ChainAnswer = z.infer<typeof ChainAnswer>;

export const StageShare = z.object({
  stage: z.string(),
  first: z.number().optional(),
  last: z.number().optional(),
});
export type StageShare = z.infer<typeof StageShare>;

export const ShortfallTotal = z.object({
  unit: z.string(),
  demand: z.number(),
  short: z.number(),
  destroyed: z.number().describe('Given up because of price on the demand curves (not counted in short)'),
  substituted: z
    .number()
    .describe('Displaced by substitution (substitution.csv volume, of the material substituted)'),
  last: z
    .object({ demand: z.number(), short: z.number(), destroyed: z.number(), substituted: z.number() })
    .describe('The same figures in the last period'),
  byRegion: z.array(z.object({ region: z.string(), short: z.number() })).describe('Largest first'),
});
export type ShortfallTotal = z.infer<typeof ShortfallTotal>;

export const Headline = z.object({
  taint: z.object({ set: z.string(), name: z.string(), regions: z.array(z.string()).readonly() }),
  periods: z.array(z.string()),
  firstPeriod: z.string(),
  lastPeriod: z.string(),
  shown: z.array(z.string()).describe('The periods the bloc answers quote: first, middle and last'),
  chain: z.array(ChainAnswer),
  taintShare: z.array(StageShare).describe('Share of each stage’s output made in the taint set'),
  shortfall: z.array(ShortfallTotal),
});
export type Headline = z.infer<typeof Headline>;

export const McModel = z.object({
  line: z.string().describe('What was run: draws, seed, whether partial'),
  charts: z.array(ChartSpec),
  tables: z.array(TableModel),
  notes: z.array(z.string()).describe('What is not shown, and why'),
});
export type McModel = z.infer<typeof McModel>;

export const PlanModel = z
  .object({
    line: z.string().describe('What was planned: bloc, target, year, options; or the sweep'),
    charts: z.array(ChartSpec),
    tables: z.array(TableModel),
    notes: z.array(z.string()).describe('Policies the plan does not apply as the run does, and why'),
  })
  .meta({ id: 'PlanModel' });
export type PlanModel = z.infer<typeof PlanModel>;

export const ExposureModel = z
  .object({
    line: z.string().describe('Whose exposure: the company, its region and years'),
    charts: z.array(ChartSpec),
    tables: z.array(TableModel),
    notes: z.array(z.string()).describe('What is not shown here, and where it is'),
  })
  .meta({ id: 'ExposureModel' });
export type ExposureModel = z.infer<typeof ExposureModel>;

export const ReportModel = z.object({
  manifest: RunManifest,
  period: z.string().describe('The period the Sankey and the per-period tables show'),
  headline: Headline,
  items: z.array(HeadlineItem),
  definitions: z.array(z.string()).describe('What the answers’ terms mean'),
  tables: z.array(TableModel),
  charts: z.tuple([SankeySpec], ChartSpec),
  unsolved: z.array(z.string()).describe('Periods the solver did not solve to optimality'),
  mc: McModel.optional().describe('The uncertainty section, when the run folder holds Monte Carlo outputs'),
  plan: PlanModel.optional().describe(
    'The plan section, when the run folder holds the planner’s outputs (plan.csv, plan_summary.csv, project_value.csv, plan_sweep.csv)',
  ),
});
export type ReportModel = z.infer<typeof ReportModel>;
