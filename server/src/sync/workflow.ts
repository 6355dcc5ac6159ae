import type { Principal } from '@shared/access/rules';
import type { ChangeRefusal } from '@shared/api/contract';
import type { Approval } from '@shared/domain/entities/approval';
import type { RecordRef } from '@shared/domain/scope';
import { changeKey, type Change } from '@shared/sync/change';
import { approvalOf, judgeWorkflow as judgeRuns, type HeldStep, type WorkflowLookup } from '@shared/workflow/judge';
import type { Queryable } from '../db/database';
import { recordKey } from './rows';

/**
 * The review workflow on the server: the shared judgement (shared/src/workflow/judge.ts, which desks
 * importing a bundle run too) over one device run, reading what the server holds from PostgreSQL. Judged
 * before the access rules on countries (deviceRun.ts). Refused changes get the reasons 'workflow' and
 * 'locked', with a detail that says which rule.
 */

type Refuse = (change: Change, reason: ChangeRefusal['reason'], detail?: string) => void;

const targetKey = (target: RecordRef) => recordKey(target.entity, target.recordId);

/** The approvals the server holds about `targets`, by target key (deleted and invalid ones left out, as desks do). */
export async function approvalsAbout(tx: Queryable, targets: readonly RecordRef[]): Promise<Map<string, Approval[]>> {
  const out = new Map<string, Approval[]>(targets.map((target) => [targetKey(target), []]));
  if (targets.length === 0) return out;
  // records_target indexes data->'target'->>'recordId'.
  const rows = await tx.query<{ record_id: string; data: Record<string, unknown>; updated_at: string }>(
    `select record_id, data, updated_at from records where entity = 'approval' and not deleted and data->'target'->>'recordId' = any($1::text[])`,
    [[...new Set(targets.map((target) => target.recordId))]],
  );
  for (const row of rows) {
    const approval = approvalOf(row.record_id, row.data, row.updated_at);
    if (!approval) continue;
    out.get(targetKey(approval.target))?.push(approval);
  }
  return out;
}

/** The approval records the server holds among `ids`, with who wrote them and which fields they have. */
async function heldSteps(tx: Queryable, ids: readonly string[]): Promise<Map<string, HeldStep>> {
  const out = new Map<string, HeldStep & { devices: Set<string>; fields: Set<string> }>();
  if (ids.length === 0) return out;
  const rows = await tx.query<{ record_id: string; data: Record<string, unknown>; deleted: boolean; updated_at: string }>(
    `select record_id, data, deleted, updated_at from records where entity = 'approval' and record_id = any($1::text[])`,
    [[...ids]],
  );
  for (const row of rows) out.set(row.record_id, { values: row.data, deleted: row.deleted, updatedAt: row.updated_at, devices: new Set(), fields: new Set() });
  if (out.size === 0) return out;
  const writers = await tx.query<{ record_id: string; device: string; field: string }>(
    `select distinct record_id, device, field from changes where entity = 'approval' and record_id = any($1::text[])`,
    [[...out.keys()]],
  );
  for (const row of writers) {
    const step = out.get(row.record_id)!;
    step.devices.add(row.device);
    step.fields.add(row.field);
  }
  return out;
}

/** What the shared judgement reads, from the server's tables in the transaction `tx`. */
export const workflowLookup = (tx: Queryable): WorkflowLookup => ({
  heldSteps: (ids) => heldSteps(tx, ids),
  approvalsAbout: (targets) => approvalsAbout(tx, targets),
});

/**
 * Judges the workflow rules on a run's changes grouped by record; refuses through `refuse` (in seq order)
 * and answers the groups left (a group whose changes are all refused is dropped).
 */
export async function judgeWorkflow(
  tx: Queryable,
  principal: Principal,
  byRecord: ReadonlyMap<string, Change[]>,
  refuse: Refuse,
  now: number = Date.now(),
): Promise<Map<string, Change[]>> {
  const changes = [...byRecord.values()].flat();
  const refused = await judgeRuns({ runs: [{ principal, changes }], lookup: workflowLookup(tx), now });
  if (refused.size === 0) return new Map(byRecord);
  for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
    const refusal = refused.get(changeKey(change));
    if (refusal) refuse(change, refusal.reason, refusal.detail);
  }
  const left = new Map<string, Change[]>();
  for (const [key, group] of byRecord) {
    const kept = group.filter((change) => !refused.has(changeKey(change)));
    if (kept.length > 0) left.set(key, kept);
  }
  return left;
}
