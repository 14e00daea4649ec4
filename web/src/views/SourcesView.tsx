import { useState } from 'react';
import { api } from '../api';
import { DatasetPicker } from '../components/DatasetPicker';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../useLoad';

/** Every source the dataset cites. */
export function SourcesView({ dataset }: { dataset: string }) {
  const { data, error } = useLoad((s) => api.sources(dataset, s), [dataset]);
  const [filter, setFilter] = useState('');
  const words = filter.toLowerCase();
  const shown = (data ?? []).filter(
    (s) => !words || Object.values(s).join(' ').toLowerCase().includes(words),
  );
  return (
    <section>
      <h1>Sources</h1>
      <DatasetPicker view="sources" dataset={dataset} />
      <p className="caption">
        Every record of the dataset names at least one of these documents in its <code>source_ids</code>.
      </p>
      <ErrorNote error={error} />
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter sources"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter sources"
        />
        {data && (
          <span className="muted">
            {shown.length} of {data.length} sources
          </span>
        )}
      </div>
      {data && (
        <table data-testid="sources">
          <thead>
            <tr>
              <th scope="col">source</th>
              <th scope="col">publisher</th>
              <th scope="col">date</th>
              <th scope="col">notes</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.url ? (
                    <a href={s.url} target="_blank" rel="noreferrer">
                      {s.title}
                    </a>
                  ) : (
                    s.title
                  )}
                  <div>
                    <code className="muted">{s.id}</code>
                  </div>
                </td>
                <td>{s.publisher}</td>
                <td className="nowrap">{s.date}</td>
                <td className="muted">{s.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
