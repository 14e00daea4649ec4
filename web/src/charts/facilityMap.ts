/** The facilities map: one scatter series per stage on the world map, the symbol telling the status. */
import type { EChartsCoreOption } from 'echarts/core';
import type { Status } from '../../../src/schema/facility.js';
import type { Facility } from '../api';
import { esc, fmt } from '../format';

export const STAGES = ['mining', 'separation', 'metal', 'magnet', 'recycling'] as const;
/** Every project status (src/schema/facility.ts), in the order the map lists them: the type keeps them complete. */
const STATUS_ORDER: Record<Status, number> = {
  operating: 0,
  construction: 1,
  committed: 2,
  feasibility: 3,
  announced: 4,
  planned: 5,
  idle: 6,
  closed: 7,
};
export const STATUSES = (Object.keys(STATUS_ORDER) as Status[]).sort(
  (a, b) => STATUS_ORDER[a] - STATUS_ORDER[b],
);

export const STAGE_COLORS: Record<string, string> = {
  mining: '#8d6e63',
  separation: '#1565c0',
  metal: '#6a1b9a',
  magnet: '#c62828',
  recycling: '#2e7d32',
};

/** Operating plants solid; projects hollow or pointed; idle and closed ones faded. */
export const STATUS_STYLE: Record<string, { symbol: string; opacity: number }> = {
  operating: { symbol: 'circle', opacity: 0.9 },
  construction: { symbol: 'triangle', opacity: 0.9 },
  committed: { symbol: 'triangle', opacity: 0.6 },
  feasibility: { symbol: 'emptyCircle', opacity: 0.9 },
  announced: { symbol: 'emptyCircle', opacity: 0.55 },
  planned: { symbol: 'emptyCircle', opacity: 0.9 },
  idle: { symbol: 'rect', opacity: 0.45 },
  closed: { symbol: 'emptyRect', opacity: 0.35 },
};

export const hasCoordinates = (f: Facility) => typeof f.lat === 'number' && typeof f.lon === 'number';

export function facilityMapOption(facilities: readonly Facility[]): EChartsCoreOption {
  const placed = facilities.filter(hasCoordinates);
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { facility: Facility } }) => {
        const f = p.data.facility;
        return (
          `<b>${esc(f.name)}</b><br>${esc(f.owner)} · ${esc(f.region)}<br>${esc(f.stage)}, ${esc(f.status)}` +
          `<br>${fmt(f.capacity)} ${esc(f.unit)}`
        );
      },
    },
    geo: worldGeo(8),
    series: STAGES.map((stage) => ({
      name: stage,
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: 10,
      itemStyle: { color: STAGE_COLORS[stage] },
      emphasis: { scale: 1.6 },
      data: placed
        .filter((f) => f.stage === stage)
        .map((f) => {
          const style = STATUS_STYLE[f.status] ?? STATUS_STYLE.operating!;
          return {
            name: f.name,
            value: [f.lon, f.lat],
            symbol: style.symbol,
            itemStyle: { opacity: style.opacity },
            facility: f,
          };
        }),
    })),
  };
}

/** The world map the facilities (and a plan's builds) are placed on, `top` px below the chart's top. */
export const worldGeo = (top: number) => ({
  map: 'world',
  roam: true,
  top,
  bottom: 8,
  itemStyle: { areaColor: '#eef1f4', borderColor: '#b8c0c8' },
  emphasis: { disabled: true },
  tooltip: { show: false },
});
