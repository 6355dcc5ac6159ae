import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executableRelativePath, findElectronBinary, missingBinaryMessage, webAppUrl } from './electron-binary.mjs';

const electronDir = path.join('/repo', 'node_modules', 'electron');
const noFile = () => {
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
};

describe('findElectronBinary', () => {
  it('finds the executable named in path.txt', () => {
    const expected = path.join(electronDir, 'dist', 'electron');
    const found = findElectronBinary({ electronDir, env: {}, platform: 'linux', read: () => 'electron', exists: (p) => p === expected });
    expect(found).toBe(expected);
  });

  it('reports a missing binary (the state of a machine that could not download it)', () => {
    expect(findElectronBinary({ electronDir, env: {}, platform: 'linux', read: noFile, exists: () => false })).toBeUndefined();
    expect(findElectronBinary({ electronDir, env: {}, platform: 'linux', read: () => 'electron', exists: () => false })).toBeUndefined();
  });

  it('falls back to the platform path when path.txt is missing or empty', () => {
    const seen: string[] = [];
    findElectronBinary({ electronDir, env: {}, platform: 'win32', read: noFile, exists: (p) => (seen.push(p), false) });
    findElectronBinary({ electronDir, env: {}, platform: 'darwin', read: () => '  ', exists: (p) => (seen.push(p), false) });
    expect(seen).toEqual([path.join(electronDir, 'dist', 'electron.exe'), path.join(electronDir, 'dist', 'Electron.app/Contents/MacOS/Electron')]);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const expected = path.join('/opt/electron', 'electron');
    const found = findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, platform: 'linux', read: noFile, exists: (p) => p === expected });
    expect(found).toBe(expected);
  });

  it('knows each platform executable', () => {
    expect(executableRelativePath('linux')).toBe('electron');
    expect(executableRelativePath('win32')).toBe('electron.exe');
    expect(executableRelativePath('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe('missingBinaryMessage', () => {
  it('says why and exactly how to run the same app in a browser', () => {
    const message = missingBinaryMessage({ downloadAttempted: true });
    expect(message).toContain("Electron's program (its binary) is not installed");
    expect(message).toContain('no internet');
    expect(message).toContain('npm run web');
    expect(message).toContain(webAppUrl);
    expect(webAppUrl).toBe('http://127.0.0.1:5173');
  });

  it('matches the port npm run web serves on', async () => {
    const { default: packageJson } = await import('../package.json');
    expect(packageJson.scripts.web).toContain('--port 5173');
    expect(packageJson.scripts.web).toContain('--host 127.0.0.1');
  });

  it('does not claim a download failed when none was tried', () => {
    expect(missingBinaryMessage({ downloadAttempted: false })).not.toContain('downloading it just now');
  });
});
