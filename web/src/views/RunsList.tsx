import { useEffect, useState } from 'react';
import { api, isActive, KIND_LABEL } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { fmtTime } from '../format';
import { navigate } from '../router';
import { useLoad } from '../useLoad';

/** Every run, newest first as the server lists them; choose finished ones to compare. */
export function RunsList() {
  const { data, error, reload } = useLoad(api.runs, []);
  const [chosen, setChosen] = useState<string[]>([]);

  // While any run is going, refresh the list every two seconds.
  const active = data?.some(isActive) ?? false;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(reload, 2000);
    return () => window.clearInterval(timer);
  }, [active, reload]);

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const compare = () => navigate(`#/compare?runs=${chosen.map(encodeURIComponent).join(',')}`);

  return (
    <section>
      <h1>Runs</h1>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={compare} disabled={chosen.length < 2}>
          Compare {chosen.length > 0 ? `(${chosen.length})` : ''}
        </button>
        <span className="muted">Choose two or more finished runs; the first is the reference.</span>
      </div>
      {data && (
        <table data-testid="runs">
          <thead>
            <tr>
              <th scope="col" aria-label="Compare" />
              <th scope="col">scenario</th>
              <th scope="col">kind</th>
              <th scope="col">status</th>
              <th scope="col">created</th>
              <th scope="col">finished</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={chosen.includes(r.id)}
                    onChange={() => toggle(r.id)}
                    disabled={r.status !== 'done'}
                    aria-label={`Compare run ${r.id}`}
                  />
                </td>
                <td>
                  <a href={`#/runs/${encodeURIComponent(r.id)}`}>{r.scenario_name || r.scenario}</a>
                  <div className="muted small">{r.id}</div>
                </td>
                <td>{KIND_LABEL[r.kind].toLowerCase()}</td>
                <td>
                  <span className={`status ${r.status}`}>{r.status}</span>
                  {isActive(r) && r.progress.total > 0 && (
                    <span className="muted small">
                      {' '}
                      {r.progress.done}/{r.progress.total}
                    </span>
                  )}
                </td>
                <td className="nowrap">{fmtTime(r.created_at)}</td>
                <td className="nowrap">{fmtTime(r.finished_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.length === 0 && <p className="empty">No runs yet: run a scenario from its page.</p>}
    </section>
  );
}
