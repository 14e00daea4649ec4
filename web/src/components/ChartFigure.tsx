import { type ReactNode, useMemo } from 'react';
import type { ChartOption, ChartSpec } from '../api';
import { Chart } from '../charts/Chart';
import { decorate } from '../charts/decorate';

interface Props {
  spec: ChartSpec;
  /** What to draw, when not `spec.option` (the Sankey of another period). */
  option?: ChartOption;
  /** Controls beside the title. */
  children?: ReactNode;
}

/** A report chart with its title and caption. */
export function ChartFigure({ spec, option = spec.option, children }: Props) {
  const decorated = useMemo(() => decorate(spec, option), [spec, option]);
  return (
    <figure className="chart">
      <h3>
        {spec.title} {children}
      </h3>
      <Chart option={decorated} height={spec.height ?? 380} testId={spec.id} label={spec.title} />
      <figcaption>{spec.caption}</figcaption>
    </figure>
  );
}
