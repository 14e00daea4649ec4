import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../useLoad';
import { BlocAnswers } from './BlocAnswers';

/** The answers first (each bloc's free shares across the scenario library), then the dataset at a glance. */
export function Home() {
  const answers = useLoad(api.answers, []);
  const dataset = useLoad(api.dataset, []);
  const health = useLoad(api.health, []);
  const d = dataset.data;
  return (
    <section>
      <h1>When can each bloc be served free of China?</h1>
      <p className="lead">
        The share of each bloc’s magnet demand served free of the taint set (China, or the DFARS covered
        countries) in every scenario of the library, from the runs already made.
      </p>
      <ErrorNote error={answers.error} />
      {answers.data && <BlocAnswers list={answers.data} />}
      <h2>{d?.name ?? 'Dataset'}</h2>
      <ErrorNote error={dataset.error} />
      {d && <p className="caption">{d.description}</p>}
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
