import { api, downloads } from '../api';
import { useLoad } from '../useLoad';

/** The run's tables as CSV, one link each, and the whole run as one workbook. */
export function DownloadMenu({ runId }: { runId: string }) {
  const { data } = useLoad((signal) => api.tables(runId, signal), [runId]);
  return (
    <details className="menu" data-testid="downloads">
      <summary>Download</summary>
      <ul>
        <li>
          <a href={downloads.xlsx(runId)} download>
            All tables (XLSX)
          </a>
        </li>
        {data?.map((t) => (
          <li key={t.name}>
            <a href={downloads.csv(runId, t.name)} download>
              {t.name}.csv
            </a>{' '}
            <span className="muted">{t.rows} rows</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
