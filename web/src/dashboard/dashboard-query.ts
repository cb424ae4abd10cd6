import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Dashboard } from '../api/types.js';

export const dashboardQuery = {
  queryKey: ['dashboard'] as const,
  queryFn: () => api<Dashboard>('/api/v1/dashboard'),
  // The page mounts right after the prefetch below lands: without this it would ask the server again.
  staleTime: 30_000,
};

/**
 * The chart code (ECharts), a chunk of its own, loaded like data rather than through React.lazy: a
 * lazy component suspends on its first render even when its code is already here, and React holds
 * back what replaces a Suspense fallback for up to 300 ms.
 */
export const chartsQuery = {
  queryKey: ['code', 'dashboard-charts'] as const,
  queryFn: () => import('./DashboardCharts.js'),
  staleTime: Infinity,
  structuralSharing: false,
};

/**
 * Starts the dashboard's chart code and figures together with the session check, not after it; the
 * chart code first, as the figures keep the server busiest.
 */
export function prefetchDashboard(client: QueryClient): void {
  void client.query(chartsQuery).catch(() => undefined);
  void client.query(dashboardQuery).catch(() => undefined);
}
