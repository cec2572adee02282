// Builds the portal into web/dist, which the catalog serves at `/`. Everything it needs is bundled
// (no CDN, no external fonts): the machine it runs on may have no internet.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/auth/config': 'http://127.0.0.1:4000', '/exports': 'http://127.0.0.1:4000' } },
});
