import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { WriteToDriveResponse } from '@shared/bridge/contract';
import { BridgeError } from '@shared/bridge/contract';
import { writeNewFileAtomic } from './atomicWrite';

/**
 * `bundle:writeToDrive` once main knows the drive's mount point: write the file atomically at the drive's
 * root under a free name (never over another file), read it back and compare SHA-256, and remove it when
 * the bytes differ, so a bad stick is found at the desk, not at the Secretariat a week later.
 *
 * What the read-back proves: the file system hands back exactly these bytes under this name (no truncated
 * write, no full disk discovered late, no corrupting driver). It goes through the OS, which may answer
 * from its cache the bytes it just wrote; Node has no portable way around that (O_DIRECT, F_NOCACHE), so
 * a stick that lies about its capacity can still pass here and is caught by the importer's hashes.
 *
 * Failures are BridgeErrors with a code the desk translates and a sentence without a path.
 */

export interface ReadBack {
  sha256: string;
  bytes: number;
}

export interface DriveWriteDeps {
  writeNewFile(folder: string, fileName: string, data: Uint8Array): Promise<string>;
  /** SHA-256 (hex) and size of the file as read back from the drive. */
  readBack(file: string): Promise<ReadBack>;
  removeFile(file: string): Promise<void>;
}

export const nodeDriveWriteDeps: DriveWriteDeps = {
  writeNewFile: writeNewFileAtomic,
  readBack: hashFile,
  removeFile: (file) => unlink(file),
};

export async function writeVerifiedToDrive(
  driveRoot: string,
  fileName: string,
  data: Uint8Array,
  deps: DriveWriteDeps = nodeDriveWriteDeps,
): Promise<WriteToDriveResponse> {
  fileInside(driveRoot, fileName);
  let written: string;
  try {
    written = await deps.writeNewFile(driveRoot, fileName, data);
  } catch (error) {
    throw driveFailure(error);
  }
  const target = fileInside(driveRoot, written);
  const expected = sha256Hex(data);
  let actual: ReadBack | undefined;
  try {
    actual = await deps.readBack(target);
  } catch (error) {
    // The file stays only if it could be read back whole; a drive that is gone cannot be cleaned.
    await deps.removeFile(target).catch(() => undefined);
    const failure = driveFailure(error);
    if (failure.code === 'drive-gone') throw failure;
    throw new BridgeError('verify-failed', 'The file could not be read back from the drive: the stick may be failing. The file was removed.');
  }
  if (actual.sha256 !== expected || actual.bytes !== data.byteLength) {
    await deps.removeFile(target).catch(() => undefined);
    throw new BridgeError('verify-failed', 'The drive returned different bytes: the stick may be failing. The file was removed.');
  }
  return { fileName: written, bytes: data.byteLength, verified: true };
}

/**
 * The path of `fileName` at the drive's root, or a refusal. Names were validated by the contract already;
 * this is the last guard before the file system: one name, resolved, must sit directly in the root.
 */
export function fileInside(driveRoot: string, fileName: string, paths: path.PlatformPath = path): string {
  const root = paths.resolve(driveRoot);
  const target = paths.resolve(root, fileName);
  const plain = fileName !== '' && fileName !== '.' && fileName !== '..' && !/[\\/]/.test(fileName) && !paths.isAbsolute(fileName);
  if (!plain || paths.dirname(target) !== root || paths.basename(target) !== fileName) {
    throw new BridgeError('invalid-request', 'The file name must be a plain name at the root of the drive.');
  }
  return target;
}

/** A Node error as a failure the person can act on; anything unexpected stays a plain 'failed'. */
export function driveFailure(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new BridgeError('no-space', 'The drive is full.');
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new BridgeError('not-writable', 'The drive is write-protected or read-only.');
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOTDIR':
      return new BridgeError('drive-gone', 'The drive is no longer connected.');
    case 'EIO':
      return new BridgeError('failed', 'The drive reported a read or write error: it may be failing or was pulled out.');
    default:
      return new BridgeError('failed', 'The file could not be written to the drive.');
  }
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams the file through SHA-256: a 500 MB bundle is not read into memory a second time. */
export async function hashFile(file: string): Promise<ReadBack> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}
