import type { CountryCode } from '../domain/taxonomy/countries';
import { changeKey, changeSchema, deletedField, type Change } from './change';
import { HybridClock, stampTime, type Stamp } from './hlc';
import { materialize, type Conflict } from './merge';
import type { SyncStorage } from './storage';
import type { VersionVector } from './vector';

type Json = Change['value'];

/** What a person did to one record, as field values; the engine turns it into changes. */
export type LocalEdit =
  | { kind: 'write'; entity: Change['entity']; recordId: string; fields: Record<string, Json>; scope: CountryCode[] }
  | { kind: 'delete' | 'restore'; entity: Change['entity']; recordId: string; scope: CountryCode[] };

export interface ApplyResult {
  applied: number;
  /** Already held (a re-delivery): nothing done. */
  duplicates: number;
  /** Changes that failed validation, with their reasons: not applied, never silently dropped. */
  rejected: { change: unknown; reason: string }[];
  /** Devices whose clocks look far ahead of ours, and by how much (ms). Their changes are applied. */
  clockWarnings: { device: string; aheadMs: number }[];
}

export interface HistoryEntry {
  stamp: Stamp;
  at: string;
  author: string;
  device: string;
  field: string;
  value: Json;
  /** The value this change replaced, as its author saw it (undefined for a first value). */
  previous: Json | undefined;
}

export type Resolution = { keep: Stamp } | { value: Json } | { deleted: boolean };

/**
 * The sync engine: pure TypeScript over a SyncStorage. Local edits become changes (with a stamp, the
 * device's next seq and what the author saw); remote changes are applied idempotently and atomically per
 * call; the merge (merge.ts) decides every record and conflict from the set of changes alone, so all
 * replicas that hold the same changes agree.
 */
export class SyncEngine {
  constructor(
    private readonly storage: SyncStorage,
    readonly device: string,
    /** Who local changes are attributed to; a function is read at every write (sign-in changes it). */
    private readonly author: string | (() => string),
    private readonly now: () => number = Date.now,
  ) {}

  private currentAuthor(): string {
    return typeof this.author === 'function' ? this.author() : this.author;
  }

  /**
   * Records local edits as changes and updates the merged records. Call it inside the same
   * `storage.atomically` as the data write, so the data and its changes commit together or not at all.
   */
  async recordLocal(edits: readonly LocalEdit[]): Promise<Change[]> {
    const local = await this.storage.getLocal();
    const clock = new HybridClock(this.device, this.now, local.lastStamp);
    const author = this.currentAuthor();
    let seq = local.seq;
    const changes: Change[] = [];
    // Read every record's current stamps at once: one round trip's wait, not one per record.
    const allStamps = await Promise.all(edits.map((edit) => this.storage.getRecordStamps(edit.entity, edit.recordId)));
    for (const [index, edit] of edits.entries()) {
      const stamps = allStamps[index] ?? {};
      const make = (field: string, value: Json, seen: Stamp[]): Change => ({
        device: this.device,
        seq: (seq += 1),
        stamp: clock.tick(),
        author,
        entity: edit.entity,
        recordId: edit.recordId,
        field,
        value,
        seen,
        scope: edit.scope,
      });
      if (edit.kind === 'write') {
        // An ordinary edit has seen the value shown: the winner. A conflict's other values stay open.
        for (const [field, value] of Object.entries(edit.fields)) changes.push(make(field, value, stamps[field]?.slice(0, 1) ?? []));
      } else {
        // A delete (or restore) has seen the whole record as it stood, conflicting values included.
        changes.push(make(deletedField, edit.kind === 'delete', Object.values(stamps).flat()));
      }
    }
    if (changes.length === 0) return changes;
    await this.storage.addChanges(changes);
    await this.storage.setLocal({ seq, lastStamp: changes.at(-1)?.stamp });
    await this.advanceVector([this.device]);
    await this.rematerialize(changes);
    return changes;
  }

  /**
   * Applies changes from elsewhere, in any order, any number of times: held ones are skipped, the rest
   * are stored and merged in one atomic unit. Bad changes are reported, never half-applied.
   */
  async apply(incoming: readonly unknown[]): Promise<ApplyResult> {
    const result: ApplyResult = { applied: 0, duplicates: 0, rejected: [], clockWarnings: [] };
    const valid: Change[] = [];
    for (const candidate of incoming) {
      const parsed = changeSchema.safeParse(candidate);
      if (parsed.success) valid.push(parsed.data);
      else result.rejected.push({ change: candidate, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    }
    return this.storage.atomically(async () => {
      const held = await this.storage.heldKeys(valid.map(changeKey));
      const fresh = new Map<string, Change>();
      for (const change of valid) {
        const key = changeKey(change);
        if (held.has(key) || fresh.has(key)) result.duplicates += 1;
        else fresh.set(key, change);
      }
      if (fresh.size === 0) return result;
      const changes = [...fresh.values()];
      // Our clock learns of every stamp it sees, so our next edits are stamped after them.
      const local = await this.storage.getLocal();
      const clock = new HybridClock(this.device, this.now, local.lastStamp);
      const warned = new Map<string, number>();
      for (const change of changes) {
        const ahead = clock.observe(change.stamp);
        if (ahead !== undefined) warned.set(change.device, Math.max(ahead, warned.get(change.device) ?? 0));
      }
      result.clockWarnings = [...warned].map(([device, aheadMs]) => ({ device, aheadMs }));
      await this.storage.setLocal({ seq: local.seq, lastStamp: clock.tick() });
      await this.storage.addChanges(changes);
      await this.advanceVector([...new Set(changes.map((c) => c.device))]);
      await this.rematerialize(changes);
      result.applied = changes.length;
      return result;
    });
  }

  /** Changes this replica holds that a peer with vector `peer` lacks, optionally only those in `scope`. */
  async changesBeyond(peer: VersionVector, options: { scope?: ReadonlySet<string>; limit?: number } = {}): Promise<Change[]> {
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const out: Change[] = [];
    for (const device of (await this.storage.devices()).sort()) {
      if (out.length >= limit) break;
      const changes = await this.storage.changesAfter(device, peer[device] ?? 0, limit - out.length);
      const scope = options.scope;
      out.push(...(scope ? changes.filter((c) => c.scope.some((country) => scope.has(country))) : changes));
    }
    return out;
  }

  vector(): Promise<VersionVector> {
    return this.storage.getVector();
  }

  conflicts(): Promise<Conflict[]> {
    return this.storage.listConflicts();
  }

  /** Every change to a record, oldest first, with the value each one replaced. */
  async history(entity: Change['entity'], recordId: string): Promise<HistoryEntry[]> {
    const changes = (await this.storage.changesOfRecord(entity, recordId)).sort((a, b) => (a.stamp < b.stamp ? -1 : 1));
    const byStamp = new Map(changes.map((c) => [c.stamp, c]));
    return changes.map((change) => {
      const replaced = change.seen.map((stamp) => byStamp.get(stamp)).find((c) => c?.field === change.field);
      return { stamp: change.stamp, at: stampTime(change.stamp), author: change.author, device: change.device, field: change.field, value: change.value, previous: replaced?.value };
    });
  }

  /**
   * Resolves a conflict with a change that has seen every value in it: keep one of them, write a merged
   * value, or (for an edit concurrent with a delete) keep the record deleted or restore it.
   */
  resolve(conflict: Conflict, resolution: Resolution, scope: CountryCode[]): Promise<Change> {
    // An async callback, not a plain arrow: IndexedDB adapters keep their transaction across its awaits.
    return this.storage.atomically(async () => this.resolveNow(conflict, resolution, scope));
  }

  private async resolveNow(conflict: Conflict, resolution: Resolution, scope: CountryCode[]): Promise<Change> {
    const local = await this.storage.getLocal();
    const stamps = (await this.storage.getRecordStamps(conflict.entity, conflict.recordId)) ?? {};
    const clock = new HybridClock(this.device, this.now, local.lastStamp);
    let value: Json;
    if ('keep' in resolution) {
      const kept = conflict.heads.find((head) => head.stamp === resolution.keep);
      if (!kept) throw new Error(`no value with stamp ${resolution.keep} in this conflict`);
      value = kept.value;
    } else if ('value' in resolution) value = resolution.value;
    else value = resolution.deleted;
    const change: Change = {
      device: this.device,
      seq: local.seq + 1,
      stamp: clock.tick(),
      author: this.currentAuthor(),
      entity: conflict.entity,
      recordId: conflict.recordId,
      field: conflict.field,
      value,
      // A resolution has seen every value in the conflict; keeping a record deleted has seen the whole
      // record, like any delete, or the fields the other side never saw would reopen the conflict.
      seen: [...new Set([...conflict.heads.map((head) => head.stamp), ...(conflict.kind === 'delete' ? Object.values(stamps).flat() : [])])],
      scope,
    };
    await this.storage.addChanges([change]);
    await this.storage.setLocal({ seq: change.seq, lastStamp: change.stamp });
    await this.advanceVector([this.device]);
    await this.rematerialize([change]);
    return change;
  }

  private async advanceVector(devices: readonly string[]): Promise<void> {
    const vector = await this.storage.getVector();
    for (const device of devices) vector[device] = await this.storage.highestContiguous(device, vector[device] ?? 0);
    await this.storage.setVector(vector);
  }

  /**
   * Merges every record the changes touch. The records are independent, so their reads and writes are
   * issued together: a store like IndexedDB then overlaps the waits instead of paying them one by one.
   */
  private async rematerialize(changes: readonly Change[]): Promise<void> {
    const records = new Map<string, Change>();
    for (const change of changes) records.set(`${change.entity}:${change.recordId}`, change);
    const results = await Promise.allSettled(
      [...records.values()].map(async ({ entity, recordId }) => this.storage.writeRecord(materialize(await this.storage.changesOfRecord(entity, recordId)))),
    );
    // Fail only once every write has settled, so that a rollback is never followed by a late write.
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
