import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { fmtTime } from '../format';
import { useLoad } from '../useLoad';

/** The saved scenarios. */
export function ScenariosList() {
  const { data, error } = useLoad(api.scenarios, []);
  return (
    <section>
      <h1>Scenarios</h1>
      <ErrorNote error={error} />
      <div className="actions">
        <a className="button" href="#/scenarios/new">
          New scenario
        </a>
      </div>
      {data && (
        <table data-testid="scenarios">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">description</th>
              <th scope="col">extends</th>
              <th scope="col">updated</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`#/scenarios/${encodeURIComponent(s.id)}`}>{s.id}</a>
                  {s.name !== s.id && <div className="muted small">{s.name}</div>}
                </td>
                <td>{s.description}</td>
                <td>{s.extends ?? '–'}</td>
                <td className="nowrap">{fmtTime(s.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
