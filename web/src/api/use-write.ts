import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import type { RequestOptions } from './client.js';

/** A write to the API that refreshes the listed queries when it succeeds. */
export function useWrite<T = unknown>(invalidate: readonly (readonly unknown[])[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, ...options }: RequestOptions & { path: string }) => api<T>(path, options),
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
