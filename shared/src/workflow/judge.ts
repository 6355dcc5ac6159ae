import type { Principal } from '../access/rules';
import { approvalSchema, type Approval } from '../domain/entities/approval';
import type { EntityType } from '../domain/entities/entityTypes';
import type { RecordRef } from '../domain/scope';
import { changeKey, deletedField, type Change } from '../sync/change';
import { materialize } from '../sync/merge';
import { isLocked, isReviewable, mayEverTake, unlockableBy, workflowOf } from './workflow';

/**
 * Whether a replica takes in another device's changes, by the review workflow's rules: the one judgement
 * of the server (server/src/sync/workflow.ts, on push and bundle import) and of a desk importing a bundle
 * (shared/src/bundle/exchange.ts), so that both keep and refuse the same changes. Over each originating
 * device's run of changes, in seq order:
 *
 * - an approval record (a review step) is taken once and never changed: a change to a step the replica
 *   holds is refused, unless it comes from the device that took the step and sets a field the step did
 *   not have yet (a bundle may carry a record's changes in several runs: the step is judged when it is
 *   complete, and what its first part says must already hold); a step must be valid, about a reviewable
 *   record, taken as the person the device acts for (actorUserId and actorRole are theirs), by a role
 *   that may take that step at all, and not dated in the future. A well-formed step is kept whatever it
 *   does to the fold: one that does not count yet (a coordinator's approval arriving before the
 *   officer's submission it answers), or one that makes an earlier step stop counting (two reviewers
 *   acting at once offline: an unlock dated before an acceptance that arrived first). Refusing those
 *   would make the outcome depend on arrival order; kept, every replica holds the same steps and folds
 *   them into the same state (workflowOf), showing the steps that do not count;
 * - a change (a delete too) to a reviewable record whose state is locked (submitted, approved, accepted)
 *   is refused, the state being the fold of the steps the replica holds and those of the run (and of
 *   earlier runs judged in the same call) accepted before it: "unlock, then edit" in one run works.
 *
 * Refused changes get the reasons 'workflow' and 'locked', with a detail that says which rule. The access
 * rules on countries come after (server/src/sync/deviceRun.ts, shared/src/bundle/importScope.ts).
 */

/** How far ahead of the judging replica's clock a step may be dated (desk clocks drift; months ahead is a wrong clock). */
export const stepClockSkewMs = 24 * 60 * 60 * 1000;

/** A step (approval record) as a replica holds it: its merged values, and who wrote which fields. */
export interface HeldStep {
  values: Record<string, unknown>;
  deleted: boolean;
  updatedAt: string;
  /** The devices that wrote it, and the fields it has. */
  devices: ReadonlySet<string>;
  fields: ReadonlySet<string>;
}

/** What the judgement reads of the replica, in batches. */
export interface WorkflowLookup {
  /** The approval records held among `ids` (complete or not), by id; absent: never heard of. */
  heldSteps(ids: readonly string[]): Promise<Map<string, HeldStep>>;
  /** The valid steps held about each of `targets` (deleted and invalid ones left out), by `entity:recordId`. */
  approvalsAbout(targets: readonly RecordRef[]): Promise<Map<string, Approval[]>>;
}

/** One originating device's changes (field values already checked), and the person it acts for. */
export interface WorkflowRun {
  principal: Principal;
  changes: readonly Change[];
}

export interface WorkflowRefusal {
  reason: 'locked' | 'workflow';
  detail: string;
}

const refKey = (ref: RecordRef) => `${ref.entity}:${ref.recordId}`;

/** An approval from its merged values, or undefined when they do not make a valid one. */
export function approvalOf(recordId: string, values: Record<string, unknown>, updatedAt: string): Approval | undefined {
  const parsed = approvalSchema.safeParse({ ...values, entity: 'approval', id: recordId, updatedAt });
  return parsed.success ? parsed.data : undefined;
}

/** A held step from the changes a replica holds of it (undefined when it holds none). */
export function heldStepOf(changes: readonly Change[]): HeldStep | undefined {
  if (changes.length === 0) return undefined;
  const merged = materialize(changes);
  return {
    values: merged.values,
    deleted: merged.deleted,
    updatedAt: merged.updatedAt,
    devices: new Set(changes.map((change) => change.device)),
    fields: new Set(changes.map((change) => change.field)),
  };
}

/** A held step with more of its changes (accepted earlier in the same judgement). */
function withChanges(held: HeldStep | undefined, changes: readonly Change[]): HeldStep | undefined {
  if (changes.length === 0) return held;
  const added = heldStepOf(changes)!;
  if (!held) return added;
  return {
    values: { ...held.values, ...added.values },
    deleted: held.deleted || added.deleted,
    updatedAt: held.updatedAt > added.updatedAt ? held.updatedAt : added.updatedAt,
    devices: new Set([...held.devices, ...added.devices]),
    fields: new Set([...held.fields, ...added.fields]),
  };
}

interface StepCandidate {
  approval: Approval;
  seq: number;
}

/**
 * Judges the runs in turn (each sees what the earlier ones had accepted); answers the refused changes by
 * change key (`device:seq`), the others being accepted. Reads nothing for runs without an approval or a
 * reviewable record.
 */
export async function judgeWorkflow(input: { runs: readonly WorkflowRun[]; lookup: WorkflowLookup; now: number }): Promise<Map<string, WorkflowRefusal>> {
  const refused = new Map<string, WorkflowRefusal>();
  const held = new Map<string, HeldStep | undefined>();
  /** Accepted changes of approval records in earlier runs: held once applied. */
  const heldOverlay = new Map<string, Change[]>();
  const steps = new Map<string, Approval[]>();

  for (const { principal, changes } of input.runs) {
    const groups = new Map<string, Change[]>();
    for (const change of changes) {
      const key = refKey(change);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(change);
    }
    const stepGroups = [...groups.values()].filter((group) => group[0]!.entity === 'approval');
    const reviewable = [...groups.values()].filter((group) => isReviewable(group[0]!.entity));
    if (stepGroups.length === 0 && reviewable.length === 0) continue;

    const refuseAll = (group: readonly Change[], reason: WorkflowRefusal['reason'], detail: string) => group.forEach((change) => refused.set(changeKey(change), { reason, detail }));

    // New steps, and the rest of steps whose first fields came earlier (a bundle may split a record's
    // changes); a step held is never changed.
    const unknown = stepGroups.map((group) => group[0]!.recordId).filter((id) => !held.has(id));
    if (unknown.length > 0) {
      const found = await input.lookup.heldSteps(unknown);
      for (const id of unknown) held.set(id, found.get(id));
    }
    const candidates: StepCandidate[] = [];
    for (const group of stepGroups) {
      const recordId = group[0]!.recordId;
      const before = withChanges(held.get(recordId), heldOverlay.get(recordId) ?? []);
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
      const accept = () => heldOverlay.set(recordId, [...(heldOverlay.get(recordId) ?? []), ...group]);
      if (before && approvalOf(recordId, before.values, before.updatedAt)) {
        // An optional field (a comment) of a step already taken, from the device that took it: the fold does not change.
        if (!approval) refuseAll(group, 'workflow', `approval ${recordId}: the review step would become invalid`);
        else accept();
        continue;
      }
      if (!approval) {
        // Not complete yet (its other fields come later): what it says already must hold.
        const detail = partialStepRefusal(principal, values);
        if (detail) refuseAll(group, 'workflow', `approval ${recordId}: ${detail}`);
        else accept();
        continue;
      }
      const detail = stepRefusal(principal, approval, input.now);
      if (detail) {
        refuseAll(group, 'workflow', `approval ${recordId}: ${detail}`);
        continue;
      }
      accept();
      candidates.push({ approval, seq: Math.min(...group.map((change) => change.seq)) });
    }

    // The steps of every record concerned, as the replica holds them; then this run's, in seq order.
    const targets = new Map<string, RecordRef>();
    for (const { approval } of candidates) targets.set(refKey(approval.target), approval.target);
    for (const group of reviewable) targets.set(refKey(group[0]!), { entity: group[0]!.entity, recordId: group[0]!.recordId });
    const missing = [...targets].filter(([key]) => !steps.has(key)).map(([, target]) => target);
    if (missing.length > 0) {
      const found = await input.lookup.approvalsAbout(missing);
      for (const target of missing) steps.set(refKey(target), [...(found.get(refKey(target)) ?? [])]);
    }

    type Event = { seq: number; step: Approval } | { seq: number; change: Change };
    const events: Event[] = [
      ...candidates.map(({ approval, seq }) => ({ seq, step: approval })),
      ...reviewable.flatMap((group) => group.map((change) => ({ seq: change.seq, change }))),
    ].sort((a, b) => a.seq - b.seq);
    for (const event of events) {
      if ('step' in event) {
        steps.get(refKey(event.step.target))!.push(event.step);
        continue;
      }
      const { change } = event;
      const state = workflowOf(steps.get(refKey(change)) ?? []).state;
      if (isLocked(state)) {
        refused.set(changeKey(change), { reason: 'locked', detail: `${change.entity} ${change.recordId} is ${state}: only ${unlockableBy(state).join(' or ')} can unlock or return it` });
      }
    }
  }
  return refused;
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
