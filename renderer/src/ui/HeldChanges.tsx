import type { ReactNode } from 'react';

/**
 * A table of changes held back (refused by the server, quarantined from a bundle): the columns' labels,
 * then a last column for the row's buttons whose label only screen readers read; `children` are the rows.
 */
export function HeldChangesTable({ columns, actions, children }: { columns: readonly string[]; actions: string; children: ReactNode }) {
  return (
    <table className="refusal-table">
      <thead>
        <tr>
          {columns.map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/**
 * The cells of a change held back, in a refusal table: the record, the field, the reason and its detail
 * (already worded). The row and the cells after these are the caller's.
 */
export function HeldChangeCells({ record, field, reason, detail }: { record: ReactNode; field: string; reason: string; detail: ReactNode }) {
  return (
    <>
      <td>{record}</td>
      <td>{field}</td>
      <td>
        {reason}
        {detail && <div className="muted">{detail}</div>}
      </td>
    </>
  );
}
