import { useMemo, useState } from 'react';
import { api, type Comparison } from '../api';
import { Chart } from '../charts/Chart';
import { additive, compareOption } from '../charts/compareChart';
import { ErrorNote } from '../components/ErrorNote';
import { fmtDiff, fmtValue } from '../format';
import { useLoad } from '../useLoad';

type Row = Comparison['rows'][number];

/** Rows drawn at most; the filter narrows the rest. */
const MAX_ROWS = 500;

const diff = (row: Row, i: number) => {
  const [first] = row.values;
  const v = row.values[i];
  return typeof v === 'number' && typeof first === 'number' ? v - first : null;
};

/** Whether the runs differ on a row (as `lodestone compare` decides: relative tolerance 1e-6). */
const differs = (row: Row) =>
  row.values.some((_, i) => {
    if (i === 0) return false;
    const d = diff(row, i);
    if (d === null) return (row.values[i] === null) !== (row.values[0] === null);
    return Math.abs(d) > 1e-6 * Math.max(1, Math.abs(row.values[0]!));
  });

/** The chart's first group: the China-free share (the question Lodestone asks first), else the first. */
function defaultGroup(c: Comparison): string {
  const groups = new Set(c.rows.map((r) => r.group));
  return groups.has('China-free share') ? 'China-free share' : (c.rows[0]?.group ?? '');
}

/** Amounts are summed over the group; a share or price is drawn for one item (the US when there is one). */
function defaultItem(c: Comparison, group: string): string | undefined {
  const rows = c.rows.filter((r) => r.group === group);
  if (additive(rows[0]?.unit ?? '')) return undefined;
  return rows.some((r) => r.item === 'US') ? 'US' : rows[0]?.item;
}

/** Key outputs of several runs side by side, with each one's difference from the first. */
export function CompareView({ ids }: { ids: string[] }) {
  const { data, error } = useLoad((signal) => api.compare(ids, signal), [ids.join(',')]);
  const [allRows, setAllRows] = useState(false);
  const [filter, setFilter] = useState('');
  const [choice, setChoice] = useState<{ group: string; item: string | undefined }>();

  const chosen =
    choice ?? (data && { group: defaultGroup(data), item: defaultItem(data, defaultGroup(data)) });
  const option = useMemo(
    () => (data && chosen ? compareOption(data, chosen.group, chosen.item) : undefined),
    [data, chosen?.group, chosen?.item],
  );

  if (error) return <ErrorNote error={error} />;
  if (!data || !chosen || !option) return <p className="muted">Comparing…</p>;

  const groups = [...new Set(data.rows.map((r) => r.group))];
  const groupRows = data.rows.filter((r) => r.group === chosen.group);
  const items = [...new Set(groupRows.map((r) => r.item))];
  const summable = additive(groupRows[0]?.unit ?? '');
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = data.rows.filter(
    (r) =>
      (allRows || differs(r)) &&
      words.every((w) => `${r.period} ${r.group} ${r.item} ${r.unit}`.toLowerCase().includes(w)),
  );
  const runName = (i: number) => data.runs[i]?.scenario_name || data.runs[i]?.scenario;

  return (
    <section>
      <h1>Comparison</h1>
      <p className="muted">
        {data.runs.map((r, i) => (
          <span key={r.id}>
            {i > 0 && ' · '}
            <a href={`#/runs/${encodeURIComponent(r.id)}`}>{r.scenario_name || r.scenario}</a>
            {i === 0 && ' (reference)'}
          </span>
        ))}
      </p>
      <div className="toolbar">
        <label>
          Group{' '}
          <select
            value={chosen.group}
            onChange={(e) => setChoice({ group: e.target.value, item: defaultItem(data, e.target.value) })}
            data-testid="compare-group"
          >
            {groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label>
          Item{' '}
          <select
            value={chosen.item ?? ''}
            onChange={(e) => setChoice({ group: chosen.group, item: e.target.value || undefined })}
          >
            {summable && <option value="">all (sum)</option>}
            {items.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
      </div>
      <Chart option={option} testId="compare-chart" label={`${chosen.group} per run`} height={340} />
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter: period, group, item"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter rows"
        />
        <label>
          <input type="checkbox" checked={allRows} onChange={(e) => setAllRows(e.target.checked)} /> all rows
        </label>
        <span className="muted">
          {rows.length} of {data.rows.length} rows{allRows ? '' : ' differ'}
          {rows.length > MAX_ROWS ? `; the first ${MAX_ROWS} shown, filter to see others` : ''}
        </span>
      </div>
      <div className="scroll">
        <table data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">period</th>
              <th scope="col">group</th>
              <th scope="col">item</th>
              <th scope="col">unit</th>
              {data.runs.map((r, i) => (
                <th key={r.id} scope="col" className="num">
                  {runName(i)}
                  <div className="muted small">{r.id}</div>
                </th>
              ))}
              {data.runs.slice(1).map((r, i) => (
                <th key={r.id} scope="col" className="num">
                  Δ {runName(i + 1)}
                  <div className="muted small">{r.id}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((r) => (
              <tr key={`${r.period}|${r.group}|${r.item}`}>
                <td>{r.period}</td>
                <td>{r.group}</td>
                <td>{r.item}</td>
                <td>{r.unit}</td>
                {r.values.map((v, i) => (
                  <td key={i} className="num">
                    {fmtValue(v, r.unit)}
                  </td>
                ))}
                {r.values.slice(1).map((_, i) => (
                  <td key={i} className="num diff">
                    {fmtDiff(diff(r, i + 1), r.unit)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="empty">No rows {allRows ? 'match' : 'differ'}: try “all rows”.</p>}
    </section>
  );
}
