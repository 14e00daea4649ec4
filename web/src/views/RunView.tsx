import { useEffect, useState } from 'react';
import { api, downloads, isActive, KIND_LABEL, type ResultTable } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { RunProgress } from '../components/RunProgress';
import { fmtTime } from '../format';
import { usePolledRun } from '../usePolledRun';
import { ReportView } from './ReportView';

/** A plan's results are tables (plan.csv, plan_summary.csv…), not a run to report on: their downloads. */
function PlanTables({ runId }: { runId: string }) {
  const [tables, setTables] = useState<ResultTable[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    api
      .tables(runId, controller.signal)
      .then(setTables, (e: unknown) => controller.signal.aborted || setError(e));
    return () => controller.abort();
  }, [runId]);
  if (error) return <ErrorNote error={error} />;
  if (!tables) return <p className="muted">Loading…</p>;
  return (
    <ul data-testid="plan-tables">
      {tables.map((t) => (
        <li key={t.name}>
          <a href={downloads.csv(runId, t.name)}>{t.name}.csv</a>{' '}
          <span className="muted small">{t.rows} rows</span>
        </li>
      ))}
      <li>
        <a href={downloads.xlsx(runId)}>all as XLSX</a>
      </li>
    </ul>
  );
}

/** A plan's options that only apply with a probability (planning under uncertainty). */
const CHANCE_OPTIONS = new Set(['probability', 'draws', 'check_draws', 'seed', 'max_stacked']);

/** One run: its progress while it runs, then its report (or why it failed). */
export function RunView({ id }: { id: string }) {
  const { run, setRun, error } = usePolledRun(id);
  // A cancelled Monte Carlo may keep the draws it finished (the run does not say): look when asked.
  const [showKept, setShowKept] = useState(false);
  if (error) return <ErrorNote error={error} />;
  if (!run) return <p className="muted">Loading…</p>;
  const recorded = run.options ?? {};
  const options = Object.entries(recorded)
    // An empty list is no option (a plan's candidate filters left open), nor are the draws of a plan
    // without a probability (recorded as 0, with the draws' defaults).
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .filter(([k]) => !(recorded.probability === 0 && CHANCE_OPTIONS.has(k)))
    .map(([k, v]) => `${k} ${String(v)}`);
  return (
    <section>
      <h1>
        {KIND_LABEL[run.kind]} of{' '}
        <a href={`#/scenarios/${encodeURIComponent(run.scenario)}`}>{run.scenario_name || run.scenario}</a>
      </h1>
      <ul className="meta">
        <li>
          <span className={`status ${run.status}`} data-testid="run-status">
            {run.status}
          </span>
        </li>
        <li>created {fmtTime(run.created_at)}</li>
        {run.finished_at && <li>finished {fmtTime(run.finished_at)}</li>}
        {options.length > 0 && <li>{options.join(', ')}</li>}
        <li className="muted">id {run.id}</li>
      </ul>
      {isActive(run) && <RunProgress run={run} onChange={setRun} />}
      {run.status === 'failed' && (
        <pre className="error" data-testid="run-error">
          {run.error ?? 'The run failed without a message.'}
        </pre>
      )}
      {run.status === 'cancelled' && (
        <p className="warning">
          {run.error ?? 'Cancelled.'}{' '}
          {run.kind === 'mc' && !showKept && (
            <button type="button" onClick={() => setShowKept(true)}>
              Show what was kept
            </button>
          )}
        </p>
      )}
      {run.kind === 'plan'
        ? run.status === 'done' && (
            <>
              <p>
                <a href={`#/planner?run=${encodeURIComponent(run.id)}`}>Open in the planner</a>: the builds on
                the map, the cost curve, project values.
              </p>
              <PlanTables runId={run.id} />
            </>
          )
        : (run.status === 'done' || showKept) && <ReportView runId={run.id} />}
    </section>
  );
}
