import type { Document, FieldIssue, RecordRef } from '@shared/domain';
import { liveQuery } from 'dexie';
import { checkAttachmentSize, forgetBlobIfUnused, normalizeMimeType, storeBlob } from './blobs';
import type { StepDatabase } from './database';
import type { Draft } from './repository';
import { getStore, type Store } from './store';

/**
 * Documents: `document` records (synced like any other record) naming a file's bytes by SHA-256
 * (blobs.ts). A document is attached to one record (`attachedTo`); its scope is that record's.
 */

type DocumentStore = Pick<Store, 'db' | 'repository'>;

export interface FileInput {
  name: string;
  /** The media type the browser gave (File.type): may be empty, then the file is plain bytes. */
  type: string;
  bytes: Uint8Array;
}

export interface DocumentMeta {
  title?: string;
  caption?: string;
}

export type AttachOutcome =
  /** `existing`: this record already had this very file; that document is returned, nothing new stored. */
  { ok: true; document: Document; existing: boolean } | { ok: false; issues: FieldIssue[] };

const maxFileNameLength = 255;

/** A name the schema accepts: trimmed, at most 255 characters (the extension kept), never empty. */
export function documentFileName(name: string): string {
  const trimmed = name.trim() || 'file';
  if (trimmed.length <= maxFileNameLength) return trimmed;
  const extension = /\.[^.\s]{1,16}$/.exec(trimmed)?.[0] ?? '';
  return trimmed.slice(0, maxFileNameLength - extension.length) + extension;
}

/** Empty text is no value (the schema's optional texts refuse ""). */
function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The documents attached to a record, oldest first. */
export async function documentsOf(target: RecordRef, store: DocumentStore = getStore()): Promise<Document[]> {
  const documents = await store.db.documents.where('[attachedTo.entity+attachedTo.recordId]').equals([target.entity, target.recordId]).toArray();
  return documents.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/** One document by its id; undefined when it is not on this computer (or was removed). */
export function documentById(documentId: string, store: DocumentStore = getStore()): Promise<Document | undefined> {
  return store.db.documents.get(documentId);
}

/**
 * Calls `onHeld` once a file's bytes are on this computer: at once when they already are, else when they
 * arrive (a fetch by another screen, a sync bundle, a photo taken here), through Dexie's live queries on the
 * `blobs` table. Returns the function that stops watching.
 */
export function whenBlobHeld(sha256: string, onHeld: () => void, db: StepDatabase = getStore().db): () => void {
  let done = false;
  const subscription = liveQuery(() => db.blobs.where('sha256').equals(sha256).count()).subscribe({
    next: (count) => {
      if (count === 0 || done) return;
      done = true;
      onHeld();
    },
    // A failed read watches no more; the screen still offers what it offered (its text, a retry when online).
    error: () => undefined,
  });
  return () => {
    done = true;
    subscription.unsubscribe();
  };
}

/** The documents naming these bytes (on any record). */
export function documentsNaming(sha256: string, store: DocumentStore = getStore()): Promise<Document[]> {
  return store.db.documents.where('sha256').equals(sha256).toArray();
}

/**
 * Attaches a file to a record: its bytes are stored once (blobs.ts), then a `document` record is created
 * through the write path. The same file attached again to the same record is neither stored nor listed
 * twice: the document it already has is returned (`existing`). A file over `maxAttachmentBytes` throws
 * AttachmentTooLargeError before anything is stored.
 */
export async function attachFile(target: RecordRef, file: FileInput, meta: DocumentMeta = {}, store: DocumentStore = getStore()): Promise<AttachOutcome> {
  checkAttachmentSize(file.bytes.byteLength, file.name);
  const blob = await storeBlob(file.bytes, file.type, store.db);
  const outcome = await createDocument(target, { sha256: blob.sha256, size: blob.size, fileName: file.name, mimeType: file.type }, meta, store);
  // A record that could not be written leaves no bytes of its own behind (bytes other documents share stay).
  if (!outcome.ok && blob.isNew) {
    await store.db.transaction('rw', store.db.blobs, store.db.blobUploads, store.db.documents, async () => {
      if ((await store.db.documents.where('sha256').equals(blob.sha256).count()) > 0) return;
      await store.db.blobUploads.delete(blob.sha256);
      await store.db.blobs.delete(blob.sha256);
    });
  }
  return outcome;
}

/**
 * The document record for bytes already stored (storeBlob): for a form that stores a photo first and
 * attaches it when its record is saved. Same rule as attachFile: one document per file per record.
 */
export async function createDocument(
  target: RecordRef,
  blob: { sha256: string; size: number; fileName: string; mimeType: string },
  meta: DocumentMeta = {},
  store: DocumentStore = getStore(),
): Promise<AttachOutcome> {
  const existing = (await documentsOf(target, store)).find((document) => document.sha256 === blob.sha256);
  if (existing) return { ok: true, document: existing, existing: true };
  const draft: Draft<'document'> = {
    sha256: blob.sha256,
    fileName: documentFileName(blob.fileName),
    mimeType: normalizeMimeType(blob.mimeType),
    sizeBytes: blob.size,
    title: text(meta.title),
    caption: text(meta.caption),
    attachedTo: { entity: target.entity, recordId: target.recordId },
  };
  const outcome = await store.repository.create('document', draft);
  return outcome.ok ? { ok: true, document: outcome.record, existing: false } : outcome;
}

/** The writable fields of a stored document, as a draft for `replace`. */
function draftOf(document: Document): Draft<'document'> {
  const { entity: _entity, id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = document;
  return fields;
}

/** Sets (or, with empty text, clears) a document's caption. */
export async function updateCaption(
  documentId: string,
  caption: string | undefined,
  store: DocumentStore = getStore(),
): Promise<{ ok: true; document: Document } | { ok: false; issues: FieldIssue[] }> {
  const document = await store.db.documents.get(documentId);
  if (!document) return { ok: false, issues: [{ path: '', message: 'v.notFound' }] };
  return store.repository.replace('document', documentId, { ...draftOf(document), caption: text(caption) }, document.updatedAt).then((outcome) =>
    outcome.ok ? { ok: true as const, document: outcome.record } : outcome,
  );
}

/**
 * Removes a document (a tombstone that syncs). Its bytes follow the blob rule (blobs.ts,
 * forgetBlobIfUnused): they stay while another document names them or while the server does not hold
 * them yet. A photo a field report still shows is not removed (the report lists it: remove it there).
 */
export async function removeDocument(documentId: string, store: DocumentStore = getStore()): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const document = await store.db.documents.get(documentId);
  if (!document) return { ok: false, issues: [{ path: '', message: 'v.notFound' }] };
  if (document.attachedTo.entity === 'fieldReport') {
    const report = await store.db.fieldReports.get(document.attachedTo.recordId);
    if (report?.photos.some((photo) => photo.documentId === documentId)) return { ok: false, issues: [{ path: '', message: 'v.photoInReport' }] };
  }
  const outcome = await store.repository.remove('document', documentId);
  if (outcome.ok) await forgetBlobIfUnused(document.sha256, store.db);
  return outcome;
}
