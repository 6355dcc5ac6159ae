import { ApiFailure, isApiFailure, type AbortSignalLike, type ApiClient } from '../api/client';
import { maxPushChanges, type ChangeRefusal, type PullResponse, type PushResponse } from '../api/contract';
import type { ApiErrorCode } from '../api/errors';
import type { Change } from './change';

/**
 * One round of network sync with the Secretariat's server: pull what the server has for this device's
 * scope, then push this device's own changes. Pure TypeScript over two small interfaces, so that it is
 * the same in the desk (IndexedDB) and in tests (memory):
 * - `NetSyncPort`: this replica's side (where the pull stopped, applying changes, its own change log);
 * - `NetSyncApi`: the two server operations (`syncApiOf` adapts the typed API client).
 *
 * Crash safety: the pull cursor is saved only after the changes it covers are applied, and `received`
 * only after the server has answered a push, so an interrupted round resumes where it stopped: at worst
 * a chunk is pulled or pushed twice, which both sides treat as duplicates.
 */

export interface NetSyncState {
  /** Where the next pull resumes (absent before the first pull). */
  cursor?: string;
  /** The highest seq of this device the server has processed, as the server last said. */
  received: number;
}

export interface NetSyncPort {
  loadState(): Promise<NetSyncState>;
  saveState(state: NetSyncState): Promise<void>;
  /** Applies changes from the server through the replica's one write path (idempotent). */
  applyRemote(changes: readonly Change[]): Promise<unknown>;
  /** This device's own changes with seq greater than `seq`, in seq order, at most `limit`. */
  ownChangesAfter(seq: number, limit: number): Promise<Change[]>;
  /** The highest seq this device has issued (for progress). */
  localSeq(): Promise<number>;
  /** Changes the server refused, kept to be shown to the person (never dropped). */
  recordRefusals(refusals: readonly ChangeRefusal[]): Promise<void>;
}

export interface NetSyncApi {
  pull(request: { cursor?: string; limit?: number }, signal?: AbortSignalLike): Promise<PullResponse>;
  push(request: { changes: Change[] }, signal?: AbortSignalLike): Promise<PushResponse>;
}

export interface NetSyncProgress {
  /** 'relay': the desk's round sends other devices' changes it holds from bundles first (its own step, not syncOnce's). */
  phase: 'pull' | 'push' | 'relay';
  done: number;
  /** What is known to be left in all, counting `done` (it can grow while pulling). */
  total: number;
}

export interface NetSyncSummary {
  pulled: number;
  /** This device's changes the server processed (accepted, or already held) in this round. */
  pushed: number;
  refused: number;
  durationMs: number;
}

export interface NetSyncOptions {
  signal?: AbortSignalLike;
  /** Changes per pull: each chunk is applied in one transaction, so small enough not to hold up typing. */
  pullLimit?: number;
  pushLimit?: number;
  now?: () => number;
}

export function syncApiOf(client: Pick<ApiClient, 'call'>): NetSyncApi {
  return {
    pull: (body, signal) => client.call('pull', { body, signal }),
    push: (body, signal) => client.call('push', { body, signal }),
  };
}

const sameRecord = (a: Change, b: Change) => a.entity === b.entity && a.recordId === b.recordId;

/**
 * The first push's worth of `changes` (in seq order): at most `limit`, and never cutting through one
 * record's run of consecutive changes (the server authorizes and validates a record over the changes a
 * push holds for it, so half a new record could be refused as invalid). Only a single run longer than
 * `limit` (a record with more than `limit` fields written at once: none exist) is cut.
 */
export function pushChunk(changes: readonly Change[], limit = maxPushChanges): Change[] {
  if (changes.length <= limit) return [...changes];
  let cut = limit;
  while (cut > 0 && sameRecord(changes[cut - 1]!, changes[cut]!)) cut -= 1;
  return changes.slice(0, cut === 0 ? limit : cut);
}

function checkStopped(signal: AbortSignalLike | undefined) {
  if (signal?.aborted) throw new ApiFailure('aborted', 0, 'sync stopped');
}

export async function syncOnce(port: NetSyncPort, api: NetSyncApi, onProgress: (progress: NetSyncProgress) => void = () => {}, options: NetSyncOptions = {}): Promise<NetSyncSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const { signal } = options;
  const pushLimit = Math.min(options.pushLimit ?? maxPushChanges, maxPushChanges);
  const summary: NetSyncSummary = { pulled: 0, pushed: 0, refused: 0, durationMs: 0 };

  // PULL, chunk by chunk: apply, then remember the cursor.
  let state = await port.loadState();
  for (;;) {
    checkStopped(signal);
    const answer = await api.pull({ cursor: state.cursor, limit: options.pullLimit }, signal);
    if (answer.more && answer.changes.length === 0 && answer.cursor === state.cursor) {
      throw new ApiFailure('bad-response', 200, 'the server says there is more but does not move on');
    }
    if (answer.changes.length > 0) {
      checkStopped(signal);
      await port.applyRemote(answer.changes);
    }
    state = { cursor: answer.cursor, received: answer.received };
    await port.saveState(state);
    summary.pulled += answer.changes.length;
    onProgress({ phase: 'pull', done: summary.pulled, total: summary.pulled + answer.remaining });
    if (!answer.more) break;
  }

  // PUSH this device's own changes from where the server says it is, without gaps.
  let received = state.received;
  const start = received;
  const total = Math.max(0, (await port.localSeq()) - start);
  for (;;) {
    checkStopped(signal);
    const pending = await port.ownChangesAfter(received, pushLimit + 1);
    if (pending.length === 0) break;
    onProgress({ phase: 'push', done: received - start, total });
    const chunk = pushChunk(pending, pushLimit);
    const answer = await api.push({ changes: chunk }, signal);
    if (answer.refused.length > 0) await port.recordRefusals(answer.refused);
    if (answer.received <= received) throw new ApiFailure('bad-response', 200, `the server did not take change ${received + 1}`);
    summary.pushed += answer.accepted + answer.duplicates;
    summary.refused += answer.refused.length;
    received = answer.received;
    state = { ...state, received };
    await port.saveState(state);
    onProgress({ phase: 'push', done: received - start, total: Math.max(total, received - start) });
  }

  summary.durationMs = Math.max(0, now() - started);
  return summary;
}

/**
 * What a failed round means for what happens next:
 * - `offline`: no answer (no network, server down): quiet, retried with backoff and when the network returns;
 * - `stopped`: this computer's enrollment or credentials are no longer accepted: retrying cannot help,
 *   so automatic sync stops and the person is asked to act (enroll again, ask an administrator);
 * - `failed`: anything else (a server error, an unexpected answer, the clock too far off, local storage):
 *   retried with backoff, and shown;
 * - `aborted`: the round was stopped on purpose (sign-out, closing): nothing to report.
 */
export type SyncFailureKind = 'offline' | 'stopped' | 'failed' | 'aborted';

export const stoppingCodes: readonly ApiErrorCode[] = ['device-revoked', 'unknown-device', 'bad-signature', 'unauthenticated', 'session-expired', 'bad-credentials', 'forbidden'];

export function syncFailureKind(error: unknown): SyncFailureKind {
  if (!isApiFailure(error)) return 'failed';
  if (error.code === 'network') return 'offline';
  if (error.code === 'aborted') return 'aborted';
  return (stoppingCodes as readonly string[]).includes(error.code) ? 'stopped' : 'failed';
}
