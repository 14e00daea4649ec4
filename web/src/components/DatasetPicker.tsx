import { api, DEFAULT_DATASET } from '../api';
import { navigate } from '../router';
import { useLoad } from '../useLoad';

/** `dataset=ID&` for a route's query, or nothing for the default dataset. */
export const datasetQuery = (dataset: string) =>
  dataset === DEFAULT_DATASET ? '' : `dataset=${encodeURIComponent(dataset)}&`;

/** Which dataset a view shows; hidden while the server holds only the default one. */
export function DatasetPicker({ view, dataset }: { view: string; dataset: string }) {
  const { data } = useLoad(api.datasets, []);
  if (!data || (data.length < 2 && dataset === DEFAULT_DATASET)) return null;
  return (
    <label className="dataset-picker">
      Dataset{' '}
      <select value={dataset} onChange={(e) => navigate(`#/${view}?${datasetQuery(e.target.value)}`)}>
        {data.map((d) => (
          <option key={d.id} value={d.id}>
            {d.id === d.name ? d.id : `${d.id} — ${d.name}`}
          </option>
        ))}
      </select>
    </label>
  );
}
