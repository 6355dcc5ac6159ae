import { changeKey, type Change } from './change';
import type { Conflict, MaterializedRecord } from './merge';
import type { SyncStorage } from './storage';
import type { VersionVector } from './vector';

/**
 * SyncStorage in memory. `atomically` keeps a copy of the state and puts it back if the work throws, so
 * an interrupted apply leaves nothing half-done, as a database transaction would.
 */
export class MemoryStorage implements SyncStorage {
  private state = {
    changes: new Map<string, Change>(),
    byRecord: new Map<string, string[]>(),
    byDevice: new Map<string, Map<number, Change>>(),
    records: new Map<string, MaterializedRecord>(),
    vector: {} as VersionVector,
    local: { seq: 0 } as { seq: number; lastStamp?: string },
  };

  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const saved = {
      changes: new Map(this.state.changes),
      byRecord: new Map([...this.state.byRecord].map(([k, v]) => [k, [...v]])),
      byDevice: new Map([...this.state.byDevice].map(([k, v]) => [k, new Map(v)])),
      records: new Map(this.state.records),
      vector: { ...this.state.vector },
      local: { ...this.state.local },
    };
    try {
      return await work();
    } catch (error) {
      this.state = saved;
      throw error;
    }
  }

  async heldKeys(keys: readonly string[]): Promise<Set<string>> {
    return new Set(keys.filter((key) => this.state.changes.has(key)));
  }

  async addChanges(changes: readonly Change[]): Promise<void> {
    for (const change of changes) {
      const key = changeKey(change);
      if (this.state.changes.has(key)) continue;
      this.state.changes.set(key, change);
      const recordKey = `${change.entity}:${change.recordId}`;
      this.state.byRecord.set(recordKey, [...(this.state.byRecord.get(recordKey) ?? []), key]);
      const device = this.state.byDevice.get(change.device) ?? new Map<number, Change>();
      device.set(change.seq, change);
      this.state.byDevice.set(change.device, device);
    }
  }

  async changesOfRecord(entity: Change['entity'], recordId: string): Promise<Change[]> {
    return (this.state.byRecord.get(`${entity}:${recordId}`) ?? []).map((key) => this.state.changes.get(key) as Change);
  }

  async devices(): Promise<string[]> {
    return [...this.state.byDevice.keys()];
  }

  async changesAfter(device: string, afterSeq: number, limit: number): Promise<Change[]> {
    const held = this.state.byDevice.get(device);
    if (!held) return [];
    return [...held.values()].filter((c) => c.seq > afterSeq).sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  async highestContiguous(device: string, fromSeq: number): Promise<number> {
    const held = this.state.byDevice.get(device);
    let seq = fromSeq;
    while (held?.has(seq + 1)) seq += 1;
    return seq;
  }

  async getVector(): Promise<VersionVector> {
    return { ...this.state.vector };
  }

  async setVector(vector: VersionVector): Promise<void> {
    this.state.vector = { ...vector };
  }

  async writeRecord(record: MaterializedRecord): Promise<void> {
    this.state.records.set(`${record.entity}:${record.recordId}`, record);
  }

  async getRecordStamps(entity: Change['entity'], recordId: string): Promise<Record<string, string[]> | undefined> {
    return this.state.records.get(`${entity}:${recordId}`)?.stamps;
  }

  async listConflicts(): Promise<Conflict[]> {
    return [...this.state.records.values()].flatMap((record) => record.conflicts);
  }

  async getLocal(): Promise<{ seq: number; lastStamp?: string }> {
    return { ...this.state.local };
  }

  async setLocal(local: { seq: number; lastStamp?: string }): Promise<void> {
    this.state.local = { ...local };
  }

  /** For tests and tools: every record as the merge made it, keyed "entity:id". */
  records(): Map<string, MaterializedRecord> {
    return new Map(this.state.records);
  }

  allChanges(): Change[] {
    return [...this.state.changes.values()];
  }
}
