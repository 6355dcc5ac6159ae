import { describe, expect, it } from 'vitest';
import { guardInvoke } from './ipcGuard';

const app = { frameUrl: 'app://step/index.html', isMainFrame: true };
const save = { suggestedName: 'a.csv', mimeType: 'text/csv', data: new Uint8Array([65]) };

describe('IPC guard', () => {
  it('lets a valid request from the app through, typed and parsed', () => {
    const result = guardInvoke('files:saveAs', app, save);
    expect(result).toEqual({ ok: true, channel: 'files:saveAs', request: save });
    expect(guardInvoke('app:getInfo', app, undefined)).toEqual({ ok: true, channel: 'app:getInfo', request: undefined });
  });

  it('refuses channels outside the contract', () => {
    for (const channel of ['fs:readFile', 'app:getinfo', '', undefined, 42, { toString: () => 'app:getInfo' }]) {
      const result = guardInvoke(channel, app, undefined);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('unknown-channel');
    }
  });

  it('refuses senders that are not the app page in the main frame', () => {
    const senders = [
      { frameUrl: 'https://example.org/', isMainFrame: true },
      { frameUrl: 'file:///tmp/x.html', isMainFrame: true },
      { frameUrl: 'about:blank', isMainFrame: true },
      { frameUrl: 'app://evil/index.html', isMainFrame: true },
      { frameUrl: undefined, isMainFrame: true },
      { frameUrl: null, isMainFrame: true },
      { frameUrl: 'app://step/index.html', isMainFrame: false },
    ];
    for (const sender of senders) {
      const result = guardInvoke('app:getInfo', sender, undefined);
      expect(!result.ok && result.error.code, JSON.stringify(sender)).toBe('untrusted-sender');
    }
  });

  it('checks the sender before looking at the payload', () => {
    const result = guardInvoke('files:saveAs', { frameUrl: 'https://evil.example/', isMainFrame: true }, { junk: true });
    expect(!result.ok && result.error.code).toBe('untrusted-sender');
  });

  it('refuses payloads that break the request schema, saying where', () => {
    const result = guardInvoke('files:saveAs', app, { ...save, suggestedName: '../../.ssh/authorized_keys' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toContain('suggestedName');
    expect(result.error.message).not.toMatch(/\n\s+at /); // no stack trace
    expect(guardInvoke('app:getInfo', app, { extra: 1 }).ok).toBe(false);
    expect(guardInvoke('files:saveAs', app, null).ok).toBe(false);
  });

  it('keeps error messages short whatever the payload', () => {
    const result = guardInvoke('files:saveAs', app, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])));
    expect(!result.ok && result.error.message.length).toBeLessThanOrEqual(500);
  });
});
