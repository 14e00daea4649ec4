import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built from the repository root: `npx vite build --config web/vite.config.ts` writes dist/web, which
// `lodestone serve` serves at / beside the API at /api.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // React and the tree-shaken ECharts make one chunk of ~290 kB gzipped; the world atlas loads apart.
    chunkSizeWarningLimit: 1000,
  },
  // `npx vite --config web/vite.config.ts` for development, against `lodestone serve --port 8787`.
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
