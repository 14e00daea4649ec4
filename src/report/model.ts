/** Everything the report shows, computed from the run's tables: pure, shared by the HTML and Markdown. */
import { InputError } from '../dataset/problems.js';
import { freeLabel, taintText, touchedLabel } from '../model/taint.js';
import { allCharts } from './charts.js';
import { type Headline, headline, headlineItems, measureSentences } from './headline.js';
import { marketCharts } from './market-charts.js';
import { mcModel } from './mc.js';
import { planModel } from './plan.js';
import type { ReportModel } from './schema.js';
import { allTables } from './tables.js';
import type { RunData } from './types.js';

export type { ReportModel };

/** The period to show: the one asked for (it must be in the run), or the first. */
export function choosePeriod(run: RunData, period: string | undefined, file = 'run.json'): string {
  const periods = run.manifest.periods.map((p) => p.period);
  if (period === undefined) return periods[0]!;
  if (!periods.includes(period)) {
    throw new InputError([
      {
        severity: 'error',
        file,
        field: 'period',
        message: `period "${period}" is not in this run; it has ${periods.join(', ')}`,
      },
    ]);
  }
  return period;
}

export function buildReport(run: RunData, period?: string, manifestFile?: string): ReportModel {
  const chosen = choosePeriod(run, period, manifestFile);
  const h = headline(run);
  return {
    manifest: run.manifest,
    period: chosen,
    headline: h,
    items: headlineItems(h),
    definitions: definitions(run, h),
    tables: allTables(run, chosen),
    charts: [...allCharts(run, chosen), ...marketCharts(run)],
    unsolved: run.manifest.periods
      .filter((p) => p.status !== 'optimal')
      .map((p) => `${p.period} (${p.status})`),
    ...(run.mc === undefined
      ? {}
      : {
          mc: mcModel(
            run.mc,
            run.manifest.periods.map((p) => p.period),
          ),
        }),
    ...(run.plan === undefined ? {} : { plan: planModel(run.plan) }),
  };
}

function definitions(run: RunData, h: Headline): string[] {
  const t = h.taint;
  const measures = new Set(run.selfSufficiency.filter((r) => r.stage === 'chain').map((r) => r.measure));
  const sentences = measureSentences(t);
  return [
    `Taint set ${taintText(t)}: ${touchedLabel(t)} material had some stage of its chain there; ${freeLabel(t)} material none.`,
    ...(['served', 'potential', 'upper_bound'] as const)
      .filter((m) => measures.has(m))
      .map((m) => sentences[m]),
  ];
}
