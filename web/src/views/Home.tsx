import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { RunButton } from '../components/RunButton';
import { useLoad } from '../useLoad';

/** The dataset at a glance, and where to go from here. */
export function Home() {
  const dataset = useLoad(api.dataset, []);
  const health = useLoad(api.health, []);
  const d = dataset.data;
  return (
    <section>
      <h1>{d?.name ?? 'Lodestone'}</h1>
      <ErrorNote error={dataset.error} />
      {d && <p className="lead">{d.description}</p>}
      {d && (
        <dl className="counts" data-testid="dataset-counts">
          {Object.entries(d.counts).map(([table, n]) => (
            <div key={table}>
              <dd>{n}</dd>
              <dt>{table}</dt>
            </div>
          ))}
        </dl>
      )}
      <div className="actions">
        <RunButton scenario="baseline" label="Run baseline" />
        <a className="button" href="#/map">
          Facilities map
        </a>
        <a className="button" href="#/scenarios">
          Scenarios
        </a>
        <a className="button" href="#/runs">
          Runs
        </a>
        <a className="button" href="#/sources">
          Sources
        </a>
      </div>
      <p className="caption">
        The baseline: operating plants and projects under construction on schedule, the US policies in force,
        no Chinese export controls. Every number in the dataset names its source: click a facility on the map.
      </p>
      {health.data && (
        <p className="muted small">
          Lodestone {health.data.version} · storage {health.data.storage}
          {health.data.auth ? ' · changes need a token' : ''}
        </p>
      )}
    </section>
  );
}
