import { normalizeMimeType, storeBlob } from '../../db/blobs';
import { downscaleImage, jpegFileName } from '../documents/downscaleImage';
import type { FormPhoto } from './fieldReportForm';

/**
 * Takes in one chosen photo: downscaled on this computer to the configured size (uiStore.photoMaxDimension),
 * then its bytes stored at once (blobs.ts), before the report is saved, so a crash keeps it: the form's
 * draft names it by its SHA-256. Its document record is created when the report is saved.
 */
export async function takePhoto(file: File, maxDimension: number, quality: number): Promise<FormPhoto> {
  const scaled = await downscaleImage(file, maxDimension, quality);
  const mimeType = normalizeMimeType(scaled.blob.type || file.type);
  const bytes = new Uint8Array(await scaled.blob.arrayBuffer());
  const stored = await storeBlob(bytes, mimeType);
  return { sha256: stored.sha256, fileName: scaled.resized ? jpegFileName(file.name) : file.name || 'photo', mimeType, sizeBytes: stored.size, caption: '' };
}

/** Adds photos to a list, each file once (choosing the same picture twice does not show it twice). */
export function withPhotos(photos: readonly FormPhoto[], added: readonly FormPhoto[]): FormPhoto[] {
  const seen = new Set(photos.map((photo) => photo.sha256));
  const next = [...photos];
  for (const photo of added) {
    if (seen.has(photo.sha256)) continue;
    seen.add(photo.sha256);
    next.push(photo);
  }
  return next;
}
