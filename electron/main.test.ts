import type { MenuItemConstructorOptions } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * main.ts against a stand-in for the electron module: Electron's binary cannot run here, but we can
 * still check that main wires every policy to the right hook. (test/electron/desktop.spec.ts checks the
 * real thing where the binary exists.)
 */
type Listener = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const windows: { options: Record<string, unknown>; loaded: string[]; sent: unknown[][]; webContents: Record<string, unknown> }[] = [];
  const state = {
    appListeners,
    windows,
    sandboxEnabled: false,
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    deviceHandler: undefined as undefined | (() => boolean),
    menu: [] as MenuItemConstructorOptions[],
  };

  class BrowserWindow {
    readonly record;
    readonly webContents;
    constructor(options: Record<string, unknown>) {
      const sent: unknown[][] = [];
      this.webContents = { isLoading: () => false, send: (...args: unknown[]) => sent.push(args), once: () => undefined, mainFrame: {} };
      this.record = { options, loaded: [] as string[], sent, webContents: this.webContents };
      windows.push(this.record);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    restore() {}
    show() {}
    focus() {}
    static getAllWindows() {
      return [];
    }
  }

  const electron = {
    app: {
      enableSandbox: () => {
        state.sandboxEnabled = true;
      },
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      isPackaged: true,
      quit: vi.fn(),
      exit: vi.fn(),
      getVersion: () => '0.1.0',
      getPath: () => '/home/test/Documents',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => {
          state.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => {
          state.permissionCheck = handler;
        },
        setDevicePermissionHandler: (handler: () => boolean) => {
          state.deviceHandler = handler;
        },
      },
    },
    ipcMain: { handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => state.ipcHandlers.set(channel, handler) },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => {
        state.menu = menu;
      },
    },
    BrowserWindow,
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    shell: { openExternal: vi.fn() },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;

beforeAll(async () => {
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(start) run
});

function fakeContents() {
  const listeners = new Map<string, (event: { url?: string; preventDefault: () => void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    listeners,
    open: (url: string) => openHandler?.({ url }),
    contents: {
      on: (event: string, listener: (event: { url?: string; preventDefault: () => void }) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
    },
  };
}

function fire(listener: ((event: { url?: string; preventDefault: () => void }) => void) | undefined, url?: string): boolean {
  let prevented = false;
  listener?.({ url, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('main process wiring', () => {
  it('turns on the sandbox and registers app:// as a privileged standard scheme before ready', () => {
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves app:// through the guard', async () => {
    const handler = state.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler!({ url: 'app://step/..%2f..%2fpackage.json', method: 'GET' })).status).toBe(403);
  });

  it('opens one locked-down window on app://step/', () => {
    expect(state.windows).toHaveLength(1);
    const [window] = state.windows;
    expect(window?.loaded).toEqual(['app://step/index.html']);
    expect(window?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
  });

  it('answers permission requests and checks from the policy table', () => {
    const decisions: boolean[] = [];
    state.permissionRequest?.({}, 'notifications', (granted: boolean) => decisions.push(granted), { requestingUrl: 'app://step/index.html', isMainFrame: true });
    state.permissionRequest?.({}, 'clipboard-sanitized-write', (granted: boolean) => decisions.push(granted), { requestingUrl: 'app://step/index.html', isMainFrame: true });
    expect(decisions).toEqual([false, true]);
    expect(state.permissionCheck?.({}, 'media', 'app://step', { isMainFrame: true })).toBe(false);
    expect(state.permissionCheck?.({}, 'persistent-storage', 'app://step', { isMainFrame: true })).toBe(true);
    expect(state.deviceHandler?.()).toBe(false);
  });

  it('handles every contract channel through the guard', async () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(['app:getInfo', 'bundle:writeToDrive', 'drives:list', 'files:saveAs']);
    const window = state.windows[0]!;
    const fromApp = { sender: window.webContents, senderFrame: { url: 'app://step/index.html', parent: null } };
    expect(await state.ipcHandlers.get('app:getInfo')!(fromApp, undefined)).toMatchObject({ ok: true, value: { host: 'electron', appVersion: '0.1.0' } });
    const fromElsewhere = { sender: {}, senderFrame: { url: 'app://step/index.html', parent: null } };
    expect(await state.ipcHandlers.get('app:getInfo')!(fromElsewhere, undefined)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    const fromIframe = { sender: window.webContents, senderFrame: { url: 'app://step/index.html', parent: {} } };
    expect(await state.ipcHandlers.get('app:getInfo')!(fromIframe, undefined)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    const save = { suggestedName: 'a.csv', mimeType: 'text/csv', data: new Uint8Array([1]) };
    expect(await state.ipcHandlers.get('files:saveAs')!(fromApp, save)).toEqual({ ok: true, value: { saved: false } });
  });

  it('locks down every web contents: navigation, redirects, new windows, webviews', () => {
    const created = state.appListeners.get('web-contents-created') as unknown as (event: unknown, contents: unknown) => void;
    const { listeners, open, contents } = fakeContents();
    created({}, contents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fire(listeners.get(event), 'https://example.org/'), event).toBe(true);
      expect(fire(listeners.get(event), 'file:///etc/passwd'), event).toBe(true);
      expect(fire(listeners.get(event), 'app://step/index.html#/x'), event).toBe(false);
    }
    expect(fire(listeners.get('will-attach-webview'))).toBe(true);
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    expect(open('app://step/index.html')).toEqual({ action: 'deny' });
  });

  it('sends menu commands to the window', () => {
    const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
    flatten(state.menu)
      .find((item) => item.label === 'Activities')
      ?.click?.(undefined as never, undefined, undefined as never);
    expect(state.windows[0]?.sent).toContainEqual(['menu:command', 'go-activities']);
  });

  it('focuses the existing window when a second instance starts', () => {
    state.appListeners.get('second-instance')?.();
    expect(state.windows).toHaveLength(1);
  });
});
