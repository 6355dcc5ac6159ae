import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from '@playwright/test';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { bridgeGlobalName } from '../../shared/src/bridge/channels';

/**
 * The desktop app, end to end: the built renderer in Electron's window over app://, with context
 * isolation and the bridge. Runs only where Electron's binary is installed; the renderer itself is
 * covered by the Chromium suite in test/e2e either way.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Located by hand: importing 'electron' (as Playwright does by default) would start a download.
const executablePath = findElectronBinary({ electronDir: path.join(root, 'node_modules', 'electron') });

export const skipReason =
  'Electron binary not installed on this machine (it cannot be downloaded here); the same renderer is covered by the Chromium suite in test/e2e';
test.skip(executablePath === undefined, skipReason);

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  // test:e2e builds the renderer; the main/preload bundles are cheap, so always rebuild them.
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    expect(spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' }).status).toBe(0);
  }
  expect(spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' }).status).toBe(0);

  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE'));
  app = await electron.launch({ executablePath, args: [root], cwd: root, env });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
});

test('loads the app from app://step/ in an isolated, sandboxed page', async () => {
  expect(page.url()).toMatch(/^app:\/\/step\//);
  const globals = await page.evaluate((name) => {
    const scope = window as unknown as Record<string, unknown>;
    const bridge = scope[name] as Record<string, unknown> | undefined;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      ipcRenderer: typeof scope.ipcRenderer,
      bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
    };
  }, bridgeGlobalName);
  // No Node in the page (nodeIntegration off, context isolated): only the two bridge functions.
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', bridgeKeys: ['invoke', 'onMenuCommand'] });
});

test('answers app:getInfo through the bridge and refuses bad requests', async () => {
  const info = await page.evaluate((name) => {
    const bridge = (window as unknown as Record<string, { invoke: (channel: string, request?: unknown) => Promise<unknown> }>)[name];
    return bridge?.invoke('app:getInfo');
  }, bridgeGlobalName);
  expect(info).toMatchObject({ host: 'electron', electronVersion: expect.any(String) });

  const refusal = await page.evaluate(async (name) => {
    const bridge = (window as unknown as Record<string, { invoke: (channel: string, request?: unknown) => Promise<unknown> }>)[name];
    try {
      await bridge?.invoke('files:saveAs', { suggestedName: '../../evil', mimeType: 'text/plain', data: new Uint8Array() });
      return 'saved';
    } catch (error) {
      return (error as Error).message;
    }
  }, bridgeGlobalName);
  expect(refusal).toContain('[step-bridge:invalid-request]');
});

test('serves app:// with the CSP header and refuses paths outside the build', async () => {
  const responses = await page.evaluate(async () => {
    const index = await fetch('app://step/index.html');
    const escape = await fetch('app://step/..%2f..%2fpackage.json');
    return { csp: index.headers.get('content-security-policy'), escape: escape.status };
  });
  expect(responses.csp).toContain("script-src 'self'");
  expect(responses.escape).toBe(403);
});

test('stays on app://step/ when the page tries to leave', async () => {
  // The main process says when it refuses a navigation (electron/main.ts): wait for that, not for a while.
  const refused = app.waitForEvent('console', (message) => message.text().includes('Refused navigation to https://example.org/'));
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await refused;
  expect(page.url()).toMatch(/^app:\/\/step\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
