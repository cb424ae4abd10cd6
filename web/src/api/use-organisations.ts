import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import type { Items, Organisation } from './types.js';

/** Every organisation on the instance, and a name lookup that falls back to the id. */
export function useOrganisations() {
  const query = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api<Items<Organisation>>('/api/v1/organisations'),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const byId = new Map((query.data?.items ?? []).map((o) => [o.id, o]));
  return { ...query, nameOf: (id: string) => byId.get(id)?.name ?? id };
}
