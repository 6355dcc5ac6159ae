import { describe, expect, it, vi } from 'vitest';
import { BridgeError } from '@shared/bridge/contract';
import type { BridgeHandlers } from './dispatch';
import { dispatchInvoke } from './dispatch';

const app = { frameUrl: 'app://step/index.html', isMainFrame: true };
const info = { host: 'electron' as const, appVersion: '0.1.0', platform: 'linux', electronVersion: '45.4.1', chromeVersion: '140.0' };

function handlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  return {
    'app:getInfo': async () => info,
    'files:saveAs': async (request) => ({ saved: true, fileName: request.suggestedName }),
    'drives:list': async () => ({ supported: true, drives: [] }),
    'bundle:writeToDrive': async (request) => ({ fileName: request.fileName, bytes: request.data.byteLength, verified: true }),
    ...overrides,
  };
}

describe('dispatchInvoke', () => {
  it('runs the handler and replies with its validated value', async () => {
    expect(await dispatchInvoke(handlers(), 'app:getInfo', app, undefined)).toEqual({ ok: true, value: info });
    const save = { suggestedName: 'a.csv', mimeType: 'text/csv', data: new Uint8Array([1]) };
    expect(await dispatchInvoke(handlers(), 'files:saveAs', app, save)).toEqual({ ok: true, value: { saved: true, fileName: 'a.csv' } });
  });

  it('never runs a handler for a refused invoke', async () => {
    const saveAs = vi.fn(async () => ({ saved: true }));
    const log = vi.fn();
    const reply = await dispatchInvoke(handlers({ 'files:saveAs': saveAs }), 'files:saveAs', { frameUrl: 'https://evil.example/', isMainFrame: true }, {}, log);
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(saveAs).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('turns a thrown error into a plain failure without paths or stack', async () => {
    const log = vi.fn();
    const failing = handlers({
      'files:saveAs': async () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/home/ana/secret/a.csv'"), { code: 'EACCES' });
      },
    });
    const reply = await dispatchInvoke(failing, 'files:saveAs', app, { suggestedName: 'a.csv', mimeType: 'text/csv', data: new Uint8Array() }, log);
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: 'The desktop app could not complete files:saveAs.' } });
    expect(JSON.stringify(reply)).not.toContain('/home/ana');
    expect(log).toHaveBeenCalledWith('bridge: files:saveAs failed', expect.any(Error));
  });

  it("passes on a handler's deliberate failure with its code and sentence", async () => {
    const full = handlers({
      'bundle:writeToDrive': async () => {
        throw new BridgeError('no-space', 'The drive is full.');
      },
    });
    const request = { driveId: `drive-${'a'.repeat(32)}`, fileName: 'a.stepbundle', data: new Uint8Array([1]) };
    expect(await dispatchInvoke(full, 'bundle:writeToDrive', app, request, () => undefined)).toEqual({ ok: false, error: { code: 'no-space', message: 'The drive is full.' } });
  });

  it('never writes to a drive from a path the renderer sends', async () => {
    const write = vi.fn(async () => ({ fileName: 'a.stepbundle', bytes: 1, verified: true as const }));
    const reply = await dispatchInvoke(handlers({ 'bundle:writeToDrive': write }), 'bundle:writeToDrive', app, { driveId: '/home/ana', fileName: 'a.stepbundle', data: new Uint8Array([1]) }, () => undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(write).not.toHaveBeenCalled();
  });

  it('refuses to send a reply that breaks the contract', async () => {
    const broken = handlers({ 'app:getInfo': async () => ({ ...info, host: 'toaster' as 'electron' }) });
    const reply = await dispatchInvoke(broken, 'app:getInfo', app, undefined, () => undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });
});
