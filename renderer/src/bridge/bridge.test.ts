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
