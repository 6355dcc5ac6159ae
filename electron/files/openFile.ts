import type { OpenDialogOptions } from 'electron';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { BridgeError, fileKindName } from '@shared/bridge/contract';

/**
 * `files:open` in the desktop app: the open dialog offers the requested extensions, then the chosen file
 * is read whole, at most `maxBytes` (a bigger file is refused before a byte of it is read, and a file
 * that grows while it is read is refused too). The renderer gets the name and the bytes, never the path.
 */

export function openDialogOptions(accept: readonly string[]): OpenDialogOptions {
  const extensions = [...new Set(accept.map((extension) => extension.slice(1).toLowerCase()))];
  const name = extensions.length === 1 ? fileKindName(extensions[0]!) : 'Accepted files';
  return { filters: [{ name, extensions }], properties: ['openFile', 'dontAddToRecent'] };
}

export async function readChosenFile(file: string, maxBytes: number): Promise<{ fileName: string; data: Uint8Array<ArrayBuffer> }> {
  // Checked before opening: opening a named pipe would wait for a writer forever.
  if (!(await stat(file)).isFile()) throw new BridgeError('failed', 'That is not a file.');
  const handle = await open(file, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new BridgeError('failed', 'That is not a file.');
    if (stats.size > maxBytes) throw new BridgeError('too-large', `The file is larger than ${maxBytes} bytes.`);
    // One byte more than allowed: reading it means the file grew since stat.
    const data = new Uint8Array(stats.size + 1);
    let filled = 0;
    while (filled < data.length) {
      const { bytesRead } = await handle.read(data, filled, data.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw new BridgeError('too-large', `The file is larger than ${maxBytes} bytes.`);
    return { fileName: path.basename(file), data: data.subarray(0, filled) };
  } finally {
    await handle.close();
  }
}
