import { describe, expect, it } from 'vitest';
import { decideWindowOpen, externalBrowserSchemes, isAllowedNavigation, isTrustedSender } from './urlPolicy';

const foreign = [
  'https://example.org/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'app://evil/index.html',
  'app://step.evil/index.html',
  'app://step:1/index.html',
  'app://x@step/index.html',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'about:blank',
  'devtools://devtools/bundled/inspector.html',
  'chrome://gpu',
  'blob:app://step/6f1c',
  '',
  'not a url',
];

describe('navigation policy', () => {
  it('allows the app itself', () => {
    expect(isAllowedNavigation('app://step/index.html')).toBe(true);
    expect(isAllowedNavigation('app://step/')).toBe(true);
    expect(isAllowedNavigation('app://step/index.html#/activities')).toBe(true);
  });

  it.each(foreign)('refuses %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('trusted IPC senders', () => {
  it('trusts only pages of app://step', () => {
    expect(isTrustedSender('app://step/index.html')).toBe(true);
    expect(isTrustedSender('app://step/index.html#/settings')).toBe(true);
  });

  it.each([...foreign, null, undefined])('does not trust %j', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });
});

describe('window.open policy', () => {
  it('always denies, and hands nothing to the OS browser as configured today', () => {
    expect(externalBrowserSchemes).toEqual([]);
    for (const url of ['https://example.org/', 'http://example.org/', 'app://step/index.html', 'file:///etc/passwd', 'mailto:a@b.c']) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: undefined });
    }
  });

  it('would offer only plain http(s) URLs if the policy were opened', () => {
    const https = ['https:'];
    expect(decideWindowOpen('https://example.org/a?b=c', https)).toEqual({ action: 'deny', openExternally: 'https://example.org/a?b=c' });
    expect(decideWindowOpen('http://example.org/', https).openExternally).toBeUndefined();
    expect(decideWindowOpen('https://user:pw@example.org/', https).openExternally).toBeUndefined();
    expect(decideWindowOpen('file:///etc/passwd', ['file:']).openExternally).toBeUndefined();
    expect(decideWindowOpen('smb://host/share', ['smb:']).openExternally).toBeUndefined();
  });
});
