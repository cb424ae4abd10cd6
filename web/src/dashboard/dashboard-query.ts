import { api } from '../api/client.js';
import type { Dashboard } from '../api/types.js';

export const dashboardQuery = {
  queryKey: ['dashboard'] as const,
  queryFn: () => api<Dashboard>('/api/v1/dashboard'),
  // The page mounts right after the prefetch below lands: without this it would ask the server again.
  staleTime: 30_000,
};

/**
 * Starts the dashboard's chart code and data together with the session check, not after it. The chart
 * code is asked for first: the server answers in the order requests arrive and the dashboard's
 * aggregates keep it busiest, so the browser parses the charts while the figures are computed.
 */
export function prefetchDashboard(prefetch: (q: typeof dashboardQuery) => Promise<unknown>): void {
  void import('./DashboardCharts.js');
  void prefetch(dashboardQuery).catch(() => undefined);
}
