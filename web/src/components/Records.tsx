/** Dataset records shown field by field, as stored: nothing dropped, so every number can be checked. */
import type { DataRecord } from '../api';

export function Value({ field, value }: { field: string; value: unknown }) {
  const empty =
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return <span className="muted">–</span>;
  if (field === 'url' && typeof value === 'string' && /^https?:\/\//.test(value)) {
    return (
      <a href={value} target="_blank" rel="noreferrer">
        {value}
      </a>
    );
  }
  if (Array.isArray(value))
    return <>{value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}</>;
  if (typeof value === 'object') return <code>{JSON.stringify(value)}</code>;
  return <>{String(value)}</>;
}

/** One record: a two-column list of its fields. */
export function RecordFields({ record }: { record: DataRecord }) {
  return (
    <dl className="fields">
      {Object.entries(record).map(([field, value]) => (
        <div key={field}>
          <dt>{field}</dt>
          <dd>
            <Value field={field} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Records as a table, one column per field any of them has. */
export function RecordsTable({ records, empty }: { records: readonly DataRecord[]; empty: string }) {
  if (records.length === 0) return <p className="empty">{empty}</p>;
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return (
    <div className="scroll">
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>
                  <Value field={c} value={r[c]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
