import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite build web` (run by `npm start` when web/dist is missing) writes the UI to web/dist, which the
// server serves at `/`. `vite web` serves it in development, proxying the API to a local server.
export default defineConfig({
  plugins: [react()],
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
