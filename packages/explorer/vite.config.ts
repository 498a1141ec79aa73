import { defineConfig } from 'vite';

// A plain Preact app: JSX through Vite's own transform, no plugin. `npm run dev` proxies /rpc and /config.json to
// a running `interop explorer` (EXPLORER_URL, default http://127.0.0.1:5100) so the dev server sees a real node.
const target = process.env.EXPLORER_URL ?? 'http://127.0.0.1:5100';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: { proxy: { '/rpc': target, '/config.json': target } },
});
