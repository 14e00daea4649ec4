import { defineConfig } from 'vite';

// The offline report's script (web/src/report-page.ts) as one self-contained IIFE, with the same
// tree-shaken ECharts and tooltips as the workbench: src/report/index.ts inlines it into report.html.
export default defineConfig({
  root: import.meta.dirname,
  // A library build keeps process.env checks; the page has no process, and ECharts' are for development.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: '../dist/report-page',
    emptyOutDir: true,
    lib: {
      entry: 'src/report-page.ts',
      formats: ['iife'],
      name: 'LodestoneReportPage',
      fileName: () => 'report-page.js',
    },
    chunkSizeWarningLimit: 1000,
  },
});
