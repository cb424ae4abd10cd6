import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { Loading } from './app/Loading.js';
import { sessionQuery } from './api/use-session.js';
import { applyTheme, initialTheme } from './app/theme.js';
import { prefetchDashboard } from './dashboard/dashboard-query.js';
import { isPublicPath, router } from './router.js';
import './styles.css';

applyTheme(initialTheme());

const client = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

// The session check, the dashboard's chart code and its figures are fetched in parallel, before React
// first renders; the session goes first, as every page waits for it.
// The public portal never asks who is signed in.
if (!isPublicPath()) void client.query(sessionQuery).catch(() => undefined);
if (window.location.pathname === '/') prefetchDashboard(client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <Suspense fallback={<Loading />}>
        <RouterProvider router={router} />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
