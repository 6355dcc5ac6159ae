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
import { sameContent } from '@shared/records/canonical';
import { activityRowOf } from './activityRows';
import { tableNames, tableOf, type StepDatabase } from './database';
import { hierarchical, referrers } from './references';

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
    const record = parsed.data as EntityRecord<E>;
    // One form for every stored time stamp (UTC, "Z"), so that the updatedAt index sorts by time and equal
    // instants compare equal, whatever offset an imported file wrote them with.
    record.createdAt = new Date(record.createdAt).toISOString();
    record.updatedAt = new Date(record.updatedAt).toISOString();
    return { ok: true, record };
  }

  async function create<E extends EntityType>(entity: E, draft: Draft<E>): Promise<WriteOutcome<EntityRecord<E>>> {
    const now = clock().toISOString();
    const outcome = validate(entity, { ...draft, entity, id: newRecordId(), createdAt: now, updatedAt: now });
    if (!outcome.ok) return outcome;
    await db.transaction('rw', tablesFor(entity), () => storeValidated(entity, [outcome.record]));
    notify([{ entity, ids: [outcome.record.id], deleted: false }]);
    return outcome;
  }

  /**
   * Replaces a record's content with `draft`, keeping its identity and creation time. With
   * `expectedUpdatedAt` (the version a form loaded), a record changed meanwhile (by an import, say) is
   * not overwritten silently: the write is refused and the person decides.
   */
  async function replace<E extends EntityType>(
    entity: E,
    id: string,
    draft: Draft<E>,
    expectedUpdatedAt?: string,
  ): Promise<WriteOutcome<EntityRecord<E>>> {
    const outcome = await db.transaction('rw', tablesFor(entity), async (): Promise<WriteOutcome<EntityRecord<E>>> => {
      const existing = await tableOf(db, entity).get(id);
      if (!existing) return { ok: false, issues: [{ path: '', message: 'v.notFound' }] };
      if (expectedUpdatedAt !== undefined && existing.updatedAt !== expectedUpdatedAt) {
        return { ok: false, issues: [{ path: '', message: 'v.changedElsewhere' }] };
      }
      const validated = validate(entity, {
        ...draft,
        entity,
        id,
        createdAt: existing.createdAt,
        updatedAt: laterThan(existing.updatedAt, clock()),
      });
      if (!validated.ok) return validated;
      const cycle = await parentCycle(entity, validated.record);
      if (cycle) return { ok: false, issues: [cycle] };
      await storeValidated(entity, [validated.record]);
      return validated;
    });
    if (outcome.ok) notify([{ entity, ids: [id], deleted: false }]);
    return outcome;
  }

  /** Records of other kinds that still point at this one (a budget at its activity, a person at an organization). */
  async function dependentsOf(entity: EntityType, id: string): Promise<number> {
    const counts = await Promise.all((referrers[entity] ?? []).map(({ entity: from, field }) => tableOf(db, from).where(field).equals(id).count()));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** A parent that is the record itself or one of its descendants would make a loop. */
  async function parentCycle(entity: EntityType, record: { id: string; parentId?: string }): Promise<FieldIssue | undefined> {
    if (!hierarchical.includes(entity)) return undefined;
    const seen = new Set<string>([record.id]);
    let parentId = record.parentId;
    while (parentId) {
      if (seen.has(parentId)) return { path: 'parentId', message: 'v.parentCycle' };
      seen.add(parentId);
      parentId = ((await tableOf(db, entity).get(parentId)) as { parentId?: string } | undefined)?.parentId;
    }
    return undefined;
  }

  /** Deletes a record, unless other records still need it: nothing is left pointing at nothing. */
  async function remove(entity: EntityType, id: string): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
    const referring = (referrers[entity] ?? []).map(({ entity: from }) => tableOf(db, from));
    const outcome = await db.transaction('rw', [...tablesFor(entity), ...referring], async () => {
      const dependents = await dependentsOf(entity, id);
      if (dependents > 0) return { ok: false as const, issues: [{ path: '', message: 'v.hasDependents', params: { count: dependents } }] };
      await tableOf(db, entity).delete(id);
      if (entity === 'activity') await db.activityRows.delete(id);
      return { ok: true as const };
    });
    if (outcome.ok) notify([{ entity, ids: [id], deleted: true }]);
    return outcome;
  }

  /**
   * Stores a batch of complete records (an NDJSON file, later a bundle) in one transaction: all of the
   * batch's valid records or none of them. Records are upserted by id, so importing the same file twice
   * stores nothing the second time; a record older than the stored one does not overwrite it. Invalid
   * items are returned with their reasons, never dropped silently and never blocking the rest.
   */
  async function importBatch(items: readonly ImportItem[]): Promise<ImportBatchResult> {
    const result: ImportBatchResult = { stored: 0, unchanged: 0, keptNewer: 0, rejected: [] };
    const byEntity = new Map<EntityType, Map<string, { record: EntityRecord<EntityType>; source: number }>>();
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
      // The same record twice in one batch: only its newest version counts (ties: the later line).
      const list = byEntity.get(entity.data) ?? new Map<string, { record: EntityRecord<EntityType>; source: number }>();
      const earlier = list.get(outcome.record.id);
      if (earlier && Date.parse(earlier.record.updatedAt) > Date.parse(outcome.record.updatedAt)) {
        result.keptNewer += 1;
        continue;
      }
      if (earlier) result.keptNewer += 1;
      list.set(outcome.record.id, { record: outcome.record, source: item.source });
      byEntity.set(entity.data, list);
    }
    if (byEntity.size === 0) return result;

    const changes: RecordChange[] = [];
    const tables = [...byEntity.keys()].flatMap(tablesFor);
    await db.transaction('rw', tables, async () => {
      for (const [entity, byId] of byEntity) {
        const entries = [...byId.values()];
        const existing = await tableOf(db, entity).bulkGet(entries.map((e) => e.record.id));
        const toStore = entries.flatMap(({ record, source }, i) => {
          const stored = existing[i];
          if (!stored) return [record];
          // Instants, not strings: "2025-01-01T08:00:00+07:00" and "2025-01-01T01:00:00Z" are the same moment.
          const age = Date.parse(stored.updatedAt) - Date.parse(record.updatedAt);
          if (age > 0) return void result.keptNewer++, [];
          if (age < 0) return [record];
          if (sameContent(stored, record)) return void result.unchanged++, [];
          // Same moment, different content: neither can be called newer; keep ours and say so.
          result.rejected.push({ source, issues: [{ path: 'updatedAt', message: 'v.sameTimeDifferentContent' }] });
          return [];
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
