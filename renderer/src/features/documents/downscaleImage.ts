/**
 * Photos are downscaled on the device before they are stored: a phone's 12-megapixel picture is 4-8 MB,
 * a field report carries several, and every byte goes over a slow link or onto a USB stick. The longest
 * side is brought down to the desk's setting (uiStore.photoMaxDimension) and re-encoded as JPEG.
 */

/** The size that fits within `max` × `max`, keeping the aspect ratio; never enlarged; at least 1 px. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const longest = Math.max(width, height);
  if (!(max > 0) || longest <= max) return { width, height };
  const scale = max / longest;
  return {
    width: width >= height ? Math.round(max) : Math.max(1, Math.round(width * scale)),
    height: height > width ? Math.round(max) : Math.max(1, Math.round(height * scale)),
  };
}

/** Image types the browser decodes and that are worth re-encoding (not SVG: it is text and scales itself; not GIF: it may move). */
const scalableTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/avif', 'image/heic', 'image/heif', 'image/tiff']);

export function isScalableImage(mimeType: string): boolean {
  return scalableTypes.has(mimeType.split(';')[0]!.trim().toLowerCase());
}

export interface DownscaledImage {
  blob: Blob;
  /** The pixel size of the result (0 × 0 when the file is not an image the browser can read). */
  width: number;
  height: number;
  /** False when the file was kept as it was (small enough, not an image, or not decodable here). */
  resized: boolean;
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    // JPEG has no transparency: a transparent PNG becomes white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))), 'image/jpeg', quality));
}

/**
 * Brings an image's longest side down to `maxDimension` px as a JPEG of `quality` (0-1). An image that
 * already fits, a file that is not an image, or one this browser cannot decode is returned unchanged.
 * The picture's orientation (EXIF) is applied by createImageBitmap, so a portrait photo stays upright.
 */
export async function downscaleImage(blob: Blob, maxDimension: number, quality = 0.85): Promise<DownscaledImage> {
  if (!isScalableImage(blob.type)) return { blob, width: 0, height: 0, resized: false };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return { blob, width: 0, height: 0, resized: false };
  }
  try {
    const target = fitWithin(bitmap.width, bitmap.height, maxDimension);
    if (target.width === bitmap.width && target.height === bitmap.height) return { blob, width: bitmap.width, height: bitmap.height, resized: false };
    // Always the setting's size, even in the rare case where the JPEG is larger than the original (a flat
    // drawing saved as PNG): what the setting promises is the pixel size, which keeps the result predictable.
    const scaled = await encodeJpeg(bitmap, target.width, target.height, quality);
    return { blob: scaled, width: target.width, height: target.height, resized: true };
  } finally {
    bitmap.close();
  }
}

/** The file name for a downscaled photo: its extension becomes .jpg (`IMG_1234.HEIC` → `IMG_1234.jpg`). */
export function jpegFileName(name: string): string {
  const base = name.replace(/\.[^./\\]{1,8}$/, '');
  return `${base || 'photo'}.jpg`;
}
