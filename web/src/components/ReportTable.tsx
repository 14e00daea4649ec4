import type { TableModel } from '../api';

/** One of the report's tables (rows of text, numeric columns right-aligned). */
export function ReportTable({ table }: { table: TableModel }) {
  const cls = (i: number) => (table.columns[i]?.numeric ? 'num' : undefined);
  return (
    <div className="report-table" data-testid={table.id}>
      <h3>{table.title}</h3>
      <p className="caption">{table.caption}</p>
      {table.rows.length === 0 ? (
        <p className="empty">{table.empty}</p>
      ) : (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={c.label} className={cls(i)} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} className={cls(i)}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
