import type { Change } from '@shared/sync/change';
import type { Conflict, MaterializedRecord } from '@shared/sync/merge';
import type { SyncStorage } from '@shared/sync/storage';
import type { VersionVector } from '@shared/sync/vector';
import type { Queryable } from '../db/database';
import { changeColumns, changeOf, type ChangeRow } from './rows';

/**
 * The shared sync engine's storage on PostgreSQL, bound to one transaction that the caller opened (a
 * push), so the server merges with exactly the code the desks use, and everything a push does commits
 * together.
 *
 * Two parts of the interface mean less on a server than on a desk:
 * - the version vector: what the server has from each device is `device_progress`, which a push advances
 *   over accepted, refused and duplicate seqs alike (a refused change is never held, so a vector of held
 *   changes would stall at it), so the engine's vector step is a no-op here (`getVector`, `highestContiguous`
 *   and `setVector` do no work) and what the server holds is read from `device_progress` where it is needed;
 * - the local counters: the server authors no changes, so it keeps no seq or clock of its own.
 */
export class PgStorage implements SyncStorage {
  constructor(private readonly tx: Queryable) {}

  atomically<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async heldKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const rows = await this.tx.query<{ device: string; seq: string | number }>(
      'select c.device, c.seq from changes c join unnest($1::text[], $2::bigint[]) as k(device, seq) on c.device = k.device and c.seq = k.seq',
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    return new Set(rows.map((row) => `${row.device}:${Number(row.seq)}`));
  }

  async addChanges(changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    // One statement for the whole batch, in the given order, so server_seq follows it.
    await this.tx.query(
      `insert into changes (device, seq, stamp, author, entity, record_id, field, value, seen, scope)
       select e.item->>'device', (e.item->>'seq')::bigint, e.item->>'stamp', e.item->>'author', e.item->>'entity', e.item->>'recordId',
              e.item->>'field', e.item->'value',
              array(select jsonb_array_elements_text(e.item->'seen')), array(select jsonb_array_elements_text(e.item->'scope'))
       from jsonb_array_elements($1::text::jsonb) with ordinality as e(item, n)
       order by e.n
       on conflict (device, seq) do nothing`,
      [JSON.stringify(changes)],
    );
  }

  async changesOfRecord(entity: Change['entity'], recordId: string): Promise<Change[]> {
    const rows = await this.tx.query<ChangeRow>(`select ${changeColumns} from changes c where c.entity = $1 and c.record_id = $2 order by c.server_seq`, [entity, recordId]);
    return rows.map(changeOf);
  }

  async devices(): Promise<string[]> {
    return (await this.tx.query<{ device: string }>('select distinct device from changes')).map((row) => row.device);
  }

  async changesAfter(device: string, afterSeq: number, limit: number): Promise<Change[]> {
    const rows = await this.tx.query<ChangeRow>(`select ${changeColumns} from changes c where c.device = $1 and c.seq > $2 order by c.seq limit $3`, [device, afterSeq, limit]);
    return rows.map(changeOf);
  }

  /** The engine advances its vector after each apply; here the push keeps it, so there is nothing to find. */
  async highestContiguous(_device: string, fromSeq: number): Promise<number> {
    return fromSeq;
  }

  /** Read by the engine's vector step, which this storage answers without work: nothing is read. */
  async getVector(): Promise<VersionVector> {
    return {};
  }
  async setVector(_vector: VersionVector): Promise<void> {}

  async writeRecord(record: MaterializedRecord): Promise<void> {
    // The scope is the server's own (scope.ts), set after the merge; a new row starts with none.
    await this.tx.query(
      `insert into records (entity, record_id, data, deleted, stamps, conflicts, updated_at)
       values ($1, $2, $3::text::jsonb, $4, $5::text::jsonb, $6::text::jsonb, $7)
       on conflict (entity, record_id) do update set data = excluded.data, deleted = excluded.deleted, stamps = excluded.stamps,
         conflicts = excluded.conflicts, updated_at = excluded.updated_at`,
      [record.entity, record.recordId, JSON.stringify(record.values), record.deleted, JSON.stringify(record.stamps), JSON.stringify(record.conflicts), record.updatedAt],
    );
  }

  async getRecordStamps(entity: Change['entity'], recordId: string): Promise<Record<string, string[]> | undefined> {
    const [row] = await this.tx.query<{ stamps: Record<string, string[]> }>('select stamps from records where entity = $1 and record_id = $2', [entity, recordId]);
    return row?.stamps;
  }

  async listConflicts(): Promise<Conflict[]> {
    const rows = await this.tx.query<{ conflicts: Conflict[] }>(`select conflicts from records where conflicts <> '[]'::jsonb order by entity, record_id`);
    return rows.flatMap((row) => row.conflicts);
  }

  async getLocal(): Promise<{ seq: number; lastStamp?: string }> {
    return { seq: 0 };
  }

  async setLocal(_local: { seq: number; lastStamp?: string }): Promise<void> {}
}
