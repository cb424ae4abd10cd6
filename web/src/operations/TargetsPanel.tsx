import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { AddTargetsForm } from './AddTargetsForm.js';
import { BulkStatusBar } from './BulkStatusBar.js';
import { TargetDetailPanel } from './TargetDetailPanel.js';
import { TargetsTable } from './TargetsTable.js';
import { canContribute, canManage, keys, operationPath } from './operations-api.js';
import type { TargetPage } from './types.js';
import { TARGET_KINDS, TARGET_STATUSES } from './types.js';

const PAGE = 100;
const EMPTY = { status: '', kind: '', country: '' };

/** The targets of an operation: filter, page by keyset, select, move in bulk, open one. */
export function TargetsPanel({
  operationId,
  role,
  orgName,
}: {
  operationId: string;
  role: string | undefined;
  orgName: (id: string) => string;
}) {
  const [filters, setFilters] = useState(EMPTY);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const base = `${operationPath(operationId)}/targets`;
  const pages = useInfiniteQuery({
    queryKey: [...keys.targets(operationId), filters],
    queryFn: ({ pageParam }) =>
      api<TargetPage>(`${base}${query({ ...filters, limit: PAGE, after: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const resolve = useWrite<{ resolved: number; unresolved: number }>([keys.all]);
  const rows = pages.data?.pages.flatMap((p) => p.targets) ?? [];
  const total = pages.data?.pages[0]?.total;
  const filter = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setFilters({ ...filters, [key]: e.target.value });
    setSelected(new Set());
  };
  const select = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    setSelected(next);
  };
  return (
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">Targets</h2>
      {canContribute(role) && <AddTargetsForm operationId={operationId} />}
      <div className="toolbar" role="search" aria-label="Filter targets">
        <label>
          Status{' '}
          <select value={filters.status} onChange={filter('status')}>
            <option value="">any</option>
            {TARGET_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Kind{' '}
          <select value={filters.kind} onChange={filter('kind')}>
            <option value="">any</option>
            {TARGET_KINDS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Country{' '}
          <input
            size={5}
            placeholder="DE, none"
            value={filters.country}
            onChange={(e) => {
              const v = e.target.value.trim();
              if (v === '' || /^([A-Z]{2}|none)$/.test(v)) filter('country')({ target: { value: v } });
            }}
          />
        </label>{' '}
        <span data-testid="target-count">{total === undefined ? '' : `${total} targets`}</span>{' '}
        {canManage(role) && (
          <button
            type="button"
            disabled={resolve.isPending}
            onClick={() => {
              resolve.mutate({ path: `${operationPath(operationId)}/jurisdictions`, method: 'POST' });
            }}
          >
            Work out jurisdictions
          </button>
        )}
        {resolve.isSuccess && (
          <span role="status">
            {' '}
            {resolve.data.resolved} placed, {resolve.data.unresolved} unknown.
          </span>
        )}
      </div>
      {resolve.error !== null && <ErrorNote error={resolve.error} />}
      {pages.error !== null && <ErrorNote error={pages.error} />}
      {canManage(role) && (
        <BulkStatusBar
          operationId={operationId}
          selected={rows.filter((t) => selected.has(t.id))}
          onDone={() => {
            setSelected(new Set());
          }}
        />
      )}
      <TargetsTable rows={rows} selected={selected} onSelect={select} onOpen={setOpen} orgName={orgName} />
      {pages.hasNextPage && (
        <button type="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? 'Loading…' : `Show more (${rows.length} of ${total ?? '?'})`}
        </button>
      )}
      {open !== null && (
        <TargetDetailPanel
          key={open}
          operationId={operationId}
          targetId={open}
          manage={canManage(role)}
          orgName={orgName}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}
