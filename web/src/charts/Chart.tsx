import type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { echarts } from './echarts';

interface Props {
  option: EChartsCoreOption;
  height?: number;
  testId: string;
  label: string;
  onClick?: (event: ECElementEvent) => void;
}

/** The data items an option draws: links for a Sankey, non-empty values otherwise. */
export function countPoints(option: EChartsCoreOption): number {
  const series = (option.series ?? []) as { type?: string; data?: unknown[]; links?: unknown[] }[];
  return series.reduce(
    (n, s) =>
      n +
      (s.type === 'sankey'
        ? (s.links?.length ?? 0)
        : (s.data ?? []).filter((d) => d != null && d !== '-').length), // '-': ECharts' empty item
    0,
  );
}

/**
 * One ECharts chart (SVG). It is drawn again whenever `option` changes (so memoise it), follows the
 * size of its box, and says in `data-points` how many data items it drew, for the tests.
 */
export function Chart({ option, height = 380, testId, label, onClick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType>(undefined);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ECElementEvent));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
    };
  }, []);

  useEffect(() => {
    const c = chart.current!;
    c.setOption(option, true);
    box.current!.dataset.points = String(countPoints(c.getOption()));
  }, [option]);

  return (
    <div
      ref={box}
      className="chart-box"
      style={{ height }}
      data-testid={testId}
      role="img"
      aria-label={label}
    />
  );
}
