import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { RecordFields, RecordsTable } from '../components/Records';
import { useLoad } from '../useLoad';

/** A facility's record, capacity steps, agreements and the sources they cite. */
export function FacilityPanel(props: { dataset: string; id: string; onClose: () => void }) {
  const { dataset, id, onClose } = props;
  const { data, error } = useLoad((signal) => api.facility(dataset, id, signal), [dataset, id]);
  return (
    <aside className="drawer" data-testid="facility-panel" aria-label="Facility">
      <button type="button" className="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      <ErrorNote error={error} />
      {data && data.facility.id === id && (
        <>
          <h2>{String(data.facility.name ?? id)}</h2>
          <RecordFields record={data.facility} />
          {data.process && (
            <>
              <h3>Process</h3>
              <RecordFields record={data.process} />
            </>
          )}
          <h3>Capacity steps</h3>
          <RecordsTable records={data.capacity_steps} empty="No capacity changes." />
          <h3>Agreements</h3>
          <RecordsTable records={data.agreements} empty="No agreements." />
          <h3>Sources</h3>
          <ul className="sources" data-testid="facility-sources">
            {data.sources.map((s) => (
              <li key={s.id}>
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noreferrer">
                    {s.title}
                  </a>
                ) : (
                  s.title
                )}
                <span className="muted">
                  {' '}
                  — {[s.publisher, s.date].filter(Boolean).join(', ')} <code>{s.id}</code>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
