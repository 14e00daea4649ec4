/**
 * Tooltips for the report's charts. The server sends plain JSON options (no functions), so the
 * formatters are added here, as the offline report (src/report/html.ts) does.
 */
import type { ChartOption, ChartSpec } from '../api';
import { esc, fmt } from '../format';

interface SankeyEdge {
  dataType?: string;
  name: string;
  data: { source: string; target: string; value: number; unit?: string; materials?: string[] };
}

interface AxisItem {
  axisValue: string;
  marker: string;
  seriesName: string;
  seriesType: string;
  data: unknown;
}

/** The substitution chart's tooltip: the options used in the period (bars), their total, and the line. */
export function substitutionTooltip(ps: readonly AxisItem[], unit: string): string {
  const used = ps.filter((p) => p.seriesType === 'bar' && typeof p.data === 'number' && p.data > 0);
  const lines = ps.filter((p) => p.seriesType !== 'bar');
  const total = used.reduce((s, p) => s + (p.data as number), 0);
  const row = (p: AxisItem) => `<br>${p.marker}${esc(p.seriesName)} <b>${fmt(p.data)} ${esc(unit)}</b>`;
  return (
    esc(ps[0]?.axisValue ?? '') +
    used.map(row).join('') +
    `<br>substituted in all <b>${fmt(total)} ${esc(unit)}</b>` +
    lines.map(row).join('')
  );
}

export function decorate(spec: ChartSpec, option: ChartOption): ChartOption {
  const tooltip = (option.tooltip ?? {}) as Record<string, unknown>;
  const withUnit = (v: unknown) => (spec.unit === '%' ? `${fmt(v)}%` : `${fmt(v)} ${spec.unit}`);
  switch (spec.kind) {
    case 'sankey':
      return {
        ...option,
        tooltip: {
          ...tooltip,
          formatter: (p: SankeyEdge) =>
            p.dataType === 'edge'
              ? `${esc(p.data.source)} → ${esc(p.data.target)}<br><b>${fmt(p.data.value)} ${esc(p.data.unit ?? '')}</b>` +
                `<br>${esc((p.data.materials ?? []).join(', '))}`
              : esc(p.name),
        },
      };
    case 'fan': {
      const f = spec.fan;
      if (!f) return option;
      return {
        ...option,
        tooltip: {
          ...tooltip,
          formatter: (ps: { dataIndex: number }[]) => {
            const i = ps[0]?.dataIndex ?? 0;
            return (
              `${esc(f.periods[i])}<br>median <b>${withUnit(f.p50[i])}</b>` +
              `<br>p25–p75 ${withUnit(f.p25[i])} – ${withUnit(f.p75[i])}` +
              `<br>p5–p95 ${withUnit(f.p5[i])} – ${withUnit(f.p95[i])}`
            );
          },
        },
      };
    }
    case 'prices':
      // Lines give one price, the published boxes a range (open = low, close = high).
      return {
        ...option,
        tooltip: {
          ...tooltip,
          formatter: (ps: { axisValue: string; marker: string; seriesName: string; data: unknown }[]) => {
            const rows = ps.filter((p) => p.data !== null && p.data !== undefined && p.data !== '-');
            if (rows.length === 0) return '';
            return (
              esc(rows[0]!.axisValue) +
              rows
                .map((p) => {
                  const v = p.data;
                  const text = Array.isArray(v) ? `${fmt(v[0])}–${fmt(v[1])}` : fmt(v);
                  return `<br>${p.marker}${esc(p.seriesName)} <b>${text} ${esc(spec.unit)}</b>`;
                })
                .join('')
            );
          },
        },
      };
    case 'substitution':
      // Up to a dozen options stacked: list those used in the period, and their sum.
      return {
        ...option,
        tooltip: {
          ...tooltip,
          formatter: (ps: AxisItem[]) => substitutionTooltip(ps, spec.unit),
        },
      };
    case 'tornado':
      return {
        ...option,
        tooltip: {
          ...tooltip,
          valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : fmt(v)),
        },
      };
    case 'plan-sweep':
      // A target out of reach has no premium (no point drawn): say so rather than "–".
      return {
        ...option,
        tooltip: {
          ...tooltip,
          valueFormatter: (v: unknown) => (typeof v === 'number' ? withUnit(v) : 'out of reach'),
        },
      };
    default:
      return { ...option, tooltip: { ...tooltip, valueFormatter: withUnit } };
  }
}
