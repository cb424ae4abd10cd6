import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client.js';
import type { Session } from './types.js';

export const SESSION_KEY = ['session'] as const;

export const sessionQuery = {
  queryKey: SESSION_KEY,
  queryFn: async (): Promise<Session | null> => {
    try {
      return await api<Session>('/api/v1/session');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
};

/** Who is signed in; `null` when nobody is (a 401 is an answer here, not an error). */
export function useSession() {
  return useQuery(sessionQuery);
}

export const isAdmin = (s: Session | null | undefined) => s?.user.role === 'admin';
export const isOrgAdmin = (s: Session | null | undefined) =>
  s?.user.role === 'admin' || s?.user.role === 'org-admin';
