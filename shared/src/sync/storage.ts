import type { Change } from './change';
import type { Conflict, MaterializedRecord } from './merge';
import type { VersionVector } from './vector';

/**
 * What the engine needs from a store: a few indexed reads and writes, grouped into atomic units. The
 * renderer implements it on IndexedDB (Dexie), the server on PostgreSQL, tests in memory. Every method
 * runs inside `atomically`, which commits all of its writes or none.
 */
export interface SyncStorage {
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /** Which of these (device, seq) pairs are already held. */
  heldKeys(keys: readonly string[]): Promise<Set<string>>;
  addChanges(changes: readonly Change[]): Promise<void>;
  changesOfRecord(entity: Change['entity'], recordId: string): Promise<Change[]>;
  /** Every device this store holds changes from. */
  devices(): Promise<string[]>;
  /** A device's changes with seq greater than `afterSeq`, in seq order, at most `limit`. */
  changesAfter(device: string, afterSeq: number, limit: number): Promise<Change[]>;
  /** The highest seq such that every seq of the device from `fromSeq` + 1 up to it is held. */
  highestContiguous(device: string, fromSeq: number): Promise<number>;
  getVector(): Promise<VersionVector>;
  setVector(vector: VersionVector): Promise<void>;
  /** Stores what the merge says a record now is (values, tombstone, conflicts) in the store's own form. */
  writeRecord(record: MaterializedRecord): Promise<void>;
  getRecordStamps(entity: Change['entity'], recordId: string): Promise<Record<string, string[]> | undefined>;
  listConflicts(): Promise<Conflict[]>;
  /** This device's own counters: the last seq it issued and the last stamp it issued or saw. */
  getLocal(): Promise<{ seq: number; lastStamp?: string }>;
  setLocal(local: { seq: number; lastStamp?: string }): Promise<void>;
}
