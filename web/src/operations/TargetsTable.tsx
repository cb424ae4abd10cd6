import { useTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { features, targetColumns } from './target-columns.js';
import type { Target } from './types.js';

export interface TargetsTableProps {
  rows: Target[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (id: string) => void;
  orgName: (id: string) => string;
}

/** One page-set of targets with a checkbox per row (and one for all shown) for bulk status changes. */
export function TargetsTable({ rows, selected, onSelect, onOpen, orgName }: TargetsTableProps) {
  const columns = useMemo(() => targetColumns(orgName), [orgName]);
  const table = useTable({ features, columns, data: rows, getRowId: (t) => t.id });
  const allOn = rows.length > 0 && rows.every((t) => selected.has(t.id));
  return (
    <table aria-label="Targets" className="targets">
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select all shown targets"
                checked={allOn}
                onChange={(e) => {
                  onSelect(
                    rows.map((t) => t.id),
                    e.target.checked,
                  );
                }}
              />
            </th>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                <table.FlexRender header={header} />
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} aria-selected={selected.has(row.id)}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${row.original.value}`}
                checked={selected.has(row.id)}
                onChange={(e) => {
                  onSelect([row.id], e.target.checked);
                }}
              />
            </td>
            {row.getAllCells().map((cell) => (
              <td key={cell.id}>
                {cell.column.id === 'value' ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      onOpen(row.id);
                    }}
                  >
                    <table.FlexRender cell={cell} />
                  </button>
                ) : (
                  <table.FlexRender cell={cell} />
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
