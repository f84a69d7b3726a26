import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { inlineGraphqlDocuments } from './inline-graphql-documents.mjs';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

// The dev server's whole environment, read once here and refused early with a readable message:
// a typo in PORTAL_PORT should not silently become another port.
function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4200;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORTAL_PORT must be a port number (1-65535), got "${raw}"`);
  }
  return port;
}

function readApiUrl(raw: string | undefined): string {
  const value = raw === undefined || raw === '' ? 'http://127.0.0.1:3000' : raw;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`API_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL must be an http(s) URL, got "${value}"`);
  }
  return url.origin;
}

const port = readPort(process.env['PORTAL_PORT']);
const apiUrl = readApiUrl(process.env['API_URL']);

export default defineConfig({
  root: projectRoot,
  cacheDir: `${workspaceRoot}node_modules/.vite/apps/portal`,
  plugins: [react(), inlineGraphqlDocuments(`${projectRoot}src/gql/graphql.ts`)],
  resolve: {
    alias: {
      '@convergent/shared-util-contracts': `${workspaceRoot}libs/shared/util-contracts/src/index.ts`,
    },
  },
  server: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    // Same origin in development: no CORS and the token never leaves the page's origin.
    proxy: {
      // ws: subscriptions (graphql-ws) go through the same path.
      '/graphql': { target: apiUrl, ws: true },
      '/health': { target: apiUrl },
    },
  },
  preview: { host: '127.0.0.1', port, strictPort: true },
  build: {
    outDir: `${workspaceRoot}dist/apps/portal`,
    emptyOutDir: true,
    reportCompressedSize: true,
    // Read by size-budget.mjs to tell the first load from the lazily loaded chunks.
    manifest: true,
    // ECharts alone is ~175 KB gzipped; it is a lazy chunk and the budget in size-budget.mjs holds it.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.spec.{ts,tsx}', '*.spec.mjs'],
    restoreMocks: true,
    // Lazily loaded screens are transformed on first use, which takes a few seconds on 2 cores.
    testTimeout: 15_000,
    unstubGlobals: true,
  },
});
