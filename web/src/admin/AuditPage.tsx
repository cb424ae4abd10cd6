import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client.js';
import type { AuditEntry, Items } from '../api/types.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { AuditChainStatus } from './AuditChainStatus.js';

const EMPTY = { actor: '', action: '', since: '', until: '' };

/** The append-only audit log, newest first, with filters and the chain's status. */
export function AuditPage() {
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const entries = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<Items<AuditEntry>>(
        `/api/v1/audit${query({
          actor: filters.actor,
          action: filters.action,
          since: filters.since === '' ? undefined : `${filters.since}T00:00:00Z`,
          until: filters.until === '' ? undefined : `${filters.until}T23:59:59Z`,
          after: pageParam,
          limit: 200,
        })}`,
      ),
    getNextPageParam: (last) => last.next,
  });
  const field = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [key]: e.target.value });
  };
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <h1>Audit log</h1>
      <AuditChainStatus />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <label>
          Actor
          <input value={draft.actor} onChange={field('actor')} />
        </label>
        <label>
          Action
          <input value={draft.action} onChange={field('action')} placeholder="login, group.member.add…" />
        </label>
        <label>
          Since
          <input type="date" value={draft.since} onChange={field('since')} />
        </label>
        <label>
          Until
          <input type="date" value={draft.until} onChange={field('until')} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {entries.isPending && <Loading />}
      {entries.error !== null && <ErrorNote error={entries.error} />}
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td className="mono">{e.actor ?? '—'}</td>
              <td>{e.action}</td>
              <td className="mono">{e.target ?? '—'}</td>
              <td>{e.outcome}</td>
              <td className="mono small-text">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.hasNextPage && (
        <button
          type="button"
          onClick={() => void entries.fetchNextPage()}
          disabled={entries.isFetchingNextPage}
        >
          Load more
        </button>
      )}
    </div>
  );
}
