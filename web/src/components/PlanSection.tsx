import type { PlanModel } from '../api';
import { ChartFigure } from './ChartFigure';
import { ReportTable } from './ReportTable';

/** The planner's results as the report shows them (src/report/plan.ts): its line, charts and tables. */
export function PlanSection({ plan, title = 'Plan' }: { plan: PlanModel; title?: string }) {
  return (
    <section className="plan" data-testid="plan-section">
      <h2>{title}</h2>
      <p className="muted">{plan.line}</p>
      {plan.notes.map((n) => (
        <p key={n} className="empty">
          {n}
        </p>
      ))}
      {plan.charts.map((c) => (
        <ChartFigure key={c.id} spec={c} />
      ))}
      {plan.tables.map((t) => (
        <ReportTable key={t.id} table={t} />
      ))}
    </section>
  );
}
