import { entitySchemas, fieldIssuesFrom, type EntityType } from '@shared/domain';
import { changeKey, type Change } from '@shared/sync/change';
import type { Conflict, MaterializedRecord } from '@shared/sync/merge';
import type { SyncStorage } from '@shared/sync/storage';
import type { VersionVector } from '@shared/sync/vector';
import { activityRowOf } from './activityRows';
import { tableOf, type RecordMeta, type StepDatabase } from './database';

/** How many keys highestContiguous reads at a time. */
const contiguousPage = 2048;

/** A record whose stored form changed in the current transaction (for listeners, after commit). */
export interface Touched {
  entity: EntityType;
  id: string;
  deleted: boolean;
}

const deviceKey = 'device';
const localKey = 'local';
const vectorKey = 'vector';
const devicesKey = 'devices';

/**
 * The sync engine's storage on IndexedDB. `writeRecord` is the one place where entity tables are
 * written: what the merge decides a record is, validated with the shared schemas, with its list row.
 * A merged record that is not valid (yet: half of a new record's fields may arrive in a later chunk) is
 * not shown; its problems are kept in recordMeta and listed, never dropped.
 */
export class DexieSyncStorage implements SyncStorage {
  /** Filled during a transaction; the repository reads and clears it after commit. */
  touched: Touched[] = [];

  constructor(private readonly db: StepDatabase) {}

  atomically<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction('rw', this.db.tables, work);
  }

  async heldKeys(keys: readonly string[]): Promise<Set<string>> {
    const seqsByDevice = new Map<string, number[]>();
    for (const key of keys) {
      const at = key.lastIndexOf(':');
      const device = key.slice(0, at);
      let seqs = seqsByDevice.get(device);
      if (!seqs) seqsByDevice.set(device, (seqs = []));
      seqs.push(Number(key.slice(at + 1)));
    }
    const held = new Set<string>();
    await Promise.all(
      [...seqsByDevice].map(async ([device, seqs]) => {
        let low = Infinity;
        let high = -Infinity;
        for (const seq of seqs) {
          if (seq < low) low = seq;
          if (seq > high) high = seq;
        }
        // Keys only, never whole rows: a dense run (what sync and bundles send) is one range read of
        // the index; scattered seqs are looked up one by one.
        if (high - low + 1 <= 4 * seqs.length) {
          const wanted = new Set(seqs);
          const found = (await this.db.changes.where('[device+seq]').between([device, low], [device, high], true, true).primaryKeys()) as [string, number][];
          for (const [, seq] of found) if (wanted.has(seq)) held.add(`${device}:${seq}`);
        } else {
          const found = await this.db.changes.bulkGet(seqs.map((seq) => [device, seq] as [string, number]));
          for (const change of found) if (change) held.add(changeKey(change));
        }
      }),
    );
    return held;
  }

  async addChanges(changes: readonly Change[]): Promise<void> {
    await this.db.changes.bulkPut([...changes]);
    const devices = new Set((await this.get<string[]>(devicesKey)) ?? []);
    const before = devices.size;
    for (const change of changes) devices.add(change.device);
    if (devices.size !== before) await this.set(devicesKey, [...devices]);
  }

  changesOfRecord(entity: EntityType, recordId: string): Promise<Change[]> {
    return this.db.changes.where('[entity+recordId]').equals([entity, recordId]).toArray();
  }

  async devices(): Promise<string[]> {
    return (await this.get<string[]>(devicesKey)) ?? [];
  }

  changesAfter(device: string, afterSeq: number, limit: number): Promise<Change[]> {
    const range = this.db.changes.where('[device+seq]').between([device, afterSeq + 1], [device, Infinity]);
    // IndexedDB takes a count of at most 2^32 - 1: "no limit" must be no limit, not a huge one.
    return (limit < 2 ** 32 ? range.limit(limit) : range).toArray();
  }

  async highestContiguous(device: string, fromSeq: number): Promise<number> {
    // Page by page, stopping at the first gap: changes that arrived ahead of a gap (a bundle's chunks
    // are cut by countries, so they often do) must not be read again on every call.
    let seq = fromSeq;
    for (;;) {
      const keys = (await this.db.changes.where('[device+seq]').between([device, seq + 1], [device, Infinity]).limit(contiguousPage).primaryKeys()) as [string, number][];
      for (const [, next] of keys) {
        if (next !== seq + 1) return seq;
        seq = next;
      }
      if (keys.length < contiguousPage) return seq;
    }
  }

  async getVector(): Promise<VersionVector> {
    return (await this.get<VersionVector>(vectorKey)) ?? {};
  }

  setVector(vector: VersionVector): Promise<void> {
    return this.set(vectorKey, vector);
  }

  async writeRecord(merged: MaterializedRecord): Promise<void> {
    const { entity, recordId } = merged;
    const meta: RecordMeta = { entity, recordId, deleted: merged.deleted, stamps: merged.stamps, scope: merged.scope, updatedAt: merged.updatedAt };
    if (merged.deleted) {
      await tableOf(this.db, entity).delete(recordId);
      if (entity === 'activity') await this.db.activityRows.delete(recordId);
    } else {
      const parsed = entitySchemas[entity].safeParse({ ...merged.values, entity, id: recordId, updatedAt: merged.updatedAt });
      if (parsed.success) {
        const record = parsed.data as { createdAt: string; updatedAt: string };
        record.createdAt = new Date(record.createdAt).toISOString();
        await tableOf(this.db, entity).put(record as never);
        if (entity === 'activity') await this.db.activityRows.bulkPut([activityRowOf(parsed.data as never)]);
      } else {
        meta.problems = fieldIssuesFrom(parsed.error);
        await tableOf(this.db, entity).delete(recordId);
        if (entity === 'activity') await this.db.activityRows.delete(recordId);
      }
    }
    await this.db.recordMeta.put(meta);
    await this.db.conflicts.where('recordId').equals(recordId).delete();
    if (merged.conflicts.length > 0) {
      await this.db.conflicts.bulkPut(merged.conflicts.map((conflict) => ({ ...conflict, key: `${conflict.entity}:${conflict.recordId}:${conflict.field}` })));
    }
    this.touched.push({ entity, id: recordId, deleted: merged.deleted || meta.problems !== undefined });
  }

  async getRecordStamps(entity: EntityType, recordId: string): Promise<Record<string, string[]> | undefined> {
    return (await this.db.recordMeta.get([entity, recordId]))?.stamps;
  }

  async listConflicts(): Promise<Conflict[]> {
    return (await this.db.conflicts.toArray()).map(({ key: _key, ...conflict }) => conflict);
  }

  async getLocal(): Promise<{ seq: number; lastStamp?: string }> {
    return (await this.get<{ seq: number; lastStamp?: string }>(localKey)) ?? { seq: 0 };
  }

  setLocal(local: { seq: number; lastStamp?: string }): Promise<void> {
    return this.set(localKey, local);
  }

  /** This installation's device id, minted on first use and kept with the data it numbers. */
  async deviceId(mint: () => string): Promise<string> {
    return this.db.transaction('rw', this.db.syncState, async () => {
      const existing = await this.get<string>(deviceKey);
      if (existing) return existing;
      const id = mint();
      await this.set(deviceKey, id);
      return id;
    });
  }

  private async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.syncState.get(key))?.value as T | undefined;
  }

  private async set(key: string, value: unknown): Promise<void> {
    await this.db.syncState.put({ key, value });
  }
}
