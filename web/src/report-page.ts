/**
 * The offline report's script (report.html): draws every chart of the page's embedded report data
 * with the same ECharts build and tooltips as the workbench, then marks the page ready. Vite builds
 * it as one self-contained script (web/report-page.vite.config.ts) that src/report inlines.
 */
import type { ChartOption, ChartSpec, SankeySpec } from './api';
import { decorate } from './charts/decorate';
import { echarts } from './charts/echarts';

type Chart = ReturnType<typeof echarts.init>;

/** Readiness for tests and printing: every chart drawn, or the errors met. */
interface ReportState {
  charts: number;
  ready: boolean;
  rendered: number;
  errors: string[];
}

declare global {
  interface Window {
    __lodestoneReport?: ReportState;
    /** The page's ECharts, for a reader (or a test) who wants a chart's instance. */
    echarts?: typeof echarts;
  }
}

/** Charts are resized to this width (px) for printing on A4. */
const PRINT_WIDTH = 680;

/** Data items drawn: links for a Sankey, non-empty data values otherwise. */
function points(chart: Chart): number {
  const series = ((chart.getOption() as { series?: Record<string, unknown>[] }).series ?? []) as {
    type?: string;
    links?: unknown[];
    edges?: unknown[];
    data?: unknown[];
  }[];
  let n = 0;
  for (const s of series) {
    if (s.type === 'sankey') n += (s.links ?? s.edges ?? []).length;
    else n += (s.data ?? []).filter((d) => d !== null && d !== undefined && d !== '-').length;
  }
  return n;
}

function start(): void {
  const data = JSON.parse(document.getElementById('report-data')!.textContent ?? '{}') as {
    charts: ChartSpec[];
  };
  const state: ReportState = { charts: data.charts.length, ready: false, rendered: 0, errors: [] };
  window.__lodestoneReport = state;
  window.echarts = echarts;
  const instances: Chart[] = [];
  let pending = data.charts.length;
  const rendered = () => {
    state.rendered += 1;
    pending -= 1;
    if (pending === 0) {
      state.ready = state.errors.length === 0;
      document.documentElement.setAttribute('data-report-ready', String(state.ready));
    }
  };

  const render = (spec: ChartSpec, el: HTMLElement, option: ChartOption): Chart => {
    const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, null, { renderer: 'svg' });
    let counted = false;
    chart.off('finished');
    chart.on('finished', () => {
      el.setAttribute('data-points', String(points(chart)));
      if (!counted) {
        counted = true;
        rendered();
      }
    });
    chart.setOption(decorate(spec, option), true);
    return chart;
  };

  for (const spec of data.charts) {
    try {
      instances.push(render(spec, document.getElementById(spec.id)!, spec.option));
    } catch (e) {
      state.errors.push(`${spec.id}: ${(e as Error).message}`);
      console.error(`Lodestone report: chart ${spec.id} failed: ${(e as Error).message}`);
      pending -= 1;
    }
  }

  const picker = document.getElementById('sankey-period') as HTMLSelectElement | null;
  const sankey = data.charts.find((c): c is SankeySpec => c.kind === 'sankey');
  if (picker && sankey) {
    picker.addEventListener('change', () => {
      const entry = sankey.byPeriod[picker.value];
      if (entry) render(sankey, document.getElementById(sankey.id)!, entry.option);
    });
  }

  const resize = (width?: number) => {
    for (const c of instances) c.resize(width ? { width } : undefined);
  };
  window.addEventListener('resize', () => resize());
  window.addEventListener('beforeprint', () => resize(PRINT_WIDTH));
  window.addEventListener('afterprint', () => resize());
  window.matchMedia?.('print').addEventListener('change', () => resize());
}

start();
