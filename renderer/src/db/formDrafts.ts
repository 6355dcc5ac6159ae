import type { FormDraft, StepDatabase } from './database';
import { getStore } from './store';

/**
 * What someone is typing in a form, kept on this computer as they type (table `formDrafts`, never synced),
 * so a crash, a closed lid or a reload loses nothing. A draft is keyed by the form and the record
 * (`fieldReport:new`, `fieldReport:<id>`); saving the record deletes it.
 */
export interface FormDraftStore {
  load(key: string): Promise<FormDraft | undefined>;
  save(key: string, values: unknown): Promise<FormDraft>;
  discard(key: string): Promise<void>;
}

export function formDraftStore(db: StepDatabase = getStore().db, now: () => number = Date.now): FormDraftStore {
  return {
    load: (key) => db.formDrafts.get(key),
    async save(key, values) {
      const draft: FormDraft = { key, values, updatedAt: new Date(now()).toISOString() };
      await db.formDrafts.put(draft);
      return draft;
    },
    async discard(key) {
      await db.formDrafts.delete(key);
    },
  };
}

/**
 * Moves a form's draft to another key with these values, in one transaction (both or neither): a new
 * record's draft (`fieldReport:new`) becomes its record's (`fieldReport:<id>`) the moment the record is
 * created, so a crash before the rest of the save leaves the edit of that record to finish, not a new one.
 */
export async function moveDraft(from: string, to: string, values: unknown, db: StepDatabase = getStore().db, now: () => number = Date.now): Promise<FormDraft> {
  const draft: FormDraft = { key: to, values, updatedAt: new Date(now()).toISOString() };
  await db.transaction('rw', db.formDrafts, async () => {
    await db.formDrafts.delete(from);
    await db.formDrafts.put(draft);
  });
  return draft;
}

/** setTimeout and clearTimeout, injectable so tests drive the debounce without waiting. */
export interface DraftTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: DraftTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface DraftWriterOptions {
  store: FormDraftStore;
  key: string;
  /** Quiet time after the last change before it is written (a burst of keystrokes is one write). */
  delayMs?: number;
  timer?: DraftTimer;
  /** Told after each write that reached the store (the form says "Draft saved 10:32"). */
  onSaved?: (draft: FormDraft) => void;
  /** Told when a write or a delete failed (disk full): the values are still in the form. */
  onError?: (error: unknown) => void;
}

/**
 * Writes one form's draft: `schedule` after every change (debounced), `flush` when it must be on disk now
 * (the field loses focus, the window is hidden or closing), `discard` to delete it (the person threw it
 * away, or the record was saved). Writes and deletes run one after the other in the order asked, so a
 * write still in flight never brings back a draft just deleted; after `close`, nothing more is written.
 */
export function createDraftWriter({ store, key, delayMs = 400, timer = realTimer, onSaved, onError }: DraftWriterOptions) {
  let pending: { values: unknown } | undefined;
  let handle: unknown;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const enqueue = (work: () => Promise<unknown>): Promise<void> => {
    const run = queue.then(work).then(
      () => undefined,
      (error: unknown) => onError?.(error),
    );
    queue = run;
    return run;
  };

  const cancelTimer = () => {
    if (handle !== undefined) timer.clear(handle);
    handle = undefined;
  };

  function flush(): Promise<void> {
    cancelTimer();
    const next = pending;
    pending = undefined;
    if (!next || closed) return queue.then(() => undefined);
    return enqueue(async () => {
      const draft = await store.save(key, next.values);
      onSaved?.(draft);
    });
  }

  return {
    schedule(values: unknown): void {
      if (closed) return;
      pending = { values };
      cancelTimer();
      handle = timer.set(() => {
        handle = undefined;
        void flush();
      }, delayMs);
    },
    flush,
    /** Drops any pending write and deletes the stored draft. */
    discard(): Promise<void> {
      cancelTimer();
      pending = undefined;
      return enqueue(() => store.discard(key));
    },
    /** Whether a change is waiting for its write. */
    get dirty(): boolean {
      return pending !== undefined;
    },
    /** Stops writing (the record was saved, or the form is gone after a last flush). */
    close(): void {
      cancelTimer();
      pending = undefined;
      closed = true;
    },
  };
}

export type DraftWriter = ReturnType<typeof createDraftWriter>;

export interface DraftSessionOptions extends Omit<DraftWriterOptions, 'onSaved'> {
  onSaved?: (draft: FormDraft) => void;
}

/**
 * One form's draft over its life: `open` with the values the form starts from (the stored record, or an
 * empty form) and get back a draft left from last time, if any; `change` after each edit writes the values
 * (debounced) while they differ from that starting point, and deletes the draft when the person has undone
 * every change, so opening a form and closing it leaves nothing behind.
 */
export function createDraftSession<V>(options: DraftSessionOptions) {
  const writer = createDraftWriter(options);
  let baseline: string | undefined;
  /** A draft is stored, or about to be. */
  let held = false;

  return {
    async open(initial: V): Promise<FormDraft | undefined> {
      baseline = JSON.stringify(initial);
      const draft = await options.store.load(options.key);
      held = Boolean(draft);
      return draft;
    },
    change(values: V): void {
      if (baseline === undefined) return;
      if (JSON.stringify(values) === baseline) {
        if (held) {
          held = false;
          void writer.discard();
        }
        return;
      }
      held = true;
      writer.schedule(values);
    },
    flush: () => writer.flush(),
    /** The person threw the draft away: delete it (the form goes back to its starting values). */
    discard(): Promise<void> {
      held = false;
      return writer.discard();
    },
    /** The record was saved: delete the draft and write nothing more. */
    clear(): Promise<void> {
      held = false;
      const done = writer.discard();
      writer.close();
      return done;
    },
    /** The form is going away: write what is pending, then nothing more. */
    close(): Promise<void> {
      const done = writer.flush();
      writer.close();
      return done;
    },
  };
}

export type DraftSession<V> = ReturnType<typeof createDraftSession<V>>;

/** The SHA-256 addresses a draft's values hold (photos stored before their record exists), at any depth. */
export function blobsInDraft(values: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'sha256' && typeof inner === 'string' && /^[0-9a-f]{64}$/.test(inner)) found.add(inner);
        else visit(inner);
      }
    }
  };
  visit(values);
  return [...found];
}

/** Whether a form draft on this computer holds these bytes (so they must not be forgotten). */
export async function draftHoldsBlob(sha256: string, db: StepDatabase = getStore().db): Promise<boolean> {
  let holds = false;
  await db.formDrafts.each((draft) => {
    if (!holds && blobsInDraft(draft.values).includes(sha256)) holds = true;
  });
  return holds;
}

/**
 * Bytes a draft stored and nobody needs any more (the draft was discarded, or the photo removed before the
 * record was saved): deleted with their upload row, unless a document or another draft names them. Bytes
 * the server already holds follow the usual rule (blobs.ts, forgetBlobIfUnused).
 */
export async function dropUnusedDraftBlobs(sha256s: readonly string[], db: StepDatabase = getStore().db): Promise<number> {
  let dropped = 0;
  for (const sha256 of new Set(sha256s)) {
    const removed = await db.transaction('rw', [db.blobs, db.blobUploads, db.documents, db.formDrafts], async () => {
      if ((await db.documents.where('sha256').equals(sha256).count()) > 0) return false;
      const drafts = await db.formDrafts.toArray();
      if (drafts.some((draft) => blobsInDraft(draft.values).includes(sha256))) return false;
      if ((await db.blobs.where('sha256').equals(sha256).count()) === 0) return false;
      await db.blobUploads.delete(sha256);
      await db.blobs.delete(sha256);
      return true;
    });
    if (removed) dropped += 1;
  }
  return dropped;
}
