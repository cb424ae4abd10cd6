import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, api } from '../api/client.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';

/**
 * A panel fed by an endpoint this server may not offer yet (correlations, sightings, audience): a 404
 * from the route itself reads "not available" rather than an error.
 */
export function OptionalPanel({
  title,
  url,
  children,
}: {
  title: string;
  url: string;
  children: (data: unknown) => ReactNode;
}) {
  const result = useQuery({ queryKey: ['optional', url], queryFn: () => api<unknown>(url), retry: false });
  const missing =
    result.error instanceof ApiError && (result.error.status === 404 || result.error.status === 501);
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {result.isPending ? (
        <Loading />
      ) : missing ? (
        <p className="muted">Not available on this server yet.</p>
      ) : result.error !== null ? (
        <ErrorNote error={result.error} />
      ) : (
        children(result.data)
      )}
    </section>
  );
}
