import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app: `npx vite build web` (or `ensureWebBuilt()` from src/api/web.ts) writes web/dist,
// which `fitwise serve` serves. `npx vite web` runs a dev server that proxies /v1 to the API on :8080.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/v1': 'http://localhost:8080' },
  },
});
