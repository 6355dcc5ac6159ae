import { isApiFailure } from '@shared/api/client';
import type { Document } from '@shared/domain';
import { readBlob, storeFetchedBlob } from '../../db/blobs';
import { downloadAttachment } from '../sync/syncController';

/** Types an <img> shows in Chromium (an image in <img> runs no script, SVG included). */
const displayableImages = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/avif', 'image/svg+xml']);

export function isDisplayableImage(mimeType: string): boolean {
  return displayableImages.has(mimeType);
}

/**
 * Thumbnails of images that came by sync are fetched as soon as they are shown, up to this size (a
 * downscaled photo is well under it); a larger file is fetched when the person asks for it, so that
 * opening a record on a slow link does not pull 25 MB scans nobody looked at.
 */
export const autoFetchBytes = 5 * 1024 * 1024;

export type FileBytes =
  | { phase: 'ready'; bytes: Uint8Array }
  /** Not on this computer, and no way to fetch it now (offline or not enrolled). */
  | { phase: 'unavailable' }
  /** The server was asked and answered with a refusal (`code`: an ApiFailure code, 'local' otherwise). */
  | { phase: 'failed'; code: string; message: string };

/**
 * A document's bytes: from this computer, or else fetched from the server (kept here after checking their
 * SHA-256, so each file is fetched once).
 */
export async function documentBytes(document: Pick<Document, 'sha256' | 'mimeType' | 'sizeBytes'>): Promise<FileBytes> {
  const held = await readBlob(document.sha256);
  if (held) return { phase: 'ready', bytes: held.bytes };
  try {
    const fetched = await downloadAttachment(document.sha256, document.sizeBytes);
    if (!fetched) return { phase: 'unavailable' };
    await storeFetchedBlob(document.sha256, fetched, document.mimeType);
    return { phase: 'ready', bytes: fetched };
  } catch (error) {
    return { phase: 'failed', code: isApiFailure(error) ? error.code : 'local', message: error instanceof Error ? error.message : String(error) };
  }
}
