import { describe, expect, it } from 'vitest';
import { isPermissionGranted, permissionPolicy } from './permissions';

const fromApp = { requestingUrl: 'app://step/index.html', isMainFrame: true };

describe('permission policy', () => {
  it('grants only what the table allows, to the app page', () => {
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', ...fromApp })).toBe(true);
    expect(isPermissionGranted({ permission: 'persistent-storage', ...fromApp })).toBe(true);
    // Electron's permission check hands an origin, not a URL.
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl: 'app://step', isMainFrame: true })).toBe(true);
  });

  it("grants geolocation to the app page only (a field report's location), never to another page or a subframe", () => {
    expect(isPermissionGranted({ permission: 'geolocation', ...fromApp })).toBe(true);
    expect(isPermissionGranted({ permission: 'geolocation', requestingUrl: 'app://step', isMainFrame: true })).toBe(true);
    for (const requestingUrl of ['https://example.org/', 'http://127.0.0.1:4173/', 'file:///tmp/a.html', 'about:blank', '', null, undefined]) {
      expect(isPermissionGranted({ permission: 'geolocation', requestingUrl, isMainFrame: true }), String(requestingUrl)).toBe(false);
    }
    expect(isPermissionGranted({ permission: 'geolocation', requestingUrl: 'app://step/', isMainFrame: false })).toBe(false);
  });

  it.each(['notifications', 'media', 'clipboard-read', 'display-capture', 'openExternal', 'fullscreen', 'midi', 'usb', 'hid', 'serial', 'unknown', 'toString', '__proto__', 'constructor', ''])(
    'denies %j',
    (permission) => {
      expect(isPermissionGranted({ permission, ...fromApp })).toBe(false);
    },
  );

  it('denies even allowed permissions to other pages and to subframes', () => {
    for (const requestingUrl of ['https://example.org/', 'file:///tmp/a.html', 'about:blank', '', null, undefined]) {
      expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl, isMainFrame: true })).toBe(false);
    }
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://step/', isMainFrame: false })).toBe(false);
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://step/', isMainFrame: undefined })).toBe(false);
  });

  it('explains every rule', () => {
    for (const [name, rule] of Object.entries(permissionPolicy)) expect(rule.why.length, name).toBeGreaterThan(10);
    expect(Object.entries(permissionPolicy).filter(([, rule]) => rule.allow).map(([name]) => name).sort()).toEqual([
      'clipboard-sanitized-write',
      'geolocation',
      'persistent-storage',
    ]);
  });
});
