import { useState } from 'react';
import { api } from '../api';
import { ChartFigure } from '../components/ChartFigure';
import { DownloadMenu } from '../components/DownloadMenu';
import { ErrorNote } from '../components/ErrorNote';
import { PlanSection } from '../components/PlanSection';
import { ReportTable } from '../components/ReportTable';
import { useLoad } from '../useLoad';

/**
 * A finished run's report: headline answers, charts and tables, and the Monte Carlo section when
 * there is one. The Sankey of every period comes with the first load; only the per-period tables are
 * fetched again when the period changes.
 */
export function ReportView({ runId }: { runId: string }) {
  const first = useLoad((signal) => api.report(runId, undefined, signal), [runId]);
  const [period, setPeriod] = useState<string>();
  const other = useLoad(
    (signal) =>
      period && period !== first.data?.period
        ? api.report(runId, period, signal)
        : Promise.resolve(undefined),
    [runId, period],
  );

  const report = first.data;
  if (first.error) return <ErrorNote error={first.error} />;
  if (!report) return <p className="muted">Loading the report…</p>;
  const [sankey, ...charts] = report.charts;
  const shown = period ?? report.period;
  const tables = other.data?.period === shown ? other.data.tables : report.tables;

  return (
    <div className="report" data-testid="report">
      <div className="toolbar">
        <label>
          Period{' '}
          <select value={shown} onChange={(e) => setPeriod(e.target.value)} data-testid="period">
            {sankey.periods.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <DownloadMenu runId={runId} />
      </div>
      <p className="muted small">
        Dataset {report.manifest.dataset.name}{' '}
        <code title="sha256 of the dataset">{report.manifest.dataset.hash}</code> · Lodestone{' '}
        {report.manifest.lodestone_version}
      </p>
      {report.unsolved.length > 0 && (
        <p className="warning">
          Not solved to optimality: {report.unsolved.join(', ')}. Read those periods with care.
        </p>
      )}
      <dl className="answers">
        {report.items.map((i) => (
          <div key={i.question} className="answer">
            <dt>{i.question}</dt>
            <dd>
              <span className="value">{i.answer}</span>
              <span className="detail">{i.detail}</span>
            </dd>
          </div>
        ))}
      </dl>
      {(report.definitions ?? []).map((d) => (
        <p key={d} className="caption">
          {d}
        </p>
      ))}
      <h2>Charts</h2>
      <ChartFigure spec={sankey} option={sankey.byPeriod[shown]?.option}>
        <span className="muted">{shown}</span>
      </ChartFigure>
      {charts.map((c) => (
        <ChartFigure key={c.id} spec={c} />
      ))}
      <h2>Tables</h2>
      <ErrorNote error={other.error} />
      {tables.map((t) => (
        <ReportTable key={t.id} table={t} />
      ))}
      {report.mc && (
        <section className="mc">
          <h2>Uncertainty (Monte Carlo)</h2>
          <p className="muted">{report.mc.line}</p>
          {report.mc.notes.map((n) => (
            <p key={n} className="empty">
              {n}
            </p>
          ))}
          {report.mc.charts.map((c) => (
            <ChartFigure key={c.id} spec={c} />
          ))}
          {report.mc.tables.map((t) => (
            <ReportTable key={t.id} table={t} />
          ))}
        </section>
      )}
      {report.plan && <PlanSection plan={report.plan} />}
    </div>
  );
}
