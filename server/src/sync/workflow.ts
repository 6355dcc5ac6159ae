import type { Principal } from '@shared/access/rules';
import type { ChangeRefusal } from '@shared/api/contract';
import { approvalSchema, type Approval } from '@shared/domain/entities/approval';
import type { EntityType } from '@shared/domain/entities/entityTypes';
import type { RecordRef } from '@shared/domain/scope';
import { deletedField, type Change } from '@shared/sync/change';
import { materialize } from '@shared/sync/merge';
import { isLocked, isReviewable, mayEverTake, stepEffect, unlockableBy, workflowOf } from '@shared/workflow/workflow';
import type { Queryable } from '../db/database';
import { recordKey } from './rows';

/**
 * The review workflow on the server (shared/src/workflow), judged before the access rules on countries,
 * over one device run in seq order:
 *
 * - an approval record (a review step) is taken once and never changed: a change to an approval the
 *   server holds is refused, unless it comes from the device that took the step and sets a field the step
 *   did not have yet (a bundle may carry a record's changes in several runs: the step is judged when it
 *   is complete, and what its first part says must already hold); a step must be valid, about a
 *   reviewable record, taken as the person the device acts for (actorUserId and actorRole are theirs),
 *   by a role that may take that step at all, not dated in the future, and must not rewrite the
 *   record's past (make a step that
 *   counted stop counting: a coordinator's unlock dated before the Secretariat's acceptance). A step that
 *   does not count yet (a coordinator's approval arriving before the officer's submission it answers,
 *   two reviewers acting at once offline) is kept: every replica folds the same steps into the same state
 *   (workflowOf), and shows the step as not counted;
 * - a change (a delete too) to a reviewable record whose state is locked (approved, accepted) is refused,
 *   the state being the fold of the steps the server holds and those of this run accepted before it.
 *
 * Refused changes get the reasons 'workflow' and 'locked', with a detail that says which rule.
 */

type Refuse = (change: Change, reason: ChangeRefusal['reason'], detail?: string) => void;

/** How far ahead of the server's clock a step may be dated (desk clocks drift; months ahead is a wrong clock). */
export const stepClockSkewMs = 24 * 60 * 60 * 1000;

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

/** An approval from its merged values, or undefined when they do not make a valid one. */
function approvalOf(recordId: string, values: Record<string, unknown>, updatedAt: string): Approval | undefined {
  const parsed = approvalSchema.safeParse({ ...values, entity: 'approval', id: recordId, updatedAt });
  return parsed.success ? parsed.data : undefined;
}

interface StepCandidate {
  key: string;
  group: Change[];
  approval: Approval;
  seq: number;
}

/**
 * Judges the workflow rules on a run's changes grouped by record; refuses through `refuse` and answers
 * the groups left (a group whose changes are all refused is dropped). Reads nothing when the run has no
 * approval and no reviewable record.
 */
export async function judgeWorkflow(
  tx: Queryable,
  principal: Principal,
  byRecord: ReadonlyMap<string, Change[]>,
  refuse: Refuse,
  now: number = Date.now(),
): Promise<Map<string, Change[]>> {
  const groups = [...byRecord].filter(([, group]) => group.length > 0);
  const stepGroups = groups.filter(([, group]) => group[0]!.entity === 'approval');
  const reviewable = groups.filter(([, group]) => isReviewable(group[0]!.entity));
  if (stepGroups.length === 0 && reviewable.length === 0) return new Map(byRecord);

  const refused = new Set<Change>();
  const refuseAll = (group: readonly Change[], reason: ChangeRefusal['reason'], detail: string) =>
    group.forEach((change) => {
      refused.add(change);
      refuse(change, reason, detail);
    });

  // New steps, and the rest of steps whose first fields came in an earlier run (a bundle may split a
  // record's changes); a step the server holds is never changed.
  const held = await heldSteps(
    tx,
    stepGroups.map(([, group]) => group[0]!.recordId),
  );
  const candidates: StepCandidate[] = [];
  for (const [key, group] of stepGroups) {
    const recordId = group[0]!.recordId;
    const before = held.get(recordId);
    const merged = materialize(group);
    let values = merged.values;
    let updatedAt = merged.updatedAt;
    if (before) {
      // Only the device that took the step may complete it, with fields it had not sent yet.
      const completes = !before.deleted && group.every((change) => change.field !== deletedField && before.devices.has(change.device) && before.devices.size === 1 && !before.fields.has(change.field));
      if (!completes) {
        refuseAll(group, 'workflow', `approval ${recordId}: a review step is never changed or deleted once taken`);
        continue;
      }
      values = { ...before.values, ...merged.values };
      updatedAt = before.updatedAt > merged.updatedAt ? before.updatedAt : merged.updatedAt;
    } else if (merged.deleted) {
      refuseAll(group, 'workflow', `approval ${recordId}: a review step is never deleted`);
      continue;
    }
    const approval = approvalOf(recordId, values, updatedAt);
    if (before?.valid) {
      // An optional field (a comment) of a step already taken, from the device that took it: the fold does not change.
      if (!approval) refuseAll(group, 'workflow', `approval ${recordId}: the review step would become invalid`);
      continue;
    }
    if (!approval) {
      // Not complete yet (its other fields come in a later run): what it says already must hold.
      const detail = partialStepRefusal(principal, values);
      if (detail) refuseAll(group, 'workflow', `approval ${recordId}: ${detail}`);
      continue;
    }
    const detail = stepRefusal(principal, approval, now);
    if (detail) {
      refuseAll(group, 'workflow', `approval ${recordId}: ${detail}`);
      continue;
    }
    candidates.push({ key, group, approval, seq: Math.min(...group.map((change) => change.seq)) });
  }

  // The steps of every record concerned, as the server holds them; then this run's, in seq order.
  const targets = new Map<string, RecordRef>();
  for (const { approval } of candidates) targets.set(targetKey(approval.target), approval.target);
  for (const [, group] of reviewable) targets.set(recordKey(group[0]!.entity, group[0]!.recordId), { entity: group[0]!.entity, recordId: group[0]!.recordId });
  const steps = await approvalsAbout(tx, [...targets.values()]);

  type Event = { seq: number; step: StepCandidate } | { seq: number; change: Change };
  const events: Event[] = [
    ...candidates.map((step) => ({ seq: step.seq, step })),
    ...reviewable.flatMap(([, group]) => group.map((change) => ({ seq: change.seq, change }))),
  ].sort((a, b) => a.seq - b.seq);
  for (const event of events) {
    if ('step' in event) {
      const { approval, group } = event.step;
      const list = steps.get(targetKey(approval.target))!;
      const { displaces } = stepEffect(list, approval);
      if (displaces.length > 0) {
        refuseAll(group, 'workflow', `approval ${approval.id}: dated ${approval.at}, the ${approval.action} would undo steps already taken (${displaces.join(', ')})`);
        continue;
      }
      list.push(approval);
      continue;
    }
    const { change } = event;
    const state = workflowOf(steps.get(recordKey(change.entity, change.recordId)) ?? []).state;
    if (isLocked(state)) {
      refused.add(change);
      refuse(change, 'locked', `${change.entity} ${change.recordId} is ${state}: only ${unlockableBy(state).join(' or ')} can unlock or return it`);
    }
  }

  const left = new Map<string, Change[]>();
  for (const [key, group] of byRecord) {
    const kept = group.filter((change) => !refused.has(change));
    if (kept.length > 0) left.set(key, kept);
  }
  return left;
}

interface HeldStep {
  values: Record<string, unknown>;
  deleted: boolean;
  updatedAt: string;
  /** Whether its values make a valid step (it counts in folds), or only part of one so far. */
  valid: boolean;
  /** The devices that wrote it, and the fields it has. */
  devices: Set<string>;
  fields: Set<string>;
}

/** The approval records the server holds among `ids`, with who wrote them and which fields they have. */
async function heldSteps(tx: Queryable, ids: readonly string[]): Promise<Map<string, HeldStep>> {
  const out = new Map<string, HeldStep>();
  if (ids.length === 0) return out;
  const rows = await tx.query<{ record_id: string; data: Record<string, unknown>; deleted: boolean; updated_at: string }>(
    `select record_id, data, deleted, updated_at from records where entity = 'approval' and record_id = any($1::text[])`,
    [[...ids]],
  );
  for (const row of rows) {
    const valid = approvalOf(row.record_id, row.data, row.updated_at) !== undefined;
    out.set(row.record_id, { values: row.data, deleted: row.deleted, updatedAt: row.updated_at, valid, devices: new Set(), fields: new Set() });
  }
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

/** What part of a step already says that cannot hold, whatever its other fields will be. */
function partialStepRefusal(principal: Principal, values: Record<string, unknown>): string | undefined {
  if (values.actorUserId !== undefined && values.actorUserId !== principal.userId) return `taken in the name of ${String(values.actorUserId)}; steps are taken as ${principal.userId}`;
  if (values.actorRole !== undefined && values.actorRole !== principal.role) return `taken as ${String(values.actorRole)}; ${principal.userId} is ${principal.role}`;
  const target = values.target as { entity?: unknown } | undefined;
  if (typeof target?.entity === 'string' && !isReviewable(target.entity as EntityType)) return `a ${target.entity} is not reviewed`;
  return undefined;
}

/** Why a new step may not be taken by this sender, whatever the record's state; undefined when it may. */
function stepRefusal(principal: Principal, approval: Approval, now: number): string | undefined {
  if (approval.actorUserId !== principal.userId || approval.actorRole !== principal.role) {
    return `taken in the name of ${approval.actorUserId} (${approval.actorRole}); steps are taken as ${principal.userId} (${principal.role})`;
  }
  if (!isReviewable(approval.target.entity)) return `a ${approval.target.entity} is not reviewed`;
  if (!mayEverTake(approval.action, approval.actorRole)) return `a ${approval.actorRole} may not ${approval.action} a record`;
  if (Date.parse(approval.at) > now + stepClockSkewMs) return `dated ${approval.at}, in the future`;
  return undefined;
}
