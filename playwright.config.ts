import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';
import { findElectronBinary } from './scripts/electron-binary.mjs';

// Several people (or helpers) can run the suite at once on one machine: each with its own port and build.
const port = Number(process.env.E2E_PORT ?? 4173);
// E2E_OUT_DIR is relative to renderer/ (Vite's root), as `vite build --outDir` takes it; by default, the config's.
const outDirOption = process.env.E2E_OUT_DIR ? ` --outDir ${process.env.E2E_OUT_DIR}` : '';

// Said out loud in the runner's output, not only as skip marks: a reader must see that, and why.
if (!process.env.TEST_WORKER_INDEX && !findElectronBinary({ electronDir: join(import.meta.dirname, 'node_modules', 'electron') })) {
  console.log(
    'electron suite: SKIPPED — Electron binary not installed on this machine (it cannot be downloaded here); the same renderer is covered by the Chromium suite in test/e2e',
  );
}

/**
 * End-to-end tests run the production build in Debian's Chromium (the engine Electron embeds), served
 * on loopback. `npm run test:e2e` builds first and makes sure Chromium is installed.
 */
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs() },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort${outDirOption}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    { name: 'chromium', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/electron' },
  ],
});
