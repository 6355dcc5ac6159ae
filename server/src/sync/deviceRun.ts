import { allowedAuthors, isAllowedAuthor } from '@shared/access/authors';
import { writeRefusal, type Principal } from '@shared/access/rules';
import type { ChangeRefusal } from '@shared/api/contract';
import { scopeLevel, type RecordRef } from '@shared/domain/scope';
import type { Change } from '@shared/sync/change';
import { SyncEngine } from '@shared/sync/engine';
import { checkFieldValue } from '@shared/sync/fieldValues';
import { materialize } from '@shared/sync/merge';
import { advisoryLocks, type Queryable } from '../db/database';
import { PgStorage } from './pgStorage';
import { changeColumns, changeOf, recordKey, type ChangeRow } from './rows';
import { readRecordValues, scopeDetails, type RecordValues } from './scope';
import { refreshScopes } from './scopeRefresh';
import { judgeWorkflow } from './workflow';

/**
 * The one way changes enter the server, shared by push (a device's own changes) and bundle import (the
 * changes of every device a bundle carries): per change its author and field value, then per record the
 * access rules on its countries before and after, then the shared engine's merge. Refused changes are kept
 * in refused_changes for review and count as processed, so the device moves on past them.
 */

/** The engine's own id on the server: it stamps nothing, but the engine needs a valid device id. */
const serverEngineDevice = 'step-server';

/** The device a run of changes comes from, and the person it acts for (as the server knows them now). */
export interface Originator {
  deviceId: string;
  principal: Principal;
}

export interface RunOutcome {
  applied: number;
  duplicates: number;
  refused: ChangeRefusal[];
  /** With `unknownRecords: 'wait'`: the changes left unprocessed, from the first that waits, in seq order. */
  waiting: Change[];
  /** Why the first of `waiting` waits (which record is unknown here). */
  waitingDetail?: string;
}

export interface RunOptions {
  /**
   * A record refused only because a record its countries come from is not on the server (a participation
   * whose activity has not arrived yet), when that record is neither in this run nor among refused
   * changes: 'refuse' it (push: the desk sent it out of order and is told) or 'wait' (bundle import: a
   * bundle may arrive before the one carrying the activity; that change and the device's later ones stay
   * unprocessed, so a later import applies them once the activity is here).
   */
  unknownRecords?: 'refuse' | 'wait';
}

type Refusal = ChangeRefusal & { change: Change };
interface Judgement {
  accepted: Change[];
  refused: Refusal[];
  /** The earliest change whose record must wait, when any. */
  firstWaiting?: { seq: number; detail: string };
}

/** Every writer takes this lock first, in its transaction: one writer at a time, so server_seq order is commit order. */
export async function lockSyncWrites(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [advisoryLocks.syncWrite]);
}

/** The highest seq processed (accepted, refused or duplicate) without gaps, per device; 0 when none. */
export async function processedSeqs(tx: Queryable, devices: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.query<{ device: string; processed_seq: string | number }>('select device, processed_seq from device_progress where device = any($1::text[])', [[...devices]]);
  const out = new Map(devices.map((device) => [device, 0]));
  for (const row of rows) out.set(row.device, Number(row.processed_seq));
  return out;
}

/**
 * Applies `fresh`: changes of `originator.deviceId` that continue its processed seqs without a gap, in
 * seq order. The caller holds the sync write lock (lockSyncWrites) in the transaction `tx` and has checked
 * the continuity; this advances device_progress to the last change processed (all of them, unless some
 * wait: see RunOptions).
 */
export async function applyDeviceRun(tx: Queryable, originator: Originator, fresh: readonly Change[], options: RunOptions = {}): Promise<RunOutcome> {
  let run = [...fresh];
  let waiting: Change[] = [];
  let waitingDetail: string | undefined;
  let judged = await judge(tx, originator, run, options.unknownRecords ?? 'refuse');
  // A waiting change holds back the device's later ones (processed_seq has no holes); without them the
  // rest is judged again, as it may have built on them. Each round is shorter, so this ends.
  while (judged.firstWaiting) {
    const cut = judged.firstWaiting.seq;
    waitingDetail = judged.firstWaiting.detail;
    waiting = fresh.filter((change) => change.seq >= cut);
    run = fresh.filter((change) => change.seq < cut);
    judged = await judge(tx, originator, run, options.unknownRecords ?? 'refuse');
  }
  const waitingPart = { waiting, ...(waitingDetail ? { waitingDetail } : {}) };
  if (run.length === 0) return { applied: 0, duplicates: 0, refused: [], ...waitingPart };
  const { accepted, refused } = judged;

  let applied = 0;
  let duplicates = 0;
  if (accepted.length > 0) {
    const created = new Set<string>();
    const existing = await readRecordValues(tx, refsOf(accepted));
    for (const change of accepted) if (!existing.has(recordKey(change.entity, change.recordId))) created.add(recordKey(change.entity, change.recordId));
    const result = await new SyncEngine(new PgStorage(tx), serverEngineDevice, 'server').apply(accepted);
    // Every change here passed the contract's schema already; a rejection would be a server bug.
    if (result.rejected.length > 0) throw new Error(`engine rejected ${result.rejected.length} validated changes`);
    applied = result.applied;
    duplicates = result.duplicates;
    await refreshScopes(tx, refsOf(accepted), created);
  }

  if (refused.length > 0) {
    await tx.query(
      `insert into refused_changes (device, seq, change, reason, detail)
       select x.device, x.seq, x.change, x.reason, x.detail from jsonb_to_recordset($1::text::jsonb) as x(device text, seq bigint, change text, reason text, detail text)`,
      [JSON.stringify(refused.map((r) => ({ device: originator.deviceId, seq: r.seq, change: JSON.stringify(r.change), reason: r.reason, detail: r.detail ?? null })))],
    );
  }
  await tx.query(
    'insert into device_progress (device, processed_seq) values ($1, $2) on conflict (device) do update set processed_seq = greatest(device_progress.processed_seq, excluded.processed_seq)',
    [originator.deviceId, Math.max(...run.map((change) => change.seq))],
  );
  return { applied, duplicates, refused: refused.map(({ change: _change, ...refusal }) => refusal), ...waitingPart };
}

/** Which of `run` are refused, accepted, or (with 'wait') must wait; writes nothing. */
async function judge(tx: Queryable, originator: Originator, run: readonly Change[], unknownRecords: 'refuse' | 'wait'): Promise<Judgement> {
  const refused: Refusal[] = [];
  const refuse = (change: Change, reason: ChangeRefusal['reason'], detail?: string) =>
    refused.push({ seq: change.seq, entity: change.entity, recordId: change.recordId, field: change.field, reason, ...(detail ? { detail } : {}), change });

  const owner = { deviceId: originator.deviceId, userId: originator.principal.userId };
  const byRecord = new Map<string, Change[]>();
  for (const change of run) {
    if (!isAllowedAuthor(change.author, owner)) {
      refuse(change, 'forged-author', `author must be ${allowedAuthors(owner).join(' or ')}`);
      continue;
    }
    const check = checkFieldValue(change.entity, change.field, change.value);
    if (!check.ok) {
      refuse(change, check.reason, check.detail);
      continue;
    }
    const key = recordKey(change.entity, change.recordId);
    let list = byRecord.get(key);
    if (!list) byRecord.set(key, (list = []));
    list.push(change);
  }

  let firstWaiting: Judgement['firstWaiting'];
  const wait = (group: readonly Change[], detail: string) => {
    const seq = Math.min(...group.map((change) => change.seq));
    if (!firstWaiting || seq < firstWaiting.seq) firstWaiting = { seq, detail };
  };
  const accepted = await authorize(tx, originator.principal, byRecord, refuse, unknownRecords === 'wait' ? wait : undefined);
  return { accepted, refused, ...(firstWaiting ? { firstWaiting } : {}) };
}

const refsOf = (changes: readonly Change[]): RecordRef[] => {
  const refs = new Map<string, RecordRef>();
  for (const change of changes) refs.set(recordKey(change.entity, change.recordId), { entity: change.entity, recordId: change.recordId });
  return [...refs.values()];
};

/**
 * The review workflow's rules (workflow.ts), then the access rules per record: its countries before (as the server holds it) and after (merged with this
 * run's changes). Records are decided in scope order (activities before what hangs off them, documents
 * last), so a participation sent with its new activity is judged by that activity as it will be, and
 * by nothing a refused change would have made it. With `wait`, a refused record whose countries could
 * not be computed because a record they come from is unknown (see RunOptions) is handed to `wait` instead.
 */
async function authorize(
  tx: Queryable,
  principal: Principal,
  byRecord: ReadonlyMap<string, Change[]>,
  refuse: (change: Change, reason: ChangeRefusal['reason'], detail?: string) => void,
  wait?: (group: readonly Change[], detail: string) => void,
): Promise<Change[]> {
  if (byRecord.size === 0) return [];
  // The review workflow first (workflow.ts): steps not allowed and edits of locked records are out.
  const allowed = await judgeWorkflow(tx, principal, byRecord, refuse);
  if (allowed.size === 0) return [];
  const groups = [...allowed.values()];
  const refs = groups.map((group) => ({ entity: group[0]!.entity, recordId: group[0]!.recordId }));
  const before = await readRecordValues(tx, refs);
  const heldRows = await tx.query<ChangeRow>(
    `select ${changeColumns} from changes c join unnest($1::text[], $2::text[]) as k(entity, record_id) on c.entity = k.entity and c.record_id = k.record_id`,
    [refs.map((ref) => ref.entity), refs.map((ref) => ref.recordId)],
  );
  const held = new Map<string, Change[]>();
  for (const change of heldRows.map(changeOf)) {
    const key = recordKey(change.entity, change.recordId);
    let list = held.get(key);
    if (!list) held.set(key, (list = []));
    list.push(change);
  }

  const beforeList = refs.map((ref) => before.get(recordKey(ref.entity, ref.recordId)));
  const present = beforeList.filter((record): record is RecordValues => record !== undefined);
  const presentScopes = await scopeDetails(tx, present);
  const beforeScopes = new Map(present.map((record, i) => [recordKey(record.entity, record.recordId), presentScopes[i]!]));

  const after = groups.map((group): RecordValues => {
    const { entity, recordId } = group[0]!;
    return { entity, recordId, values: materialize([...(held.get(recordKey(entity, recordId)) ?? []), ...group]).values };
  });
  const overlay = new Map<string, RecordValues>();
  const accepted: Change[] = [];
  for (const level of [0, 1, 2] as const) {
    const batch = after.map((record, i) => ({ record, group: groups[i]! })).filter(({ record }) => scopeLevel(record) === level);
    const afterScopes = await scopeDetails(tx, batch.map(({ record }) => record), overlay);
    for (const [i, { record, group }] of batch.entries()) {
      const key = recordKey(record.entity, record.recordId);
      const beforeScope = beforeScopes.get(key);
      const afterScope = afterScopes[i]!;
      const refusal = writeRefusal(principal, beforeScope?.countries, afterScope.countries);
      if (!refusal) {
        overlay.set(key, record);
        accepted.push(...group);
        continue;
      }
      const detail = `${record.entity} ${record.recordId}: countries ${beforeScope?.countries.join(',') ?? '(new)'} → ${afterScope.countries.join(',') || '(none)'}`;
      // Records of this run (decided, or refused) and records refused earlier are known: only the others wait.
      const unknown = wait ? await unknownHere(tx, [...(beforeScope?.missing ?? []), ...afterScope.missing].filter((ref) => !byRecord.has(recordKey(ref.entity, ref.recordId)))) : [];
      if (wait && unknown.length > 0) wait(group, `${detail}: waiting for ${unknown.map((ref) => `${ref.entity} ${ref.recordId}`).join(', ')}`);
      else group.forEach((change) => refuse(change, refusal, detail));
    }
  }
  return accepted.sort((a, b) => a.seq - b.seq);
}

/** Of records missing from `records`, those no refused change names either: not here yet, rather than refused. */
async function unknownHere(tx: Queryable, refs: readonly RecordRef[]): Promise<RecordRef[]> {
  if (refs.length === 0) return [];
  const rows = await tx.query<{ entity: string; record_id: string }>(
    `select distinct k.entity, k.record_id from unnest($1::text[], $2::text[]) as k(entity, record_id)
     where exists (select 1 from refused_changes r where r.change::jsonb->>'entity' = k.entity and r.change::jsonb->>'recordId' = k.record_id)`,
    [refs.map((ref) => ref.entity), refs.map((ref) => ref.recordId)],
  );
  const refused = new Set(rows.map((row) => recordKey(row.entity, row.record_id)));
  return refs.filter((ref) => !refused.has(recordKey(ref.entity, ref.recordId)));
}
