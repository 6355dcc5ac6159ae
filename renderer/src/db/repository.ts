import {
  entityImportOrder,
  entitySchemas,
  entityTypeSchema,
  fieldIssuesFrom,
  newRecordId,
  type AnyRecord,
  type Approval,
  type EntityRecord,
  type EntitySchemas,
  type EntityType,
  type FieldIssue,
  type RecordRef,
  type SystemField,
} from '@shared/domain';
import { canSee, writeRefusal, type Principal } from '@shared/access/rules';
import { sameContent } from '@shared/records/canonical';
import type { Change } from '@shared/sync/change';
import { SyncEngine, type ApplyResult, type LocalEdit, type Resolution } from '@shared/sync/engine';
import type { Conflict } from '@shared/sync/merge';
import { submissionBlockers, submissionChecks, warningCodesOf } from '@shared/workflow/checks';
import { isLocked, isReviewable, nextState, stepCounts, workflowOf, type WorkflowAction } from '@shared/workflow/workflow';
import type { z } from 'zod';
import { tableNames, tableOf, type StepDatabase } from './database';
import { hierarchical, referrers } from './references';
import { scopesOf } from './scope';
import { DexieSyncStorage, type Touched } from './syncStorage';
import { approvalsOf, submissionContext } from './workflow';

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

export interface ImportBatchOptions {
  /** Refuse records outside the signed-in person's countries (v.outOfScope), every record of their source with them. */
  enforceScope?: boolean;
}

/** How far ahead of this computer's clock an imported review step may be dated (clocks differ a little). */
export const importedStepSkewMs = 5 * 60 * 1000;

/** Where a committed write came from: this computer (a form, an import) or another replica (a sync, a file). */
export type WriteOrigin = 'local' | 'remote';

/** What a review step carries besides its action: why (a return needs it), and the warnings a submit overrides. */
export interface ReviewOptions {
  comment?: string;
  /** Codes of the submission warnings (`v.warn.*`) the submitter saw and overrides; needs a comment. */
  overriddenWarnings?: readonly string[];
}

type Issue = { ok: false; issues: FieldIssue[] };
const refused = (message: string, params?: FieldIssue['params']): Issue => ({ ok: false, issues: [{ path: '', message, ...(params ? { params } : {}) }] });

/** YYYY-MM-DD of an instant on this computer's calendar: "today" for the submitter. */
function localDate(ms: number): string {
  const at = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export interface RepositoryOptions {
  now?: () => number;
  /** Who the changes made here are attributed to, until `setAuthor` says otherwise (default `device:<id>`). */
  author?: string;
}

/** A plain value without keys whose value is undefined, at any depth (JSON has no undefined). */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)])) as T;
}

/** Fields a record's changes carry: everything but its identity and the time stamp derived from them. */
function syncedFields(record: AnyRecord): Record<string, Change['value']> {
  const fields: Record<string, Change['value']> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'entity' || key === 'id' || key === 'updatedAt' || value === undefined) continue;
    fields[key] = value as Change['value'];
  }
  return fields;
}

/** The fields that differ between two versions of a record; a field that disappeared becomes null. */
function changedFields(before: AnyRecord, after: AnyRecord): Record<string, Change['value']> {
  const old = syncedFields(before);
  const next = syncedFields(after);
  const fields: Record<string, Change['value']> = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (!sameContent(old[key], next[key])) fields[key] = next[key] ?? null;
  }
  return fields;
}

/**
 * The one write path. Every create, update, delete and import goes through here: validated with the
 * shared schemas before anything is stored, then recorded by the sync engine as field-level changes in
 * the same IndexedDB transaction as the data (both or neither). Remote changes enter here too. Listeners
 * (list indexes) hear of every committed change.
 */
export function createRepository(db: StepDatabase, options: RepositoryOptions = {}) {
  const now = options.now ?? Date.now;
  const storage = new DexieSyncStorage(db);
  // The signed-in user once this computer is enrolled (`user:<id>`): read at every write.
  let author: string | undefined = options.author;
  // The signed-in person (role, countries) once this computer is enrolled: review steps are taken as them.
  let principal: Principal | undefined;
  let engine: Promise<SyncEngine> | undefined;
  const getEngine = () => (engine ??= storage.deviceId(newRecordId).then((device) => new SyncEngine(storage, device, () => author ?? `device:${device}`, now)));

  const listeners = new Set<(changes: RecordChange[], origin: WriteOrigin) => void>();
  // Writes run one at a time: each is one transaction over every table, and `touched` is per write.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: (engine: SyncEngine) => Promise<T>, origin: WriteOrigin = 'local'): Promise<T> {
    const run = queue.then(async () => {
      const sync = await getEngine();
      storage.touched = [];
      try {
        const result = await work(sync);
        notify(storage.touched, origin);
        return result;
      } finally {
        storage.touched = [];
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  function notify(touched: readonly Touched[], origin: WriteOrigin) {
    if (touched.length === 0) return;
    const grouped = new Map<string, RecordChange>();
    for (const { entity, id, deleted } of touched) {
      const key = `${entity}:${deleted}`;
      const group = grouped.get(key) ?? { entity, ids: [], deleted };
      group.ids.push(id);
      grouped.set(key, group);
    }
    for (const listener of listeners) listener([...grouped.values()], origin);
  }

  function validate<E extends EntityType>(entity: E, candidate: unknown): WriteOutcome<EntityRecord<E>> {
    const parsed = entitySchemas[entity].safeParse(candidate);
    if (!parsed.success) return { ok: false, issues: fieldIssuesFrom(parsed.error) };
    // Zod keeps an optional key handed in as undefined (a blank place name, a photo without caption); a
    // change's value is JSON, which has none: such keys are dropped at every depth, or the push is refused.
    const record = withoutUndefined(parsed.data) as EntityRecord<E>;
    // One form for every stored time stamp (UTC, "Z"), whatever offset an imported file wrote them with.
    record.createdAt = new Date(record.createdAt).toISOString();
    record.updatedAt = new Date(record.updatedAt).toISOString();
    return { ok: true, record };
  }

  const stored = <E extends EntityType>(entity: E, id: string) => tableOf(db, entity).get(id) as Promise<EntityRecord<E> | undefined>;

  /** Local edits for records and their changed fields, each with the record's scope. */
  async function edits(entries: readonly { record: AnyRecord; fields: Record<string, Change['value']> }[]): Promise<LocalEdit[]> {
    const scopes = await scopesOf(db, entries.map((entry) => entry.record));
    return entries.map(({ record, fields }, i) => ({ kind: 'write', entity: record.entity, recordId: record.id, fields, scope: scopes[i] ?? [] }));
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

  /** The steps of several records of one kind, by record id, in one indexed read. */
  async function approvalsOfMany(ids: readonly string[], entity: EntityType): Promise<Map<string, Approval[]>> {
    const found = await tableOf(db, 'approval')
      .where('[target.entity+target.recordId]')
      .anyOf(ids.map((id) => [entity, id]))
      .toArray();
    const byId = new Map<string, Approval[]>();
    for (const step of found) byId.set(step.target.recordId, [...(byId.get(step.target.recordId) ?? []), step]);
    return byId;
  }

  /**
   * Why a stored record may not be changed by hand, if it may not: a review step is never changed, and an
   * submitted, approved or accepted record is locked until a reviewer returns or unlocks it (shared/src/workflow).
   * Reads the record's steps in the caller's transaction.
   */
  async function workflowRefusal(entity: EntityType, id: string): Promise<Issue | undefined> {
    if (entity === 'approval') return refused('v.approvalImmutable');
    if (!isReviewable(entity)) return undefined;
    const { state } = workflowOf(await approvalsOf(db, entity, id));
    return isLocked(state) ? refused('v.locked', { state }) : undefined;
  }

  /**
   * Why the signed-in person may not write a record whose countries go from `before` (undefined: a new
   * record) to `after`: the access rules the server applies (@shared/access/rules writeRefusal), so that
   * nobody is let save here what the server would refuse. A desk nobody is signed in to (not enrolled)
   * checks nothing: its records reach no server. A form shows the issue in its summary (path '').
   */
  function scopeRefusal(before: readonly string[] | undefined, after: readonly string[]): Issue | undefined {
    if (!principal) return undefined;
    const reason = writeRefusal(principal, before, after);
    if (!reason) return undefined;
    // The countries that are not the person's: where the record is now (an edit of a record not theirs), or where it would go.
    const countries = reason === 'out-of-scope' && before !== undefined && !canSee(principal, before) ? before : after;
    return refused(reason === 'out-of-scope' ? 'v.outOfScope' : 'v.movesOutOfScope', { country: countries.join(', ') || '—' });
  }

  /**
   * Takes a review step on a record as the signed-in person: submit, return, approve, accept, unlock.
   * Refused (nothing stored) without a signed-in person (v.workflow.noPrincipal), for a kind of record not
   * reviewed (v.workflow.notReviewable), a record not here (v.notFound) or outside their countries
   * (v.workflow.outOfScope), a step their role may not take from the record's state (v.workflow.notAllowed,
   * with `action` and `state`), a return without a comment; a submit, when the submission checks find an
   * error, or a warning not in `overriddenWarnings` (those issues, with the fields they are about). The
   * step is dated now, or just after the record's last step when this computer's clock is behind it, so
   * that it is the last step of the record on every replica.
   */
  async function review(target: RecordRef, action: WorkflowAction, reviewOptions: ReviewOptions = {}): Promise<WriteOutcome<Approval>> {
    const actor = principal;
    if (!actor) return refused('v.workflow.noPrincipal');
    if (!isReviewable(target.entity)) return refused('v.workflow.notReviewable');
    return exclusive((sync) =>
      storage.atomically(async (): Promise<WriteOutcome<Approval>> => {
        const record = (await stored(target.entity, target.recordId)) as AnyRecord | undefined;
        if (!record) return refused('v.notFound');
        const [scope] = await scopesOf(db, [record]);
        if (!canSee(actor, scope ?? [])) return refused('v.workflow.outOfScope');
        const approvals = await approvalsOf(db, target.entity, target.recordId);
        const status = workflowOf(approvals);
        if (!nextState(status.state, action, actor.role)) return refused('v.workflow.notAllowed', { action, state: status.state });

        let overriddenWarnings: string[] = [];
        if (action === 'submit') {
          const report = submissionChecks(record, await submissionContext(db, record, localDate(now()), actor.role));
          const blockers = submissionBlockers(report, reviewOptions.overriddenWarnings);
          if (blockers.length > 0) return { ok: false, issues: blockers };
          // Only what was there to override is recorded.
          overriddenWarnings = warningCodesOf(report);
        } else if (reviewOptions.overriddenWarnings?.length) {
          overriddenWarnings = [...reviewOptions.overriddenWarnings];
        }

        const latest = status.history.reduce((max, step) => Math.max(max, Date.parse(step.at)), Number.NEGATIVE_INFINITY);
        const at = new Date(Math.max(now(), latest + 1)).toISOString();
        const comment = reviewOptions.comment?.trim();
        const validated = validate('approval', {
          entity: 'approval',
          id: newRecordId(),
          createdAt: at,
          updatedAt: at,
          target: { entity: target.entity, recordId: target.recordId },
          action,
          ...(comment ? { comment } : {}),
          ...(overriddenWarnings.length > 0 ? { overriddenWarnings } : {}),
          actorUserId: actor.userId,
          actorRole: actor.role,
          at,
        });
        if (!validated.ok) return validated;
        if (!stepCounts(approvals, validated.record)) return refused('v.workflow.notAllowed', { action, state: status.state });
        const step = validated.record as AnyRecord;
        await sync.recordLocal(await edits([{ record: step, fields: syncedFields(step) }]));
        return { ok: true, record: (await stored('approval', step.id)) ?? validated.record };
      }),
    );
  }

  async function create<E extends EntityType>(entity: E, draft: Draft<E>): Promise<WriteOutcome<EntityRecord<E>>> {
    if (entity === 'approval') return createStep(draft as Draft<'approval'>) as Promise<WriteOutcome<EntityRecord<E>>>;
    const at = new Date(now()).toISOString();
    const outcome = validate(entity, { ...draft, entity, id: newRecordId(), createdAt: at, updatedAt: at });
    if (!outcome.ok) return outcome;
    const record = outcome.record as AnyRecord;
    const scope = await exclusive((sync) =>
      storage.atomically(async (): Promise<Issue | undefined> => {
        const created = await edits([{ record, fields: syncedFields(record) }]);
        const refusal = scopeRefusal(undefined, created[0]?.scope ?? []);
        if (refusal) return refusal;
        await sync.recordLocal(created);
        return undefined;
      }),
    );
    if (scope) return scope;
    return { ok: true, record: (await stored(entity, record.id)) ?? outcome.record };
  }

  /** A review step handed to `create`: only as the signed-in person, and then as `review` takes it. */
  async function createStep(draft: Draft<'approval'>): Promise<WriteOutcome<Approval>> {
    if (!principal) return refused('v.workflow.noPrincipal');
    if (draft.actorUserId !== principal.userId || draft.actorRole !== principal.role) return refused('v.workflow.notYours');
    return review(draft.target, draft.action, {
      ...(draft.comment ? { comment: draft.comment } : {}),
      ...(draft.overriddenWarnings ? { overriddenWarnings: draft.overriddenWarnings } : {}),
    });
  }

  /**
   * Replaces a record's content with `draft`, keeping its identity and creation time; only the fields
   * that differ become changes. With `expectedUpdatedAt` (the version a form loaded), a record changed
   * meanwhile (by an import, by a sync) is not overwritten silently: the write is refused.
   */
  async function replace<E extends EntityType>(entity: E, id: string, draft: Draft<E>, expectedUpdatedAt?: string): Promise<WriteOutcome<EntityRecord<E>>> {
    return exclusive((sync) =>
      storage.atomically(async (): Promise<WriteOutcome<EntityRecord<E>>> => {
        const existing = await stored(entity, id);
        if (!existing) return { ok: false, issues: [{ path: '', message: 'v.notFound' }] };
        if (expectedUpdatedAt !== undefined && existing.updatedAt !== expectedUpdatedAt) {
          return { ok: false, issues: [{ path: '', message: 'v.changedElsewhere' }] };
        }
        const locked = await workflowRefusal(entity, id);
        if (locked) return locked;
        const validated = validate(entity, { ...draft, entity, id, createdAt: existing.createdAt, updatedAt: existing.updatedAt });
        if (!validated.ok) return validated;
        const cycle = await parentCycle(entity, validated.record);
        if (cycle) return { ok: false, issues: [cycle] };
        const [before = [], after = []] = await scopesOf(db, [existing as AnyRecord, validated.record as AnyRecord]);
        const outOfScope = scopeRefusal(before, after);
        if (outOfScope) return outOfScope;
        const fields = changedFields(existing as AnyRecord, validated.record as AnyRecord);
        if (Object.keys(fields).length > 0) await sync.recordLocal([{ kind: 'write', entity, recordId: id, fields, scope: after }]);
        return { ok: true, record: (await stored(entity, id)) ?? validated.record };
      }),
    );
  }

  /** Deletes a record (a tombstone that syncs), unless other records still need it. */
  async function remove(entity: EntityType, id: string): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
    return exclusive((sync) =>
      storage.atomically(async () => {
        const locked = await workflowRefusal(entity, id);
        if (locked) return locked;
        const counts = await Promise.all((referrers[entity] ?? []).map(({ entity: from, field }) => tableOf(db, from).where(field).equals(id).count()));
        const dependents = counts.reduce((sum, count) => sum + count, 0);
        if (dependents > 0) return { ok: false as const, issues: [{ path: '', message: 'v.hasDependents', params: { count: dependents } }] };
        const existing = await stored(entity, id);
        if (!existing) return { ok: false as const, issues: [{ path: '', message: 'v.notFound' }] };
        const [scope = []] = await scopesOf(db, [existing as AnyRecord]);
        const outOfScope = scopeRefusal(scope, scope);
        if (outOfScope) return outOfScope;
        await sync.recordLocal([{ kind: 'delete', entity, recordId: id, scope }]);
        return { ok: true as const };
      }),
    );
  }

  /**
   * Why a new review step from a file may not be stored, if it may not: the checks `review` applies to a
   * step taken here. Only the signed-in person's own steps, on a reviewable record held here and in their
   * countries (nobody signed in: a single local desk, such as one loaded with demo data, takes steps in any
   * name, as it takes records: it cannot sync them, and once enrolled the server refuses steps in another's
   * name); allowed from the record's state for the step's role, dated not
   * before the record's last step nor in the future (beyond `importedStepSkewMs`), and counting in the
   * fold. Reads in the caller's transaction; `steps` caches each target's steps and gets the accepted one.
   */
  async function importedStepRefusal(step: Approval, steps: Map<string, Approval[]>): Promise<FieldIssue | undefined> {
    if (principal && (step.actorUserId !== principal.userId || step.actorRole !== principal.role)) return { path: 'actorUserId', message: 'v.workflow.notYours' };
    const { entity, recordId } = step.target;
    if (!isReviewable(entity)) return { path: 'target', message: 'v.workflow.notReviewable' };
    const record = (await stored(entity, recordId)) as AnyRecord | undefined;
    if (!record) return { path: 'target', message: 'v.notFound' };
    const [scope] = await scopesOf(db, [record]);
    if (principal && !canSee(principal, scope ?? [])) return { path: 'target', message: 'v.workflow.outOfScope' };
    const key = `${entity}:${recordId}`;
    const held = steps.get(key) ?? (await approvalsOf(db, entity, recordId));
    steps.set(key, held);
    const status = workflowOf(held);
    if (!nextState(status.state, step.action, step.actorRole)) return { path: 'action', message: 'v.workflow.notAllowed', params: { action: step.action, state: status.state } };
    const at = Date.parse(step.at);
    const latest = held.reduce((max, earlier) => Math.max(max, Date.parse(earlier.at)), Number.NEGATIVE_INFINITY);
    if (at < latest) return { path: 'at', message: 'v.workflow.backdated', params: { at: step.at } };
    if (at > now() + importedStepSkewMs) return { path: 'at', message: 'v.workflow.inFuture', params: { at: step.at } };
    if (!stepCounts(held, step)) return { path: 'action', message: 'v.workflow.notAllowed', params: { action: step.action, state: status.state } };
    held.push(step);
    return undefined;
  }

  /**
   * The sources (rows, lines) of a batch that the signed-in person may not write (scopeRefusal, as `create`
   * and `replace` apply it), each told in `result` once with its reason; every record of such a source is
   * left out, so a row is stored whole or not at all. Countries are read from what is stored: a record
   * whose activity comes in the same batch is judged without it (refused, unless the person is global).
   */
  async function scopeRefusalsOf(groups: readonly [EntityType, Map<string, { record: AnyRecord; source: number }>][], result: ImportBatchResult): Promise<Set<number>> {
    const entries = groups.flatMap(([, byId]) => [...byId.values()]);
    const currents = await Promise.all(groups.map(([entity, byId]) => tableOf(db, entity).bulkGet([...byId.keys()]))).then((found) => found.flat() as (AnyRecord | undefined)[]);
    const present = currents.filter((current): current is AnyRecord => current !== undefined);
    const [afters, befores] = await Promise.all([scopesOf(db, entries.map((entry) => entry.record)), scopesOf(db, present)]);
    const refusals = new Map<number, FieldIssue[]>();
    let next = 0;
    entries.forEach(({ source }, i) => {
      const before = currents[i] ? befores[next++] : undefined;
      const refusal = scopeRefusal(before, afters[i] ?? []);
      if (refusal) refusals.set(source, [...(refusals.get(source) ?? []), ...refusal.issues]);
    });
    for (const [source, issues] of refusals) result.rejected.push({ source, issues });
    return new Set(refusals.keys());
  }

  /**
   * Stores a batch of complete records (an NDJSON file) in one transaction: all of the batch's valid
   * records or none of them. Records are upserted by id, as this device's changes, so importing the same
   * file twice stores nothing the second time; a record older than the stored one does not overwrite
   * it. Invalid items are returned with their reasons, never dropped silently and never blocking the rest.
   * The review workflow holds: a step is never changed, a locked record not overwritten, a new step stored
   * only as `review` would take it (importedStepRefusal). With `enforceScope` (what people type or bring in
   * a spreadsheet), the signed-in person's countries hold too, as for `create`; the plain NDJSON import (a
   * support tool) does not check them: the server refuses what is not theirs.
   */
  async function importBatch(items: readonly ImportItem[], importOptions: ImportBatchOptions = {}): Promise<ImportBatchResult> {
    const result: ImportBatchResult = { stored: 0, unchanged: 0, keptNewer: 0, rejected: [] };
    const byEntity = new Map<EntityType, Map<string, { record: AnyRecord; source: number }>>();
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
      const list = byEntity.get(entity.data) ?? new Map<string, { record: AnyRecord; source: number }>();
      const earlier = list.get(outcome.record.id);
      if (earlier && Date.parse(earlier.record.updatedAt) > Date.parse(outcome.record.updatedAt)) {
        result.keptNewer += 1;
        continue;
      }
      if (earlier) result.keptNewer += 1;
      list.set(outcome.record.id, { record: outcome.record as AnyRecord, source: item.source });
      byEntity.set(entity.data, list);
    }
    if (byEntity.size === 0) return result;

    // Referenced kinds first, so a budget's scope can be read from an activity stored a moment before.
    const groups = [...byEntity].sort(([a], [b]) => entityImportOrder.indexOf(a) - entityImportOrder.indexOf(b));
    // The steps already held, and those of this batch accepted so far, by target.
    const stepsByTarget = new Map<string, Approval[]>();
    await exclusive((sync) =>
      storage.atomically(async () => {
        const refusedSources = importOptions.enforceScope ? await scopeRefusalsOf(groups, result) : new Set<number>();
        for (const [entity, byId] of groups) {
          const entries = [...byId.values()].filter((entry) => !refusedSources.has(entry.source));
          // Steps in time order, so that a file's "submit, then approve" is judged step after step.
          if (entity === 'approval') entries.sort((a, b) => Date.parse((a.record as Approval).at) - Date.parse((b.record as Approval).at) || a.record.id.localeCompare(b.record.id));
          const existing = await tableOf(db, entity).bulkGet(entries.map((e) => e.record.id));
          // The review workflow holds here too: steps are never changed, nor approved records (see workflowRefusal).
          const steps = isReviewable(entity) ? await approvalsOfMany(entries.map((e) => e.record.id), entity) : new Map<string, Approval[]>();
          const toWrite: { record: AnyRecord; fields: Record<string, Change['value']> }[] = [];
          for (const [i, { record, source }] of entries.entries()) {
            const current = existing[i] as AnyRecord | undefined;
            if (!current) {
              // A new step from a file is judged as `review` judges one taken here (see importedStepRefusal).
              if (record.entity === 'approval') {
                const refusal = await importedStepRefusal(record, stepsByTarget);
                if (refusal) {
                  result.rejected.push({ source, issues: [refusal] });
                  continue;
                }
              }
              toWrite.push({ record, fields: syncedFields(record) });
              continue;
            }
            const fields = changedFields(current, record);
            if (Object.keys(fields).length === 0) {
              result.unchanged += 1;
              continue;
            }
            const state = workflowOf(steps.get(record.id) ?? []).state;
            if (entity === 'approval' || isLocked(state)) {
              result.rejected.push({ source, issues: [entity === 'approval' ? { path: '', message: 'v.approvalImmutable' } : { path: '', message: 'v.locked', params: { state } }] });
              continue;
            }
            // Instants, not strings: "2025-01-01T08:00:00+07:00" and "2025-01-01T01:00:00Z" are the same moment.
            const age = Date.parse(current.updatedAt) - Date.parse(record.updatedAt);
            if (age > 0) {
              result.keptNewer += 1;
            } else if (age === 0) {
              // Same moment, different content: neither can be called newer; keep ours and say so.
              result.rejected.push({ source, issues: [{ path: 'updatedAt', message: 'v.sameTimeDifferentContent' }] });
            } else {
              toWrite.push({ record, fields });
            }
          }
          if (toWrite.length > 0) await sync.recordLocal(await edits(toWrite));
          result.stored += toWrite.length;
        }
      }),
    );
    return result;
  }

  /**
   * Records stored before the change log existed (schema version 1) become this device's creations, so
   * that they sync like any other. Cheap when there is nothing to adopt (two counts).
   */
  async function adoptUntracked(): Promise<number> {
    const counts = await Promise.all(Object.values(tableNames).map((name) => db.table(name).count()));
    // Every stored record has its merge state; tombstones and hidden records have one without a row.
    if (counts.reduce((a, b) => a + b, 0) <= (await db.recordMeta.count())) return 0;
    return exclusive((sync) =>
      storage.atomically(async () => {
        let adopted = 0;
        for (const entity of entityImportOrder) {
          const records = (await tableOf(db, entity).toArray()) as AnyRecord[];
          const metas = await db.recordMeta.bulkGet(records.map((record) => [entity, record.id] as [string, string]));
          const untracked = records.filter((_, i) => !metas[i]);
          if (untracked.length === 0) continue;
          await sync.recordLocal(await edits(untracked.map((record) => ({ record, fields: syncedFields(record) }))));
          adopted += untracked.length;
        }
        return adopted;
      }),
    );
  }

  return {
    create,
    replace,
    remove,
    importBatch,
    adoptUntracked,
    /** Validates without storing: forms use it to show every field's problem at once. */
    validateDraft<E extends EntityType>(entity: E, draft: Draft<E>): FieldIssue[] {
      const at = new Date(now()).toISOString();
      const outcome = validate(entity, { ...draft, entity, id: newRecordId(), createdAt: at, updatedAt: at });
      return outcome.ok ? [] : outcome.issues;
    },
    /** Applies changes from another replica (a file, later the network), idempotently. */
    applyRemote(changes: readonly unknown[]): Promise<ApplyResult> {
      return exclusive((sync) => sync.apply(changes), 'remote');
    },
    /**
     * applyRemote, and `alongside` in the same transaction (a bundle chunk's bookkeeping): both or neither.
     * `alongside` may only touch this database (no other awaits, or IndexedDB commits early).
     */
    applyRemoteWith(changes: readonly unknown[], alongside: (result: ApplyResult) => Promise<void>): Promise<ApplyResult> {
      return exclusive(
        (sync) =>
          storage.atomically(async () => {
            const result = await sync.apply(changes);
            await alongside(result);
            return result;
          }),
        'remote',
      );
    },
    /** Every change this replica holds beyond a peer's vector (all of them for an empty one). */
    async changesBeyond(vector: Record<string, number> = {}): Promise<Change[]> {
      return (await getEngine()).changesBeyond(vector);
    },
    async vector(): Promise<Record<string, number>> {
      return (await getEngine()).vector();
    },
    async history(entity: EntityType, id: string) {
      return (await getEngine()).history(entity, id);
    },
    async conflicts(): Promise<Conflict[]> {
      return (await getEngine()).conflicts();
    },
    /**
     * Settles a conflict with a change that has seen every value in it. Refused (nothing written) like an
     * edit: on a record locked in review (v.locked) and on a review step (v.approvalImmutable).
     */
    resolve(conflict: Conflict, resolution: Resolution): Promise<{ ok: true; change: Change } | Issue> {
      return exclusive((sync) =>
        storage.atomically(async () => {
          const locked = await workflowRefusal(conflict.entity, conflict.recordId);
          if (locked) return locked;
          const meta = await db.recordMeta.get([conflict.entity, conflict.recordId]);
          return { ok: true as const, change: await sync.resolve(conflict, resolution, (meta?.scope ?? []) as never) };
        }),
      );
    },
    async deviceId(): Promise<string> {
      return (await getEngine()).device;
    },
    /** Who this computer's next changes are attributed to: `user:<id>` once enrolled, undefined for the device. */
    setAuthor(next: string | undefined): void {
      author = next ?? options.author;
    },
    /**
     * Who is signed in (role, countries), undefined on a desk not enrolled: review steps are taken as them,
     * and none without. The sync controller sets it with the author.
     */
    setPrincipal(next: Principal | undefined): void {
      principal = next;
    },
    review,
    /** This device's own changes with seq greater than `afterSeq`, in seq order (what a push sends). */
    async ownChangesAfter(afterSeq: number, limit: number): Promise<Change[]> {
      const device = (await getEngine()).device;
      return storage.changesAfter(device, afterSeq, limit);
    },
    /** The last seq this device issued. */
    async localSeq(): Promise<number> {
      await getEngine();
      return (await storage.getLocal()).seq;
    },
    /** Told after every committed write, with where it came from (a sync only listens to local ones). */
    subscribe(listener: (changes: RecordChange[], origin: WriteOrigin) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;

export { tableNames };
