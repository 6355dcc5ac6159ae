import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The production build carries a strict Content-Security-Policy: scripts and styles only from the app
 * itself, no eval, no remote anything. The dev server (hot reload injects inline scripts) goes without.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

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
  },
  preview: { host: '127.0.0.1' },
  test: {
    root: fromRoot('.'),
    include: ['{shared,renderer,electron,server,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
