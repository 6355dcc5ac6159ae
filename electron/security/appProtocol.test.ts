import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEntryUrl, mimeTypeFor, resolveAppRequest } from './appProtocol';

const root = path.resolve('/srv/step/dist/renderer');
const served = (url: string) => {
  const result = resolveAppRequest(url, root);
  return result.ok ? path.relative(root, result.filePath).split(path.sep).join('/') : `refused:${result.refusal}`;
};

describe('app:// protocol guard', () => {
  it('serves files inside the renderer build', () => {
    expect(served(appEntryUrl)).toBe('index.html');
    expect(served('app://step/assets/index-4f2a.js')).toBe('assets/index-4f2a.js');
    expect(served('app://step/assets/index.js?v=3#top')).toBe('assets/index.js');
    expect(served('app://step/fonts/noto%20sans.woff2')).toBe('fonts/noto sans.woff2');
  });

  it('maps the root and folders to index.html', () => {
    expect(served('app://step/')).toBe('index.html');
    expect(served('app://step')).toBe('index.html');
    expect(served('app://step/?x=1')).toBe('index.html');
    expect(served('app://step/help/')).toBe('help/index.html');
  });

  it('gives each file its mime type', () => {
    const result = resolveAppRequest('app://step/assets/a.js', root);
    expect(result.ok && result.mimeType).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.WOFF2')).toBe('font/woff2');
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
  });

  it.each([
    // plain and encoded dot-dot, as the parser would otherwise resolve them away silently
    ['app://step/../../etc/passwd', 'traversal'],
    ['app://step/assets/../../../etc/passwd', 'traversal'],
    ['app://step/%2e%2e/%2e%2e/etc/passwd', 'traversal'],
    ['app://step/%2E%2E/secret', 'traversal'],
    ['app://step/.%2e/secret', 'traversal'],
    ['app://step/..%2f..%2fpackage.json', 'traversal'],
    ['app://step/..%2F..%2Fpackage.json', 'traversal'],
    ['app://step/assets%2f..%2f..%2fpackage.json', 'traversal'],
    // backslashes, raw and encoded
    ['app://step/..\\..\\package.json', 'traversal'],
    ['app://step/..%5c..%5cpackage.json', 'traversal'],
    ['app://step/assets\\index.js', 'traversal'],
    // double encoding: %25 decodes to % and a second decode would give ../
    ['app://step/%252e%252e/%252e%252e/etc/passwd', 'double-encoding'],
    ['app://step/..%252f..%252fpackage.json', 'double-encoding'],
    // null bytes and control characters
    ['app://step/index.html%00.png', 'bad-character'],
    ['app://step/index.html\u0000.png', 'bad-character'],
    ['app://step/.\t./secret', 'bad-character'],
    ['app://step/%0a', 'bad-character'],
    // absolute paths, drive letters and NTFS streams
    ['app://step//etc/passwd', 'traversal'],
    ['app://step/%2Fetc%2Fpasswd', 'traversal'],
    ['app://step/C:/Windows/win.ini', 'bad-character'],
    ['app://step/C%3A%5CWindows%5Cwin.ini', 'bad-character'],
    ['app://step/index.html::$DATA', 'bad-character'],
    // '.' and empty segments
    ['app://step/./index.html', 'traversal'],
    ['app://step/assets//a.js', 'traversal'],
    // broken escapes
    ['app://step/%E0%A4%A', 'bad-encoding'],
    ['app://step/%zz', 'bad-encoding'],
    // other hosts, ports, credentials, schemes
    ['app://evil/index.html', 'wrong-host'],
    ['app://step.evil/index.html', 'wrong-host'],
    ['app://step:8080/index.html', 'wrong-host'],
    ['app://user:pw@step/index.html', 'wrong-host'],
    ['app:///index.html', 'wrong-host'],
    ['https://step/index.html', 'wrong-scheme'],
    ['file:///etc/passwd', 'wrong-scheme'],
    ['javascript:alert(1)', 'wrong-scheme'],
    // spellings the parser tolerates but we do not
    ['app:step/index.html', 'wrong-host'],
    [' app://step/index.html', 'malformed'],
    ['app:\\\\step\\index.html', 'wrong-host'],
    ['not a url', 'malformed'],
    ['', 'malformed'],
  ])('refuses %j (%s)', (url, refusal) => {
    expect(resolveAppRequest(url, root)).toEqual({ ok: false, refusal });
  });

  it('keeps Windows paths inside the root too', () => {
    const winRoot = 'C:\\Program Files\\STEP desk\\resources\\app.asar\\dist\\renderer';
    const ok = resolveAppRequest('app://step/assets/a.js', winRoot, path.win32);
    expect(ok.ok && ok.filePath).toBe(`${winRoot}\\assets\\a.js`);
    for (const url of ['app://step/..%5c..%5cwin.ini', 'app://step/C:/x', 'app://step/%5c%5cserver%5cshare', 'app://step/..']) {
      expect(resolveAppRequest(url, winRoot, path.win32).ok, url).toBe(false);
    }
  });
});
