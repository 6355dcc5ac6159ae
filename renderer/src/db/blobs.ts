import { maxAttachmentBytes } from '@shared/api/contract';
import { sha256Hex } from '@shared/security/webCrypto';
import type { StepDatabase, StoredBlob } from './database';
import { draftHoldsBlob } from './formDrafts';
import { getStore } from './store';

/**
 * File bytes on this computer, by their SHA-256 (lowercase hex): the address is the content, so a file
 * attached to ten records, or attached twice, is stored once. The `document` records that name a blob
 * sync as changes; the bytes travel apart: a blob made here is queued in `blobUploads`, and network sync
 * uploads it after a successful push (`uploadPendingBlobs`), deleting the row only once the server says
 * it holds the bytes. A blob named by a record from elsewhere is fetched when it is needed
 * (`storeFetchedBlob`); one a sync bundle brings is kept and, unless it came from the server, queued for
 * upload like a blob made here (bundleStore.ts): a coordinator relays the officers' photos.
 */

/**
 * The largest file the desk takes in: the server's own limit on an attachment upload (shared api
 * contract, `putAttachment`). One constant for both sides, so the desk refuses a file at the moment it is
 * attached, with a message, rather than storing something that could never reach the Secretariat.
 */
export { maxAttachmentBytes };

/** A file over `maxAttachmentBytes`: nothing was stored. */
export class AttachmentTooLargeError extends Error {
  override readonly name = 'AttachmentTooLargeError';

  constructor(
    readonly size: number,
    readonly limit: number = maxAttachmentBytes,
    readonly fileName?: string,
  ) {
    super(`${fileName ?? 'the file'} is ${size} bytes, more than the ${limit} bytes an attachment may have`);
  }
}

/** Bytes that are not what their address says (a broken download): nothing was stored. */
export class BlobHashMismatchError extends Error {
  override readonly name = 'BlobHashMismatchError';

  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the bytes have SHA-256 ${actual}, not ${expected}`);
  }
}

export interface StoredBlobInfo {
  sha256: string;
  size: number;
  /** False when this computer already held these bytes (nothing was written). */
  isNew: boolean;
}

/**
 * IndexedDB stores a typed array with its whole underlying buffer (structured clone): a view on a larger
 * buffer (a slice of a file read, a decoded part) is copied to exactly its bytes first.
 */
function exactBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

/** A media type the document schema accepts (`type/subtype`, lowercase, no parameters); otherwise bytes. */
export function normalizeMimeType(mimeType: string | undefined): string {
  const essence = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(essence) ? essence : 'application/octet-stream';
}

export function checkAttachmentSize(size: number, fileName?: string): void {
  if (size > maxAttachmentBytes) throw new AttachmentTooLargeError(size, maxAttachmentBytes, fileName);
}

/**
 * Stores a file's bytes once under their SHA-256 and, when they are new here, queues their upload (in the
 * same transaction). Throws AttachmentTooLargeError (nothing stored) past `maxAttachmentBytes`.
 */
export async function storeBlob(bytes: Uint8Array, mimeType: string, db: StepDatabase = getStore().db): Promise<StoredBlobInfo> {
  checkAttachmentSize(bytes.byteLength);
  // Hashed before the transaction: awaiting WebCrypto inside one would let IndexedDB commit it early.
  const sha256 = await sha256Hex(bytes);
  return put(db, { sha256, bytes: exactBytes(bytes), mimeType: normalizeMimeType(mimeType), size: bytes.byteLength, storedAt: new Date().toISOString() }, true);
}

/**
 * Keeps bytes fetched for a record from elsewhere (the server, a bundle) after checking they are what
 * `sha256` names (BlobHashMismatchError otherwise: nothing stored). Not queued for upload by default: bytes
 * fetched from the server are held there. With `queueUpload`, new bytes are queued like a file attached
 * here (in the same transaction): files a bundle brought from another desk, which this desk relays to the
 * server (the server keeps a file it already has once).
 */
export async function storeFetchedBlob(
  sha256: string,
  bytes: Uint8Array,
  mimeType: string,
  db: StepDatabase = getStore().db,
  options: { queueUpload?: boolean } = {},
): Promise<StoredBlobInfo> {
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new BlobHashMismatchError(sha256, actual);
  return put(db, { sha256, bytes: exactBytes(bytes), mimeType: normalizeMimeType(mimeType), size: bytes.byteLength, storedAt: new Date().toISOString() }, options.queueUpload ?? false);
}

async function put(db: StepDatabase, blob: StoredBlob, queueUpload: boolean): Promise<StoredBlobInfo> {
  return db.transaction('rw', db.blobs, db.blobUploads, async () => {
    const held = await db.blobs.where('sha256').equals(blob.sha256).count();
    if (held > 0) return { sha256: blob.sha256, size: blob.size, isNew: false };
    await db.blobs.put(blob);
    if (queueUpload) await db.blobUploads.put({ sha256: blob.sha256, queuedAt: blob.storedAt });
    return { sha256: blob.sha256, size: blob.size, isNew: true };
  });
}

export function readBlob(sha256: string, db: StepDatabase = getStore().db): Promise<StoredBlob | undefined> {
  return db.blobs.get(sha256);
}

export async function hasBlob(sha256: string, db: StepDatabase = getStore().db): Promise<boolean> {
  return (await db.blobs.where('sha256').equals(sha256).count()) > 0;
}

/** How many files wait to be uploaded to the server. */
export function pendingUploadCount(db: StepDatabase = getStore().db): Promise<number> {
  return db.blobUploads.count();
}

/**
 * The rule for deleting bytes: a blob stays while any document on this computer names it, while an
 * unsaved form draft holds it (a photo taken for a report not saved yet: the draft is all that names it),
 * and while the server does not hold it yet (its upload is still queued): a deleted document can come
 * back (a conflict resolved with "restore", a sync that brings it again) and then needs its file. Once
 * nothing names it and the server holds it, the bytes are removed from this computer (fetched again if
 * ever needed). Returns whether they were removed.
 */
export async function forgetBlobIfUnused(sha256: string, db: StepDatabase = getStore().db): Promise<boolean> {
  // One transaction over every table that can name the blob: a draft saved meanwhile is seen, or waits.
  return db.transaction('rw', [db.blobs, db.blobUploads, db.documents, db.formDrafts], async () => {
    const named = await db.documents.where('sha256').equals(sha256).count();
    const queued = await db.blobUploads.where('sha256').equals(sha256).count();
    if (named > 0 || queued > 0) return false;
    if (await draftHoldsBlob(sha256, db)) return false;
    const held = await db.blobs.where('sha256').equals(sha256).count();
    if (held === 0) return false;
    await db.blobs.delete(sha256);
    return true;
  });
}

export interface UploadReport {
  uploaded: number;
  /** Files the server refused for a reason of its own (kept here, with their row: tried again next round). */
  failed: { sha256: string; error: unknown }[];
}

/**
 * Uploads every queued blob with `send` (the `putAttachment` operation), one at a time, deleting each
 * row once the server has the bytes. A failure never deletes anything: the row stays and the next round
 * tries again; an upload never deletes the bytes here. `isFatal(error)` says which failures stop the whole run (no network, stopped): those are
 * thrown after the files already sent are accounted for; others are reported per file.
 */
export async function uploadPendingBlobs(
  send: (sha256: string, bytes: Uint8Array) => Promise<void>,
  options: { isFatal?: (error: unknown) => boolean; db?: StepDatabase } = {},
): Promise<UploadReport> {
  const db = options.db ?? getStore().db;
  const report: UploadReport = { uploaded: 0, failed: [] };
  const queued = await db.blobUploads.orderBy('sha256').primaryKeys();
  for (const sha256 of queued) {
    const blob = await db.blobs.get(sha256);
    if (!blob) {
      // Nothing to send (the bytes are gone by other means): the row has no purpose left.
      await db.blobUploads.delete(sha256);
      continue;
    }
    try {
      await send(sha256, blob.bytes);
    } catch (error) {
      if (options.isFatal?.(error)) throw error;
      report.failed.push({ sha256, error });
      continue;
    }
    await db.blobUploads.delete(sha256);
    report.uploaded += 1;
    // Never deletes the bytes: a bundle stores them before its chunks bring the document that names them,
    // and an upload in between must not leave them on the server only. Bytes go when a document is removed.
  }
  return report;
}
