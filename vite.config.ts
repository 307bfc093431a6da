// The web app (src/web) built by Vite into dist/web, which `jixiao serve` serves beside /api.
// `npm run dev:web` serves it with hot reload and forwards /api to a server on 8080 (`jixiao serve --demo`).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // antd alone is ~1 MB before compression; the first screen loads it, the charts load only on the desk.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
