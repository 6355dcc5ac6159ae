import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { maxFileNameLength, utf8ByteLength } from '@shared/bridge/contract';

/**
 * Writes `data` to `targetPath` so that the file is either the old one or the complete new one, never
 * a half-written mix: a crash, a full disk or a pulled USB stick in the middle leaves the old file (or
 * no file) plus at most a stray temp file, never a truncated export someone later mails around.
 *
 * How: write a temp file in the same folder (a rename is only atomic within one file system), fsync it
 * (so the bytes are on disk before the name points at them), rename it over the target, then fsync the
 * folder where the platform allows it (so the rename itself survives a power cut).
 */
export async function writeFileAtomic(targetPath: string, data: Uint8Array): Promise<void> {
  const folder = path.dirname(targetPath);
  const tempPath = await writeTempFile(folder, path.basename(targetPath), data);
  try {
    await rename(tempPath, targetPath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** How many numbered names writeNewFileAtomic tries before it gives up ("a (2).x" ... "a (999).x"). */
const maxNumberedNames = 999;

/**
 * Like writeFileAtomic, but never replaces a file: when `fileName` is taken in `folder`, "name (2).ext",
 * "name (3).ext", ... is used instead. Returns the name the file got.
 *
 * The free name is claimed with an exclusive create (an empty placeholder) only once the temp file is
 * complete and on disk, then the temp file is renamed over that placeholder: two writers cannot take the
 * same name, and a crash leaves at worst an empty file, which no reader mistakes for a whole one.
 * (A hard link would claim the name with no placeholder, but FAT and exFAT, what USB sticks carry, have none.)
 */
export async function writeNewFileAtomic(folder: string, fileName: string, data: Uint8Array): Promise<string> {
  assertPlainName(fileName);
  const tempPath = await writeTempFile(folder, fileName, data);
  let claimed: string | undefined;
  try {
    claimed = await claimFreeName(folder, fileName);
    await rename(tempPath, path.join(folder, claimed));
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    if (claimed !== undefined) await unlink(path.join(folder, claimed)).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
  return claimed;
}

/** "name.ext" for 1, "name (n).ext" after, shortened (never inside a character) to fit 255 characters and bytes. */
export function numberedFileName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot) : '';
  const suffix = ` (${n})${extension}`;
  let base = dot > 0 ? fileName.slice(0, dot) : fileName;
  while (base.length > 0 && (utf8ByteLength(base + suffix) > maxFileNameLength || base.length + suffix.length > maxFileNameLength)) {
    base = [...base].slice(0, -1).join('');
  }
  return `${base}${suffix}`;
}

async function claimFreeName(folder: string, fileName: string): Promise<string> {
  for (let n = 1; n <= maxNumberedNames; n++) {
    const candidate = numberedFileName(fileName, n);
    try {
      // 'wx' fails on any existing entry (a file, a folder, a dangling symlink) and never follows a link.
      await (await open(path.join(folder, candidate), 'wx')).close();
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${maxNumberedNames} files with that name are already there`);
}

/** The temp file, complete and fsynced, next to where the file will go. Returns its path. */
async function writeTempFile(folder: string, fileName: string, data: Uint8Array): Promise<string> {
  // The name's start only: a 255-byte name plus the suffix would be too long for the file system.
  const tempPath = path.join(folder, `.${[...fileName].slice(0, 50).join('')}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': fail rather than follow a symlink or reuse a file someone planted under the temp name.
  const file = await open(tempPath, 'wx');
  try {
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  return tempPath;
}

/** A name in the folder, never a path out of it (callers validate names; this is the backstop). */
function assertPlainName(fileName: string): void {
  if (fileName === '' || fileName === '.' || fileName === '..' || /[\\/]/.test(fileName) || path.basename(fileName) !== fileName) {
    throw new Error('not a plain file name');
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync and does not need it (NTFS journals the rename); some file
  // systems refuse it too. The file is already complete, so this is best effort.
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}
