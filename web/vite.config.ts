import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * Prefetches the dashboard's chart chunk from the page itself. It stays a separate chunk (ECharts is
 * half a megabyte the other pages never need), but the dashboard is where a visit starts: fetched from
 * the HTML, it arrives with the first bundle instead of queueing behind the dashboard's figures, which
 * keep the server busy. `prefetch`, not `modulepreload`: only fetched into the cache, so other pages
 * do not spend main-thread time compiling it.
 */
function preloadDashboardCharts(): Plugin {
  return {
    name: 'accord-preload-dashboard-charts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isDynamicEntry && c.name === 'DashboardCharts',
        );
        if (chunk === undefined) throw new Error('no DashboardCharts chunk to preload');
        return [
          {
            tag: 'link',
            attrs: { rel: 'prefetch', crossorigin: '', href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

// `vite build web` (run by `npm start` when web/dist is missing) writes the UI to web/dist, which the
// server serves at `/`. `vite web` serves it in development, proxying the API to a local server.
export default defineConfig({
  plugins: [react(), preloadDashboardCharts()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows scripts from this origin only: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
