import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

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
  const tempPath = path.join(folder, `.${path.basename(targetPath)}.${randomBytes(6).toString('hex')}.tmp`);

  // 'wx': fail rather than follow a symlink or reuse a file someone planted under the temp name.
  const file = await open(tempPath, 'wx');
  try {
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, targetPath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
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
