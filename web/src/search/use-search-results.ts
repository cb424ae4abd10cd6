import { useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.js';
import type { ObjectPage } from '../api/types.js';
import { apiQuery } from './search-params.js';
import type { SearchParams } from './search-params.js';

export const PAGE_SIZE = 250;

/** Search results as cursor pages loaded on demand; only the first page asks for the total. */
export function useSearchResults(search: SearchParams) {
  return useInfiniteQuery({
    queryKey: ['search', search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<ObjectPage>(
        `/api/v1/search${query({ ...apiQuery(search), limit: PAGE_SIZE, after: pageParam, total: pageParam === undefined ? 'true' : undefined })}`,
        { signal },
      ),
    getNextPageParam: (last) => last.next,
  });
}
