/**
 * Company exposure: your exposure files (private to your token), edited with their problems shown by
 * line, run on chosen scenarios, and the run's results: the at-risk share by scenario × year, the
 * traced origins of the supply, the alternative suppliers and the scenarios ranked by harm.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, type Problem } from '../api';
import { Chart } from '../charts/Chart';
import { originsSankey, records, riskHeatmap, scenariosOf, yearsOf } from '../charts/exposureCharts';
import { ErrorNote } from '../components/ErrorNote';
import { goToLine, YamlEditor } from '../components/YamlEditor';
import { type ExposureRun, exposureApi } from '../exposure-api';
import { problemText } from '../format';
import { navigate } from '../router';
import { useLoad } from '../useLoad';

const TEMPLATE = `# A company's magnet purchases: see examples/exposure/ and schema/exposure.schema.json.
company: My company
region: US
horizon: { start: 2026, end: 2030 }
product_lines:
  - id: motors
    application: ev-traction
    grade: ndfeb-gbd
    tonnes: 100
    suppliers:
      - { unnamed: true, share: 1 }
`;

/** #/exposures (the list and a new file) and #/exposures/ID (one file, its runs and results). */
export function ExposureView({ id }: { id?: string | undefined }) {
  const list = useLoad((s) => exposureApi.list(s), [id]);
  return (
    <section>
      <h1>Company exposure</h1>
      <p className="muted">
        A manufacturer’s own magnet supply under each scenario. Files are private to your token: other tokens
        cannot list, read, run or delete them, and the server never logs them.
      </p>
      <div className="toolbar" data-testid="exposure-list">
        <a className="button" href="#/exposures" aria-current={id ? undefined : 'page'}>
          New
        </a>
        {list.data?.map((e) => (
          <a
            key={e.id}
            className="button"
            href={`#/exposures/${e.id}`}
            aria-current={e.id === id ? 'page' : undefined}
          >
            {e.company || e.id}
          </a>
        ))}
      </div>
      <ErrorNote error={list.error} />
      <ExposureEditor key={id ?? 'new'} id={id} onChange={list.reload} />
    </section>
  );
}

interface Checked {
  problems: Problem[];
  note?: string;
}

function ExposureEditor({ id, onChange }: { id: string | undefined; onChange: () => void }) {
  const loaded = useLoad((s) => (id ? exposureApi.get(id, s) : Promise.resolve(undefined)), [id]);
  const [yaml, setYaml] = useState(id ? '' : TEMPLATE);
  const [saved, setSaved] = useState(yaml);
  const [checked, setChecked] = useState<Checked>({ problems: [] });
  const [error, setError] = useState<unknown>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (loaded.data) {
      setYaml(loaded.data.yaml);
      setSaved(loaded.data.yaml);
    }
  }, [loaded.data]);

  const dirty = yaml !== saved;
  const marked = new Set(checked.problems.filter((p) => p.line !== undefined).map((p) => p.line!));
  const errors = checked.problems.filter((p) => p.severity === 'error');
  const act = async (action: () => Promise<Checked | undefined>) => {
    setError(undefined);
    try {
      const result = await action();
      if (result) setChecked(result);
    } catch (e) {
      if (e instanceof ApiError && e.problems.length > 0) setChecked({ problems: e.problems });
      else setError(e);
    }
  };
  const validate = () =>
    act(async () => {
      const v = await exposureApi.validate(yaml);
      return { problems: [...v.problems, ...v.warnings], note: v.ok ? 'Valid.' : undefined };
    });
  const save = () =>
    act(async () => {
      if (id) {
        await exposureApi.save(id, yaml);
        setSaved(yaml);
        onChange();
        return { problems: [], note: 'Saved.' };
      }
      const created = await exposureApi.create(yaml);
      onChange();
      navigate(`#/exposures/${encodeURIComponent(created.id)}`);
      return undefined;
    });
  const remove = () =>
    act(async () => {
      setConfirmDelete(false);
      await exposureApi.remove(id!);
      onChange();
      navigate('#/exposures');
      return undefined;
    });
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setYaml(await file.text());
    setChecked({ problems: [] });
  };

  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (id && !loaded.data) return <p className="muted">Loading…</p>;
  return (
    <>
      <h2>{id ? loaded.data?.company || id : 'New exposure file'}</h2>
      <div className="toolbar">
        <label className="button">
          Open file…
          <input
            type="file"
            accept=".yaml,.yml"
            hidden
            data-testid="exposure-file"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
        <button type="button" onClick={validate}>
          Validate
        </button>
        <button type="button" onClick={save} disabled={id !== undefined && !dirty}>
          {id ? 'Save' : 'Upload'}
        </button>
        {id &&
          (confirmDelete ? (
            <span className="group">
              Delete this file and its runs?
              <button type="button" className="danger" onClick={remove}>
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          ))}
      </div>
      <YamlEditor value={yaml} onChange={setYaml} marked={marked} textarea={textarea} />
      <ErrorNote error={error} />
      <div className="problems" data-testid="problems" aria-live="polite">
        {checked.note && errors.length === 0 && <p className="ok">{checked.note}</p>}
        {checked.problems.length > 0 && (
          <ul>
            {checked.problems.map((p, i) => (
              <li key={i} className={p.severity === 'warning' ? 'warning' : 'problem'}>
                {p.line !== undefined ? (
                  <button type="button" className="link" onClick={() => goToLine(textarea.current!, p.line!)}>
                    {problemText(p)}
                  </button>
                ) : (
                  problemText(p)
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {id && <ExposureRuns id={id} dirty={dirty} />}
    </>
  );
}

/** Start a run on chosen scenarios, follow it, and show the latest finished one's results. */
function ExposureRuns({ id, dirty }: { id: string; dirty: boolean }) {
  const scenarios = useLoad((s) => api.scenarios(s), []);
  const runs = useLoad((s) => exposureApi.runs(id, s), [id]);
  const [chosen, setChosen] = useState<string[]>(['baseline']);
  const [draws, setDraws] = useState(0);
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<string>();
  const going = runs.data?.find((r) => r.status === 'queued' || r.status === 'running');

  // Poll while a run is going; show the newest finished one unless another was picked.
  useEffect(() => {
    if (!going) return;
    const timer = setTimeout(runs.reload, 1000);
    return () => clearTimeout(timer);
  }, [going, runs.data]);
  const done = runs.data?.filter((r) => r.status === 'done') ?? [];
  const shown = done.find((r) => r.id === selected) ?? done[0];

  const start = async () => {
    setError(undefined);
    try {
      await exposureApi.start(id, { scenarios: chosen, ...(draws > 0 ? { draws } : {}) });
      setSelected(undefined);
      runs.reload();
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (s: string) => setChosen((c) => (c.includes(s) ? c.filter((x) => x !== s) : [...c, s]));

  return (
    <>
      <h2>Run</h2>
      <fieldset className="scenario-choice" data-testid="exposure-scenarios">
        <legend>Scenarios (the baseline is always run first: costs are compared with it)</legend>
        {scenarios.data?.map((s) => (
          <label key={s.id} title={s.description}>
            <input type="checkbox" checked={chosen.includes(s.id)} onChange={() => toggle(s.id)} /> {s.id}
          </label>
        ))}
      </fieldset>
      <div className="run-controls">
        <label>
          Monte Carlo draws{' '}
          <input
            type="number"
            min={0}
            max={1000}
            value={draws}
            onChange={(e) => setDraws(Number(e.target.value))}
            aria-label="Monte Carlo draws (0 for none)"
          />
        </label>
        <button type="button" onClick={start} disabled={dirty || going !== undefined || chosen.length === 0}>
          Run exposure
        </button>
        {dirty && <span className="muted">Save first: runs use the saved file.</span>}
        {going && (
          <span data-testid="exposure-progress">
            {going.status}: {going.progress.label} ({going.progress.done}/{going.progress.total})
          </span>
        )}
      </div>
      <ErrorNote error={error ?? runs.error} />
      {runs.data?.some((r) => r.status === 'failed') && (
        <ul className="problems">
          {runs.data
            .filter((r) => r.status === 'failed')
            .slice(0, 1)
            .map((r) => (
              <li key={r.id} className="problem">
                run {r.id} failed: {r.error}
              </li>
            ))}
        </ul>
      )}
      {done.length > 1 && (
        <label>
          Results of{' '}
          <select value={shown?.id} onChange={(e) => setSelected(e.target.value)}>
            {done.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} ({String((r.options.scenarios as string[] | undefined)?.join(', ') ?? '')})
              </option>
            ))}
          </select>
        </label>
      )}
      {shown && <ExposureResults key={shown.id} run={shown} />}
    </>
  );
}

function ExposureResults({ run }: { run: ExposureRun }) {
  const tables = useLoad(
    async (s) => {
      const [exposure, origins, alternatives, ranking] = await Promise.all(
        ['exposure', 'exposure_origins', 'exposure_alternatives', 'exposure_ranking'].map((t) =>
          exposureApi.table(run.id, t, s),
        ),
      );
      return {
        exposure: records(exposure!),
        origins: records(origins!),
        alternatives: records(alternatives!),
        ranking: records(ranking!),
      };
    },
    [run.id],
  );
  const t = tables.data;
  const scenarios = t ? scenariosOf(t.exposure) : [];
  const years = t ? yearsOf(t.exposure) : [];
  const [scenario, setScenario] = useState<string>();
  const [year, setYear] = useState<number>();
  const s = scenario ?? scenarios[scenarios.length - 1] ?? '';
  const y = year ?? years[0] ?? 0;
  const heatmap = useMemo(() => (t ? riskHeatmap(t.exposure) : undefined), [t]);
  const sankey = useMemo(() => (t ? originsSankey(t.origins, s, y) : undefined), [t, s, y]);
  if (tables.error) return <ErrorNote error={tables.error} />;
  if (!t || !heatmap || !sankey) return <p className="muted">Loading results…</p>;
  const alternatives = t.alternatives.filter((r) => r.scenario === s);

  return (
    <div data-testid="exposure-results">
      <h2>Results of run {run.id}</h2>
      <figure className="chart">
        <h3>Share of the company’s supply at risk, by scenario and year</h3>
        <Chart
          option={heatmap}
          height={80 + 48 * scenarios.length}
          testId="exposure-heatmap"
          label="At-risk share"
        />
        <figcaption>
          Demand its suppliers could not serve (or that gave up at the price), as a share of all its lines.
        </figcaption>
      </figure>
      <h3>Scenarios ranked by harm</h3>
      <SimpleTable
        testId="exposure-ranking"
        rows={t.ranking}
        columns={[
          'rank',
          'scenario',
          'critical_at_risk_t',
          'at_risk_t',
          'at_risk_share',
          'expected_shortfall_t',
          'cost_change_usd',
          'covered_share',
          'worst_year',
        ]}
      />
      <div className="toolbar">
        <label>
          Scenario{' '}
          <select value={s} onChange={(e) => setScenario(e.target.value)} data-testid="exposure-scenario">
            {scenarios.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          Year{' '}
          <select value={y} onChange={(e) => setYear(Number(e.target.value))} data-testid="exposure-year">
            {years.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
      </div>
      <figure className="chart">
        <h3>
          Where its supply came from, {s} {y}
        </h3>
        <Chart option={sankey} height={520} testId="exposure-origins" label="Traced origins" />
        <figcaption>
          Countries at each stage, traced through its named suppliers’ own inputs, to the supplier and the
          product line (t). Stages are joined in proportion: the trace gives each stage’s mix, not which mine
          fed which refinery.
        </figcaption>
      </figure>
      <h3>Alternative suppliers, {s}</h3>
      <SimpleTable
        testId="exposure-alternatives"
        rows={alternatives}
        columns={[
          'line',
          'rank',
          'facility',
          'owner',
          'region',
          'covered',
          'current_supplier',
          'spare_free_t',
          'unit_cost_usd_per_kg',
          'transport_usd_per_kg',
          'distance_km',
        ]}
      />
    </div>
  );
}

/** Numbers rounded for reading (the CSV downloads keep every digit). */
function cell(v: string | undefined): string {
  if (v === undefined || v === '') return '–';
  const n = Number(v);
  if (!Number.isFinite(n) || /^\d{4}$/.test(v)) return v;
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toFixed(3)));
}

function SimpleTable({
  rows,
  columns,
  testId,
}: {
  rows: Record<string, string>[];
  columns: string[];
  testId: string;
}) {
  return (
    <div className="table-scroll">
      <table className="report-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{cell(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
