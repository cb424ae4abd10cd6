import { useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { ResultsTable } from './ResultsTable.js';
import { SearchFilters } from './SearchFilters.js';
import type { SearchParams } from './search-params.js';
import { useSearchResults } from './use-search-results.js';

export function SearchPage({
  search,
  onSearch,
}: {
  search: SearchParams;
  onSearch: (s: SearchParams) => void;
}) {
  const results = useSearchResults(search);
  const navigate = useNavigate();
  const orgs = useOrganisations();
  const orgsData = orgs.data;
  // Stable across renders so the table's columns are not rebuilt on every page load.
  const orgName = useCallback(
    (id: string) => orgsData?.items.find((o) => o.id === id)?.name ?? id.slice(0, 18),
    [orgsData],
  );
  const rows = useMemo(() => results.data?.pages.flatMap((p) => p.items) ?? [], [results.data]);
  const total = results.data?.pages[0]?.total;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const open = useCallback((id: string) => void navigate({ to: '/objects/$id', params: { id } }), [navigate]);
  return (
    <div className="page search">
      <h1>Search</h1>
      <SearchFilters key={JSON.stringify(search)} search={search} onSearch={onSearch} />
      {results.error !== null && <ErrorNote error={results.error} />}
      {results.isPending ? (
        <Loading what="Searching" />
      ) : (
        <>
          <p className="muted" role="status" data-testid="result-count">
            {total === undefined ? `${rows.length} shown` : `${total.toLocaleString()} objects`}
            {isFetchingNextPage && ' · loading more…'}
          </p>
          <ResultsTable
            rows={rows}
            total={total}
            hasMore={hasNextPage}
            loadMore={loadMore}
            open={open}
            orgName={orgName}
          />
        </>
      )}
    </div>
  );
}
