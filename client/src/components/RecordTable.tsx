import type { ReactNode } from 'react';

/** A table of records with a last, unlabelled column of row actions (named for screen readers). */
export function RecordTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
