import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Presented } from '../api/types.js';
import { GRID_COLUMNS, features, resultColumns } from './result-columns.js';

const ROW_HEIGHT = 36;

export interface ResultsTableProps {
  rows: Presented[];
  total: number | undefined;
  hasMore: boolean;
  loadMore: () => void;
  open: (id: string) => void;
  orgName: (id: string) => string;
}

/**
 * The result grid: only the rows on screen are in the DOM, so 100,000 rows scroll like 100. Arrow
 * keys, Page Up/Down, Home and End move the active row; Enter opens it. More pages load as the end nears.
 */
export function ResultsTable({ rows, total, hasMore, loadMore, open, orgName }: ResultsTableProps) {
  const columns = useMemo(() => resultColumns(orgName), [orgName]);
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.object.id });
  const tableRows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= tableRows.length - 50) loadMore();
  }, [hasMore, lastShown, tableRows.length, loadMore]);

  const move = (to: number) => {
    const index = Math.max(0, Math.min(tableRows.length - 1, to));
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 360) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => {
        move(active + 1);
      },
      ArrowUp: () => {
        move(active - 1);
      },
      PageDown: () => {
        move(active + page);
      },
      PageUp: () => {
        move(active - page);
      },
      Home: () => {
        move(0);
      },
      End: () => {
        move(tableRows.length - 1);
      },
      Enter: () => {
        const row = tableRows[active];
        if (row !== undefined) open(row.original.object.id);
      },
    };
    const action = keys[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  };
  const activeId = tableRows[active]?.id;

  return (
    <div
      className="results"
      role="grid"
      aria-label="Search results"
      aria-rowcount={(total ?? tableRows.length) + 1}
      aria-activedescendant={activeId === undefined ? undefined : `row-${activeId}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {table.getHeaderGroups().map((group) => (
        <div key={group.id} role="row" className="row head" style={{ gridTemplateColumns: GRID_COLUMNS }}>
          {group.headers.map((header) => (
            <div key={header.id} role="columnheader">
              <table.FlexRender header={header} />
            </div>
          ))}
        </div>
      ))}
      <div ref={scroller} className="scroller" data-testid="results-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = tableRows[item.index]!;
            return (
              <div
                key={row.id}
                id={`row-${row.id}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === active}
                className={item.index === active ? 'row active' : 'row'}
                style={{
                  gridTemplateColumns: GRID_COLUMNS,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
                onClick={() => {
                  setActive(item.index);
                }}
                onDoubleClick={() => {
                  open(row.original.object.id);
                }}
              >
                {row.getAllCells().map((cell) => (
                  <div key={cell.id} role="gridcell">
                    {cell.column.id === 'name' ? (
                      <a
                        href={`/objects/${row.original.object.id}`}
                        tabIndex={-1}
                        onClick={(e) => {
                          e.preventDefault();
                          open(row.original.object.id);
                        }}
                      >
                        <table.FlexRender cell={cell} />
                      </a>
                    ) : (
                      <table.FlexRender cell={cell} />
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
