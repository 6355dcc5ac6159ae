import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeError } from '@shared/bridge/contract';
import type { DriveWriteDeps } from './driveWrite';
import { driveFailure, fileInside, hashFile, nodeDriveWriteDeps, writeVerifiedToDrive } from './driveWrite';

let parent: string;
let drive: string;
beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'step-drive-'));
  drive = path.join(parent, 'KINGSTON');
  await mkdir(drive);
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const bundle = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);

async function failure(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

describe('writeVerifiedToDrive', () => {
  it('writes the bundle at the root of the drive, reads it back and says so', async () => {
    const readBack = vi.fn(hashFile);
    expect(await writeVerifiedToDrive(drive, 'TH.stepbundle', bundle, { ...nodeDriveWriteDeps, readBack })).toEqual({
      fileName: 'TH.stepbundle',
      bytes: bundle.byteLength,
      verified: true,
    });
    expect(readBack).toHaveBeenCalledWith(path.join(drive, 'TH.stepbundle'));
    expect(Buffer.compare(await readFile(path.join(drive, 'TH.stepbundle')), Buffer.from(bundle))).toBe(0);
    expect(await readdir(drive)).toEqual(['TH.stepbundle']);
  });

  it('keeps an earlier bundle of the same name and numbers the new one', async () => {
    await writeFile(path.join(drive, 'TH.stepbundle'), 'yesterday');
    const result = await writeVerifiedToDrive(drive, 'TH.stepbundle', bundle);
    expect(result.fileName).toBe('TH (2).stepbundle');
    expect(await readFile(path.join(drive, 'TH.stepbundle'), 'utf8')).toBe('yesterday');
  });

  it('removes the file and says the stick may be failing when the bytes read back differ', async () => {
    const corrupt: DriveWriteDeps = {
      ...nodeDriveWriteDeps,
      // What a failing stick does: the right size, one bit flipped somewhere.
      readBack: async (file) => {
        const bytes = await readFile(file);
        bytes[12_345] = bytes[12_345]! ^ 1;
        return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
      },
    };
    const error = await failure(writeVerifiedToDrive(drive, 'TH.stepbundle', bundle, corrupt));
    expect(error.code).toBe('verify-failed');
    expect(error.detail).toBe('The drive returned different bytes: the stick may be failing. The file was removed.');
    expect(await readdir(drive)).toEqual([]);
  });

  it('also fails when the read-back is short, or cannot be done at all', async () => {
    const truncated: DriveWriteDeps = { ...nodeDriveWriteDeps, readBack: async (file) => ({ ...(await hashFile(file)), bytes: bundle.byteLength - 1 }) };
    expect((await failure(writeVerifiedToDrive(drive, 'a.stepbundle', bundle, truncated))).code).toBe('verify-failed');
    const unreadable: DriveWriteDeps = { ...nodeDriveWriteDeps, readBack: async () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) };
    expect((await failure(writeVerifiedToDrive(drive, 'b.stepbundle', bundle, unreadable))).code).toBe('verify-failed');
    expect(await readdir(drive)).toEqual([]);
  });

  it('says the drive is gone when it was pulled out before the write', async () => {
    await rm(drive, { recursive: true });
    const error = await failure(writeVerifiedToDrive(drive, 'TH.stepbundle', bundle));
    expect(error.code).toBe('drive-gone');
    expect(error.message).not.toContain(parent);
  });

  it('refuses a name that would leave the drive, before touching the disk', async () => {
    const writeNewFile = vi.fn(nodeDriveWriteDeps.writeNewFile);
    for (const name of ['../escape.stepbundle', '../../etc/cron.d/x.stepbundle', 'sub/a.stepbundle', '..', '.', '', path.join(parent, 'abs.stepbundle'), 'a\\..\\..\\b.stepbundle']) {
      const error = await failure(writeVerifiedToDrive(drive, name, bundle, { ...nodeDriveWriteDeps, writeNewFile }));
      expect(error.code).toBe('invalid-request');
    }
    expect(writeNewFile).not.toHaveBeenCalled();
    expect((await readdir(parent)).sort()).toEqual(['KINGSTON']);
    expect(await readdir(drive)).toEqual([]);
  });

  it('refuses a writer that reports a name outside the drive', async () => {
    const sneaky: DriveWriteDeps = { ...nodeDriveWriteDeps, writeNewFile: async () => '../elsewhere.stepbundle' };
    expect((await failure(writeVerifiedToDrive(drive, 'a.stepbundle', bundle, sneaky))).code).toBe('invalid-request');
  });
});

describe('fileInside', () => {
  it('resolves a plain name directly under the root, on POSIX and Windows alike', () => {
    expect(fileInside('/media/ana/KINGSTON', 'a.stepbundle', path.posix)).toBe('/media/ana/KINGSTON/a.stepbundle');
    expect(fileInside('E:\\', 'a.stepbundle', path.win32)).toBe('E:\\a.stepbundle');
    expect(() => fileInside('E:\\', '..\\a.stepbundle', path.win32)).toThrow(BridgeError);
    expect(() => fileInside('E:\\', 'C:\\Windows\\a.stepbundle', path.win32)).toThrow(BridgeError);
    expect(() => fileInside('E:\\', 'C:a.stepbundle', path.win32)).toThrow(BridgeError);
    expect(() => fileInside('/media/ana/KINGSTON', '/etc/passwd', path.posix)).toThrow(BridgeError);
  });
});

describe('driveFailure', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: open '/media/ana/KINGSTON/a'`), { code });

  it.each([
    ['ENOSPC', 'no-space'],
    ['EROFS', 'not-writable'],
    ['EACCES', 'not-writable'],
    ['EPERM', 'not-writable'],
    ['ENOENT', 'drive-gone'],
    ['ENODEV', 'drive-gone'],
    ['EIO', 'failed'],
    ['EMFILE', 'failed'],
  ])('turns %s into %s, without the path', (code, expected) => {
    const error = driveFailure(errno(code));
    expect(error.code).toBe(expected);
    expect(error.message).not.toContain('/media');
  });

  it('keeps a BridgeError as it is', () => {
    const original = new BridgeError('verify-failed', 'x');
    expect(driveFailure(original)).toBe(original);
    expect(driveFailure('weird').code).toBe('failed');
  });
});
