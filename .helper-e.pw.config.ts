// Temporary (helper E): the Chromium suite on a private build and port, so parallel helpers do not clash.
import base from './playwright.config';
import { defineConfig } from '@playwright/test';
export default defineConfig({
  ...base,
  workers: 1,
  use: { ...base.use, baseURL: 'http://127.0.0.1:4392' },
  webServer: { command: 'npx vite preview --outDir /tmp/helper-e-build --host 127.0.0.1 --port 4392 --strictPort', url: 'http://127.0.0.1:4392', reuseExistingServer: false, timeout: 60_000 },
  outputDir: '/tmp/helper-e/test-results',
  projects: [{ name: 'chromium', testDir: 'test/.helper-e-shots', testMatch: 'shots.spec.ts' }],
});
