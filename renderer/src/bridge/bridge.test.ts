import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuCommand, StepBridge } from '@shared/bridge/contract';
import { appVersion, BridgeError, bundleMimeType, formatBridgeError } from '@shared/bridge/contract';
import { browserBridge } from './browserBridge';
import { emitMenuCommand, getBridge } from './index';
import { pickerTypes } from './saveFile';

// Runs in Node: the few browser globals the bridge touches are stubbed per test.
afterEach(() => {
  vi.unstubAllGlobals();
});

const save = { suggestedName: 'activities.csv', mimeType: 'text/csv;charset=utf-8', data: new TextEncoder().encode('id\n1\n') };

describe('getBridge', () => {
  it('is the browser bridge when no Electron preload is there', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('navigator', { platform: 'Linux x86_64' });
    expect(getBridge()).toBe(browserBridge);
    expect(await getBridge().invoke('app:getInfo', undefined)).toEqual({ host: 'browser', appVersion, platform: 'Linux x86_64' });
  });

  it("uses Electron's bridge when the preload exposed one, with codes on its errors", async () => {
    const host: StepBridge = {
      invoke: vi.fn(async () => {
        throw new Error(formatBridgeError({ code: 'invalid-request', message: 'suggestedName is empty' }));
      }),
      onMenuCommand: vi.fn(() => () => undefined),
    };
    vi.stubGlobal('window', { stepBridge: host });
    const error = await getBridge().invoke('files:saveAs', save).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('invalid-request');
    expect(host.invoke).toHaveBeenCalledWith('files:saveAs', save);
  });

  it('hears the application menu and the in-page menu alike, until unsubscribed', () => {
    let fromMain: ((command: MenuCommand) => void) | undefined;
    const unsubscribeHost = vi.fn();
    vi.stubGlobal('window', {
      stepBridge: {
        invoke: vi.fn(),
        onMenuCommand: (listener: (command: MenuCommand) => void) => ((fromMain = listener), unsubscribeHost),
      },
    });
    const heard: MenuCommand[] = [];
    const unsubscribe = getBridge().onMenuCommand((command) => heard.push(command));
    fromMain?.('go-settings');
    emitMenuCommand('import-records');
    unsubscribe();
    emitMenuCommand('load-demo-data');
    expect(heard).toEqual(['go-settings', 'import-records']);
    expect(unsubscribeHost).toHaveBeenCalledOnce();
  });

  it('ignores a stepBridge global that is not a bridge', () => {
    vi.stubGlobal('window', { stepBridge: { invoke: 'nope' } });
    expect(getBridge()).toBe(browserBridge);
  });
});

describe('browser bridge', () => {
  it('refuses the same requests Electron refuses', async () => {
    const error = await browserBridge.invoke('files:saveAs', { ...save, suggestedName: '../x.csv' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('invalid-request');
    expect((error as BridgeError).message).toContain('suggestedName');
    const unknown = await browserBridge.invoke('fs:read' as 'app:getInfo', undefined).catch((e: unknown) => e);
    expect((unknown as BridgeError).code).toBe('unknown-channel');
  });

  it('saves through the File System Access picker when there is one', async () => {
    const written: unknown[] = [];
    const showSaveFilePicker = vi.fn(async () => ({
      name: 'chosen.csv',
      createWritable: async () => ({ write: async (chunk: unknown) => written.push(chunk), close: async () => undefined, abort: async () => undefined }),
    }));
    vi.stubGlobal('window', { showSaveFilePicker });
    expect(await browserBridge.invoke('files:saveAs', save)).toEqual({ saved: true, fileName: 'chosen.csv' });
    expect(written).toEqual([save.data]);
    expect(showSaveFilePicker).toHaveBeenCalledWith({
      suggestedName: 'activities.csv',
      types: [{ description: 'CSV file', accept: { 'text/csv': ['.csv'] } }],
    });
  });

  it('reports a cancelled picker as not saved', async () => {
    vi.stubGlobal('window', { showSaveFilePicker: async () => Promise.reject(new DOMException('cancelled', 'AbortError')) });
    expect(await browserBridge.invoke('files:saveAs', save)).toEqual({ saved: false });
  });

  it('reports a failed write as a BridgeError', async () => {
    vi.stubGlobal('window', {
      showSaveFilePicker: async () => ({
        name: 'a.csv',
        createWritable: async () => ({ write: async () => Promise.reject(new DOMException('disk full', 'QuotaExceededError')), close: vi.fn(), abort: async () => undefined }),
      }),
    });
    const error = await browserBridge.invoke('files:saveAs', save).catch((e: unknown) => e);
    expect((error as BridgeError).code).toBe('failed');
  });

  it('falls back to a download link without the picker', async () => {
    const clicked: { href: string; download: string }[] = [];
    const anchor = { href: '', download: '', rel: '', style: { display: '' }, click: () => clicked.push({ href: anchor.href, download: anchor.download }), remove: vi.fn() };
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', { createElement: () => anchor, body: { append: vi.fn() } });
    vi.useFakeTimers();
    try {
      expect(await browserBridge.invoke('files:saveAs', save)).toEqual({ saved: true, fileName: 'activities.csv' });
      expect(clicked).toHaveLength(1);
      expect(clicked[0]?.download).toBe('activities.csv');
      expect(clicked[0]?.href).toMatch(/^blob:/);
      expect(anchor.remove).toHaveBeenCalled();
    } finally {
      vi.runAllTimers();
      vi.useRealTimers();
    }
  });

  it('builds picker filters only from a usable extension', () => {
    expect(pickerTypes('a.json', 'application/json')).toEqual([{ description: 'JSON file', accept: { 'application/json': ['.json'] } }]);
    expect(pickerTypes('README', 'text/plain')).toBeUndefined();
    expect(pickerTypes('a.tar.gz', 'application/gzip')).toEqual([{ description: 'GZ file', accept: { 'application/gzip': ['.gz'] } }]);
  });
});

describe('browser bridge for sync bundles', () => {
  it('lists no drives and says it cannot, so the desk offers a save dialog', async () => {
    expect(await browserBridge.invoke('drives:list', undefined)).toEqual({ supported: false, drives: [] });
  });

  it('refuses to write to a drive with unavailable, after checking the request like Electron', async () => {
    const request = { driveId: `drive-${'a'.repeat(32)}`, fileName: 'a.stepbundle', data: new Uint8Array([1]) };
    const error = await browserBridge.invoke('bundle:writeToDrive', request).catch((e: unknown) => e);
    expect((error as BridgeError).code).toBe('unavailable');
    const invalid = await browserBridge.invoke('bundle:writeToDrive', { ...request, fileName: '../a.stepbundle' }).catch((e: unknown) => e);
    expect((invalid as BridgeError).code).toBe('invalid-request');
  });

  it('saves a bundle with its own type in the picker', async () => {
    const showSaveFilePicker = vi.fn(async () => ({ name: 'TH.stepbundle', createWritable: async () => ({ write: async () => undefined, close: async () => undefined, abort: async () => undefined }) }));
    vi.stubGlobal('window', { showSaveFilePicker });
    const saved = await browserBridge.invoke('files:saveAs', { suggestedName: 'TH.stepbundle', mimeType: bundleMimeType, data: new Uint8Array([1]) });
    expect(saved).toEqual({ saved: true, fileName: 'TH.stepbundle' });
    expect(showSaveFilePicker).toHaveBeenCalledWith({ suggestedName: 'TH.stepbundle', types: [{ description: 'STEP sync bundle', accept: { [bundleMimeType]: ['.stepbundle'] } }] });
  });
});

describe('files:open in the browser', () => {
  type Listener = () => void;

  /** A stand-in for `<input type=file>`: records what the bridge sets, and lets the test pick or cancel. */
  function fakeInput() {
    const listeners = new Map<string, Listener>();
    const input = {
      type: '',
      accept: '',
      style: { display: '' },
      files: undefined as unknown,
      click: vi.fn(),
      remove: vi.fn(),
      addEventListener: (event: string, listener: Listener) => listeners.set(event, listener),
      fire: (event: string) => listeners.get(event)?.(),
    };
    const append = vi.fn();
    vi.stubGlobal('document', { createElement: () => input, body: { append } });
    return { input, append };
  }

  const fileOf = (name: string, bytes: number[], size = bytes.length) => ({ name, size, arrayBuffer: async () => new Uint8Array(bytes).buffer });

  it('opens the picker for the accepted kinds and returns the chosen file', async () => {
    const { input, append } = fakeInput();
    const opening = browserBridge.invoke('files:open', { accept: ['.stepbundle'], maxBytes: 10 });
    await vi.waitFor(() => expect(input.click).toHaveBeenCalled());
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.stepbundle');
    expect(append).toHaveBeenCalledWith(input);
    input.files = [fileOf('from officer.stepbundle', [1, 2, 3])];
    input.fire('change');
    expect(await opening).toEqual({ cancelled: false, fileName: 'from officer.stepbundle', data: new Uint8Array([1, 2, 3]) });
    expect(input.remove).toHaveBeenCalled();
  });

  it('reports a closed picker as cancelled', async () => {
    const { input } = fakeInput();
    const opening = browserBridge.invoke('files:open', { accept: ['.stepbundle'], maxBytes: 10 });
    await vi.waitFor(() => expect(input.click).toHaveBeenCalled());
    input.fire('cancel');
    expect(await opening).toEqual({ cancelled: true });
    expect(input.remove).toHaveBeenCalled();
  });

  it('refuses a file over the limit before reading it', async () => {
    const { input } = fakeInput();
    const opening = browserBridge.invoke('files:open', { accept: ['.stepbundle'], maxBytes: 2 }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(input.click).toHaveBeenCalled());
    const arrayBuffer = vi.fn();
    input.files = [{ name: 'big.stepbundle', size: 3, arrayBuffer }];
    input.fire('change');
    expect(((await opening) as BridgeError).code).toBe('too-large');
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('refuses a request Electron would refuse', async () => {
    const error = await browserBridge.invoke('files:open', { accept: ['*'], maxBytes: 2 }).catch((e: unknown) => e);
    expect((error as BridgeError).code).toBe('invalid-request');
  });
});
