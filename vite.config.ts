import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
// The CSP lives in shared/ so Electron's app:// responses send the very same policy as a header.
import { contentSecurityPolicy } from './shared/src/security/csp.ts';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function cspMetaTag(): Plugin {
  return {
    name: 'step-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: fromRoot('./renderer'),
  base: './',
  plugins: [react(), cspMetaTag()],
  resolve: { alias: { '@shared': fromRoot('./shared/src') } },
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
    // Never inline assets as data: URLs: the CSP (font-src 'self') refuses them, and the small font
    // subsets Vite would inline are exactly the unicode ranges some Chinese and Thai glyphs live in.
    assetsInlineLimit: 0,
  },
  preview: { host: '127.0.0.1' },
  test: {
    root: fromRoot('.'),
    environment: 'node',
    testTimeout: 30_000,
    // The server's tests run twice: on the embedded PGlite (the default that needs nothing) and, when
    // STEP_TEST_DATABASE_URL names a PostgreSQL (npm test starts one: scripts/with-postgres.mjs), on it.
    projects: [
      { extends: true, test: { name: 'unit', include: ['{shared,renderer,electron,scripts}/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'server:pglite', include: ['server/**/*.test.ts'], env: { STEP_TEST_DATABASE_URL: '' } } },
      ...(process.env.STEP_TEST_DATABASE_URL
        ? [
            // The bundle tool's test is about finding the server's PGlite folder: it runs once, in server:pglite.
            { extends: true as const, test: { name: 'server:postgres', include: ['server/**/*.test.ts'], exclude: ['server/src/bundleTool/serverAccess.test.ts'], env: { STEP_TEST_DATABASE_URL: process.env.STEP_TEST_DATABASE_URL } } },
            { extends: true as const, test: { name: 'integration:postgres', include: ['test/integration/**/*.test.ts'], env: { STEP_TEST_DATABASE_URL: process.env.STEP_TEST_DATABASE_URL } } },
          ]
        : []),
    ],
  },
});
