import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FolderInUseError, lockFolder } from './folderLock';

describe('data folder lock', () => {
  it('refuses a second holder while the first lives, and is free again once released', () => {
    const folder = mkdtempSync(join(tmpdir(), 'step-lock-'));
    const release = lockFolder(folder);
    expect(readFileSync(join(folder, 'step-server.lock'), 'utf8')).toBe(String(process.pid));
    // Another live process holds it: pretend by writing our parent's pid, which is alive.
    release();
    writeFileSync(join(folder, 'step-server.lock'), String(process.ppid));
    expect(() => lockFolder(folder)).toThrow(FolderInUseError);
    expect(() => lockFolder(folder)).toThrow(/in use by process .*DATABASE_URL/s);
  });

  it('takes over a lock left by a process that died', () => {
    const folder = mkdtempSync(join(tmpdir(), 'step-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(folder, 'step-server.lock'), dead.stdout);
    const release = lockFolder(folder);
    expect(readFileSync(join(folder, 'step-server.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(folder, 'step-server.lock'))).toBe(false);
  });
});
