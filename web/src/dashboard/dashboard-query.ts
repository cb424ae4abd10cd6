import { api } from '../api/client.js';
import type { Dashboard } from '../api/types.js';

export const dashboardQuery = {
  queryKey: ['dashboard'] as const,
  queryFn: () => api<Dashboard>('/api/v1/dashboard'),
};

/** Starts the dashboard's data and chart code together with the session check, not after it. */
export function prefetchDashboard(prefetch: (q: typeof dashboardQuery) => Promise<unknown>): void {
  void prefetch(dashboardQuery).catch(() => undefined);
  void import('./DashboardCharts.js');
}
