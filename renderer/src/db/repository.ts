import {
  entitySchemas,
  entityTypeSchema,
  fieldIssuesFrom,
  newRecordId,
  type EntityRecord,
  type EntitySchemas,
  type EntityType,
  type FieldIssue,
  type SystemField,
} from '@shared/domain';
import type { Table } from 'dexie';
import type { z } from 'zod';
import { activityRowOf } from './activityRows';
import { tableNames, tableOf, type StepDatabase } from './database';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a form or an importer hands in: a record without the fields the write path owns. */
export type Draft<E extends EntityType> = DistributiveOmit<z.input<EntitySchemas[E]>, SystemField>;

export type WriteOutcome<T> = { ok: true; record: T } | { ok: false; issues: FieldIssue[] };

/** Told to listeners after a write has committed (never before, never for a rolled-back write). */
export interface RecordChange {
  entity: EntityType;
  ids: string[];
  deleted: boolean;
}

export interface ImportItem {
  /** Where the item came from (a line number), echoed back in rejections. */
  source: number;
  value: unknown;
}

export interface ImportBatchResult {
  stored: number;
  /** Identical to what is already stored (a re-import): nothing written. */
  unchanged: number;
  /** Older than the stored version of the same record: the stored one is kept. */
  keptNewer: number;
  rejected: { source: number; issues: FieldIssue[] }[];
}

/**
 * The one write path. Every create, update, delete and import goes through here, so that every write
 * is validated with the shared schemas before anything is stored, derived rows are kept in the same
 * transaction, and listeners (list indexes now, the sync engine later) see every committed change.
 */
export function createRepository(db: StepDatabase, clock: () => Date = () => new Date()) {
  const listeners = new Set<(changes: RecordChange[]) => void>();
  const notify = (changes: RecordChange[]) => {
    if (changes.length === 0) return;
    for (const listener of listeners) listener(changes);
  };

  const tablesFor = (entity: EntityType): Table[] =>
    entity === 'activity' ? [tableOf(db, entity), db.activityRows] : [tableOf(db, entity)];

  /** Stores validated records and their derived rows; must run inside a transaction over their tables. */
  async function storeValidated<E extends EntityType>(entity: E, records: EntityRecord<E>[]): Promise<void> {
    await tableOf(db, entity).bulkPut(records);
    if (entity === 'activity') {
      await db.activityRows.bulkPut((records as EntityRecord<'activity'>[]).map(activityRowOf));
    }
  }

  function validate<E extends EntityType>(entity: E, candidate: unknown): WriteOutcome<EntityRecord<E>> {
    const parsed = entitySchemas[entity].safeParse(candidate);
    if (!parsed.success) return { ok: false, issues: fieldIssuesFrom(parsed.error) };
    return { ok: true, record: parsed.data as EntityRecord<E> };
  }

  async function create<E extends EntityType>(entity: E, draft: Draft<E>): Promise<WriteOutcome<EntityRecord<E>>> {
    const now = clock().toISOString();
    const outcome = validate(entity, { ...draft, entity, id: newRecordId(), createdAt: now, updatedAt: now });
    if (!outcome.ok) return outcome;
    await db.transaction('rw', tablesFor(entity), () => storeValidated(entity, [outcome.record]));
    notify([{ entity, ids: [outcome.record.id], deleted: false }]);
    return outcome;
  }

  /** Replaces a record's content with `draft`, keeping its identity and creation time. */
  async function replace<E extends EntityType>(entity: E, id: string, draft: Draft<E>): Promise<WriteOutcome<EntityRecord<E>>> {
    const outcome = await db.transaction('rw', tablesFor(entity), async (): Promise<WriteOutcome<EntityRecord<E>>> => {
      const existing = await tableOf(db, entity).get(id);
      if (!existing) return { ok: false, issues: [{ path: '', message: 'v.notFound' }] };
      const validated = validate(entity, {
        ...draft,
        entity,
        id,
        createdAt: existing.createdAt,
        updatedAt: laterThan(existing.updatedAt, clock()),
      });
      if (validated.ok) await storeValidated(entity, [validated.record]);
      return validated;
    });
    if (outcome.ok) notify([{ entity, ids: [id], deleted: false }]);
    return outcome;
  }

  async function remove(entity: EntityType, id: string): Promise<void> {
    await db.transaction('rw', tablesFor(entity), async () => {
      await tableOf(db, entity).delete(id);
      if (entity === 'activity') await db.activityRows.delete(id);
    });
    notify([{ entity, ids: [id], deleted: true }]);
  }

  /**
   * Stores a batch of complete records (an NDJSON file, later a bundle) in one transaction: all of the
   * batch's valid records or none of them. Records are upserted by id, so importing the same file twice
   * stores nothing the second time; a record older than the stored one does not overwrite it. Invalid
   * items are returned with their reasons, never dropped silently and never blocking the rest.
   */
  async function importBatch(items: readonly ImportItem[]): Promise<ImportBatchResult> {
    const result: ImportBatchResult = { stored: 0, unchanged: 0, keptNewer: 0, rejected: [] };
    const byEntity = new Map<EntityType, EntityRecord<EntityType>[]>();
    for (const item of items) {
      const entity = entityTypeSchema.safeParse((item.value as { entity?: unknown } | null)?.entity);
      if (!entity.success) {
        result.rejected.push({ source: item.source, issues: [{ path: 'entity', message: 'v.entityType' }] });
        continue;
      }
      const outcome = validate(entity.data, item.value);
      if (!outcome.ok) {
        result.rejected.push({ source: item.source, issues: outcome.issues });
        continue;
      }
      const list = byEntity.get(entity.data) ?? [];
      list.push(outcome.record);
      byEntity.set(entity.data, list);
    }
    if (byEntity.size === 0) return result;

    const changes: RecordChange[] = [];
    const tables = [...byEntity.keys()].flatMap(tablesFor);
    await db.transaction('rw', tables, async () => {
      for (const [entity, records] of byEntity) {
        const existing = await tableOf(db, entity).bulkGet(records.map((r) => r.id));
        const toStore = records.filter((record, i) => {
          const stored = existing[i];
          if (!stored) return true;
          // Instants, not strings: "2025-01-01T08:00:00+07:00" and "2025-01-01T01:00:00Z" are the same moment.
          const age = Date.parse(stored.updatedAt) - Date.parse(record.updatedAt);
          if (age > 0) return void result.keptNewer++, false;
          if (age === 0) return void result.unchanged++, false;
          return true;
        });
        if (toStore.length === 0) continue;
        await storeValidated(entity, toStore);
        result.stored += toStore.length;
        changes.push({ entity, ids: toStore.map((r) => r.id), deleted: false });
      }
    });
    notify(changes);
    return result;
  }

  return {
    create,
    replace,
    remove,
    importBatch,
    /** Validates without storing: forms use it to show every field's problem at once. */
    validateDraft<E extends EntityType>(entity: E, draft: Draft<E>): FieldIssue[] {
      const now = clock().toISOString();
      const outcome = validate(entity, { ...draft, entity, id: newRecordId(), createdAt: now, updatedAt: now });
      return outcome.ok ? [] : outcome.issues;
    },
    subscribe(listener: (changes: RecordChange[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;

/**
 * A new `updatedAt` that sorts after the stored one even when the device clock runs behind (field
 * laptops' clocks are often wrong): the record still reads as changed.
 */
function laterThan(previous: string, now: Date): string {
  const previousMs = Date.parse(previous);
  return new Date(now.getTime() > previousMs ? now.getTime() : previousMs + 1).toISOString();
}

export { tableNames };
