import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api, DEFAULT_DATASET, isActive, type Run } from '../api';
import { Chart } from '../charts/Chart';
import { STAGE_COLORS, STAGES } from '../charts/facilityMap';
import { buildsOf, buildYears, placeBuilds, planMapOption } from '../charts/planMap';
import { loadWorld } from '../charts/world';
import { ErrorNote, errorText } from '../components/ErrorNote';
import { FilterGroup } from '../components/FilterGroup';
import { PlanSection } from '../components/PlanSection';
import { RunProgress } from '../components/RunProgress';
import { datasetOf, type FormState, formOf, planOptionsOf } from '../planForm';
import { navigate } from '../router';
import { useLoad } from '../useLoad';
import { usePolledRun } from '../usePolledRun';

/** The blocs the planner knows (src/analysis/blocs.ts); a dataset without some refuses them by name. */
const BLOCS = ['US', 'US+allies', 'EU'];

/** The planner's inputs; submitting starts a plan job and shows it. */
function PlanForm({ previous }: { previous: Run | undefined }) {
  const scenarios = useLoad(api.scenarios, []);
  const [form, setForm] = useState<FormState>(() => formOf(previous?.options));
  // The regions of the dataset the chosen scenario names (the default when it names none itself).
  const chosen = useLoad(
    (s) => (form.scenario ? api.scenario(form.scenario, s) : Promise.resolve(undefined)),
    [form.scenario],
  );
  const dataset = chosen.data ? datasetOf(chosen.data.yaml) : DEFAULT_DATASET;
  const regions = useLoad((s) => api.regions(dataset, s), [dataset]);
  const regionIds = useMemo(() => (regions.data ?? []).map((r) => r.id), [regions.data]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  // Every region offered until some are left out (unless the plan shown left some out).
  useEffect(() => {
    if (!Array.isArray(previous?.options.regions) || previous.options.regions.length === 0)
      set({ regions: new Set(regionIds) });
  }, [regionIds]);
  // The scenario of the plan shown, else the baseline, else the first stored.
  useEffect(() => {
    const list = scenarios.data ?? [];
    if (form.scenario || list.length === 0) return;
    const chosen = previous?.scenario ?? list.find((s) => s.id === 'baseline')?.id ?? list[0]!.id;
    set({ scenario: chosen });
  }, [scenarios.data, previous?.scenario]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.startPlan(form.scenario, planOptionsOf(form, regionIds));
      navigate(`#/planner?run=${encodeURIComponent(run.id)}`);
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };

  return (
    <form className="plan-form" onSubmit={submit} data-testid="plan-form">
      <ErrorNote error={scenarios.error ?? chosen.error ?? regions.error} />
      <div className="plan-fields">
        <label className="plan-field">
          Scenario
          <select
            value={form.scenario}
            onChange={(e) => set({ scenario: e.target.value })}
            aria-label="Scenario"
            required
          >
            {(scenarios.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </label>
        <label className="plan-field">
          Bloc
          <select value={form.bloc} onChange={(e) => set({ bloc: e.target.value })} aria-label="Bloc">
            {BLOCS.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <label className="plan-field">
          Target, % of demand served free
          <input
            type="number"
            min={1}
            max={100}
            step={1}
            value={form.target}
            disabled={form.sweep}
            onChange={(e) => set({ target: Number(e.target.value) })}
            aria-label="Target share"
          />
        </label>
        <label className="plan-field">
          By
          <input
            type="number"
            min={2025}
            max={2050}
            value={form.by}
            disabled={form.sweep}
            onChange={(e) => set({ by: Number(e.target.value) })}
            aria-label="Target year"
          />
        </label>
        <label className="plan-field">
          Target scope
          <select
            value={form.scope}
            onChange={(e) => set({ scope: e.target.value as 'node' | 'bloc' })}
            aria-label="Target scope"
          >
            <option value="node">each demand node</option>
            <option value="bloc">the bloc as a whole</option>
          </select>
        </label>
        <label className="plan-field">
          Probability, % of draws
          <input
            type="number"
            min={1}
            max={99}
            step={1}
            placeholder="none"
            value={form.probability ?? ''}
            disabled={form.sweep}
            onChange={(e) => set({ probability: e.target.value === '' ? undefined : Number(e.target.value) })}
            aria-label="Probability"
            title="Meet the target in at least this share of Monte Carlo draws (empty: plan on the scenario's own numbers)"
          />
        </label>
        <label className="plan-field">
          Draws
          <input
            type="number"
            min={1}
            max={10000}
            value={form.draws}
            disabled={form.sweep || form.probability === undefined}
            onChange={(e) => set({ draws: Number(e.target.value) })}
            aria-label="Draws"
            title="Monte Carlo draws the plan is fitted on; it is checked on as many fresh ones"
          />
        </label>
      </div>
      <FilterGroup
        label="Candidate stages"
        options={STAGES}
        chosen={form.stages}
        onChange={(stages) => set({ stages })}
        mark={(s) => <span className="swatch" style={{ background: STAGE_COLORS[s] }} />}
      />
      {regionIds.length > 0 && (
        <details className="plan-regions">
          <summary>
            Candidate regions{' '}
            <span className="muted small">
              {form.regions.size === regionIds.length
                ? '(all)'
                : `(${form.regions.size} of ${regionIds.length})`}
            </span>
          </summary>
          <FilterGroup
            label="Regions"
            options={regionIds}
            chosen={form.regions}
            onChange={(regions) => set({ regions })}
          />
        </details>
      )}
      <fieldset className="filter">
        <legend>Also</legend>
        <label>
          <input
            type="checkbox"
            checked={form.projectValues}
            onChange={(e) => set({ projectValues: e.target.checked })}
          />
          value each announced project (two more solves each)
        </label>
        <label>
          <input type="checkbox" checked={form.sweep} onChange={(e) => set({ sweep: e.target.checked })} />
          sweep: every target 50–100% by 2028–2040, instead of one plan
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.integer}
            onChange={(e) => set({ integer: e.target.checked })}
          />
          integer sizes (a MILP)
        </label>
      </fieldset>
      <div className="run-controls">
        <button
          type="submit"
          className="primary"
          disabled={busy || !form.scenario || form.stages.size === 0 || form.regions.size === 0}
        >
          Plan
        </button>
        {error && <span className="error">{error}</span>}
      </div>
    </form>
  );
}

/** The plan's builds on the world map, up to a year chosen with a slider. */
function BuildsMap({ runId, dataset }: { runId: string; dataset: string }) {
  const table = useLoad((s) => api.tableRows(runId, 'plan', s), [runId]);
  const candidates = useLoad((s) => api.candidates(dataset, s), [dataset]);
  const facilities = useLoad((s) => api.facilities(dataset, s), [dataset]);
  const regions = useLoad((s) => api.regions(dataset, s), [dataset]);
  const [worldReady, setWorldReady] = useState(false);
  const [year, setYear] = useState<number>();
  useEffect(() => {
    loadWorld().then(() => setWorldReady(true));
  }, []);
  const builds = useMemo(() => (table.data ? buildsOf(table.data) : []), [table.data]);
  const years = buildYears(builds);
  const { placed, unplaced } = useMemo(
    () => placeBuilds(builds, candidates.data ?? [], facilities.data ?? [], regions.data ?? []),
    [builds, candidates.data, facilities.data, regions.data],
  );
  const shownYear = year ?? years.at(-1);
  const option = useMemo(() => planMapOption(placed, shownYear), [placed, shownYear]);
  const error = table.error ?? candidates.error ?? facilities.error ?? regions.error;
  if (error) return <ErrorNote error={error} />;
  if (!table.data || !regions.data) return <p className="muted">Loading the map…</p>;
  if (builds.length === 0) return <p className="empty">No builds: the target is met without any.</p>;
  return (
    <figure className="chart">
      <h3>
        Builds producing by {shownYear}{' '}
        {years.length > 1 && (
          <label className="picker">
            <input
              type="range"
              min={0}
              max={years.length - 1}
              value={years.indexOf(shownYear!)}
              onChange={(e) => setYear(years[Number(e.target.value)])}
              aria-label="Year of the builds shown"
              data-testid="plan-year"
            />
          </label>
        )}
      </h3>
      {worldReady && (
        <Chart option={option} height={460} testId="plan-map" label="The plan's builds on a world map" />
      )}
      <figcaption>
        Each build at its project’s site, or at its region’s point when it has none (spread apart where
        several share one); its area follows its capex. The year’s builds solid, earlier ones faded.
        {unplaced.length > 0 && ` Not placed: ${unplaced.map((b) => b.candidate).join(', ')}.`}
      </figcaption>
    </figure>
  );
}

/** Stores the plan's scenario (plan.yaml) and runs it, or opens it in the editor. */
function RerunPlan({ runId }: { runId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const store = async (run: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await api.planScenario(runId);
      // Planned again with the same options: the stored plan is replaced.
      const existing = (await api.scenarios()).some((x) => x.id === s.id);
      if (existing) await api.saveScenario(s.id, s.yaml);
      else await api.createScenario(s.id, s.yaml);
      if (run) navigate(`#/runs/${encodeURIComponent((await api.startRun(s.id)).id)}`);
      else navigate(`#/scenarios/${encodeURIComponent(s.id)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <div className="run-controls">
      <span>The plan as a scenario (plan.yaml: the builds committed, the target enforced):</span>
      <button type="button" className="primary" disabled={busy} onClick={() => store(true)}>
        Save and run
      </button>
      <button type="button" disabled={busy} onClick={() => store(false)}>
        Save and edit
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

/** A plan job: its progress and cancel while it runs, then its results. */
function PlanResults({ runId, run, setRun }: { runId: string; run: Run; setRun: (r: Run) => void }) {
  const done = run.status === 'done';
  const section = useLoad(
    (s) => (done ? api.planSection(runId, s) : Promise.resolve(undefined)),
    [runId, done],
  );
  const planned = useLoad(
    (s) => (done && run.options.sweep !== true ? api.planScenario(runId, s) : Promise.resolve(undefined)),
    [runId, done],
  );
  return (
    <section className="plan-results" data-testid="plan-results">
      <p className="meta">
        <span className={`status ${run.status}`} data-testid="run-status">
          {run.status}
        </span>{' '}
        Plan of{' '}
        <a href={`#/scenarios/${encodeURIComponent(run.scenario)}`}>{run.scenario_name || run.scenario}</a>
        {' · '}
        <a href={`#/runs/${encodeURIComponent(run.id)}`}>the run and its downloads</a>
      </p>
      {isActive(run) && <RunProgress run={run} onChange={setRun} />}
      {run.status === 'failed' && (
        <pre className="error" data-testid="run-error">
          {run.error ?? 'The plan failed without a message.'}
        </pre>
      )}
      {run.status === 'cancelled' && <p className="warning">{run.error ?? 'Cancelled.'}</p>}
      {done && (
        <>
          <ErrorNote error={section.error ?? planned.error} />
          {run.options.sweep !== true && <RerunPlan runId={runId} />}
          {planned.data && <BuildsMap runId={runId} dataset={planned.data.dataset} />}
          {section.data && <PlanSection plan={section.data} title="Results" />}
        </>
      )}
    </section>
  );
}

/** The planner: what to build, where and when, for a bloc to be served free of the taint set by a year. */
export function PlannerView({ runId }: { runId: string | null }) {
  return (
    <section>
      <h1>Planner</h1>
      <p className="lead">
        The least-cost builds (candidates.csv) for a bloc to be served free of the scenario’s taint set from a
        year on, what that costs over the plan without a target, and what each announced project is worth to
        it.
      </p>
      {runId ? <PlannedRun key={runId} runId={runId} /> : <PlanForm previous={undefined} />}
    </section>
  );
}

function PlannedRun({ runId }: { runId: string }) {
  const { run, setRun, error } = usePolledRun(runId);
  if (error) return <ErrorNote error={error} />;
  if (!run) return <p className="muted">Loading…</p>;
  if (run.kind !== 'plan') return <p className="error">{`Run ${runId} is not a plan (${run.kind}).`}</p>;
  return (
    <>
      <details className="plan-again">
        <summary>Plan again</summary>
        <PlanForm previous={run} />
      </details>
      <PlanResults runId={runId} run={run} setRun={setRun} />
    </>
  );
}
