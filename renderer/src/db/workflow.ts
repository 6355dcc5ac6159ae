import { canSee, type Principal } from '@shared/access/rules';
import type { AnyRecord, Approval, EntityType, UserRole } from '@shared/domain';
import type { CheckContext } from '@shared/workflow/checks';
import { allowedActions, isReviewable, reviewableEntities, workflowOf, type ReviewableEntity, type WorkflowState, type WorkflowStatus } from '@shared/workflow/workflow';
import { tableOf, type StepDatabase } from './database';

/**
 * The review workflow's reads (shared/src/workflow): a record's steps and status, the reviewer's queue,
 * the people this desk knows by name, and what the submission checks read. Every read is an IndexedDB
 * request, so the write path may call them inside its transaction.
 */

export const recordKey = (entity: EntityType, recordId: string) => `${entity}:${recordId}`;

/** The steps taken on a record (its approval records), by the [target.entity+target.recordId] index. */
export function approvalsOf(db: StepDatabase, entity: EntityType, recordId: string): Promise<Approval[]> {
  return tableOf(db, 'approval').where('[target.entity+target.recordId]').equals([entity, recordId]).toArray();
}

export async function workflowStatusOf(db: StepDatabase, entity: EntityType, recordId: string): Promise<WorkflowStatus> {
  return workflowOf(await approvalsOf(db, entity, recordId));
}

/** The countries a record belongs to, as the merge computed them; undefined when it is not on this computer. */
export async function recordScope(db: StepDatabase, entity: EntityType, recordId: string): Promise<string[] | undefined> {
  const meta = await db.recordMeta.get([entity, recordId]);
  return meta && !meta.deleted ? meta.scope : undefined;
}

/** People this desk knows by name: those whose device certificates it holds, by user id. */
export async function knownUsers(db: StepDatabase): Promise<Map<string, { displayName: string; role: UserRole }>> {
  const users = new Map<string, { displayName: string; role: UserRole }>();
  for (const { certificate } of await db.certificates.toArray()) users.set(certificate.body.userId, { displayName: certificate.body.displayName, role: certificate.body.role });
  return users;
}

/** A record under review: its status, the step that put it there, and the submission it answers. */
export interface QueueItem {
  entity: ReviewableEntity;
  recordId: string;
  state: WorkflowState;
  /** The step that put the record in its state. */
  step: Approval;
  /** The last submission that counted (the one being reviewed). */
  submitted?: Approval;
  status: WorkflowStatus;
}

export interface QueueGroup {
  state: WorkflowState;
  count: number;
  kinds: { entity: ReviewableEntity; items: QueueItem[] }[];
}

/** States a record waits in for someone to take it further (approve, accept). */
const waitingStates = ['approved', 'submitted'] as const satisfies readonly WorkflowState[];

/** Reviewable records whose steps leave them waiting for review (submitted, approved), from their steps. */
export function waitingRecords(approvals: readonly Approval[]): QueueItem[] {
  const byTarget = new Map<string, Approval[]>();
  for (const approval of approvals) {
    if (!isReviewable(approval.target.entity)) continue;
    const key = recordKey(approval.target.entity, approval.target.recordId);
    let list = byTarget.get(key);
    if (!list) byTarget.set(key, (list = []));
    list.push(approval);
  }
  const items: QueueItem[] = [];
  for (const steps of byTarget.values()) {
    const status = workflowOf(steps);
    if (!status.last || !(waitingStates as readonly WorkflowState[]).includes(status.state)) continue;
    const ignored = new Set(status.ignored);
    const submitted = status.history.filter((step) => step.action === 'submit' && !ignored.has(step.id)).at(-1);
    const { entity, recordId } = status.last.target as { entity: ReviewableEntity; recordId: string };
    items.push({ entity, recordId, state: status.state, step: status.last, ...(submitted ? { submitted } : {}), status });
  }
  return items;
}

/** Whether a record in `state` waits for `role`: that role may take it further from there (approve or accept). */
export const waitsFor = (state: WorkflowState, role: UserRole): boolean => allowedActions(state, role).some((action) => action === 'approve' || action === 'accept');

/** The states a role's queue shows. */
function queueStatesOf(role: UserRole): WorkflowState[] {
  return waitingStates.filter((state) => waitsFor(state, role));
}

/** Field reports first (the daily work), then the other kinds in their usual order. */
const kindOrder: readonly ReviewableEntity[] = ['fieldReport', ...reviewableEntities.filter((entity) => entity !== 'fieldReport')];

/**
 * What waits for the reviewer: records of their countries (all, for the Secretariat) that they may take
 * further, grouped by state (approved first, then submitted) and kind, oldest step first. Empty for people
 * who take no step forward (officers, administrators) and a desk not enrolled. Records not on this
 * computer, or deleted, are left out.
 */
export async function reviewQueue(db: StepDatabase, principal: Principal | undefined): Promise<QueueGroup[]> {
  if (!principal) return [];
  const states = queueStatesOf(principal.role);
  if (states.length === 0) return [];
  // In time order (the `at` index), a record's steps group already sorted.
  const candidates = waitingRecords(await tableOf(db, 'approval').orderBy('at').toArray()).filter((item) => states.includes(item.state));
  const metas = await db.recordMeta.bulkGet(candidates.map((item) => [item.entity, item.recordId] as [string, string]));
  const items = candidates.filter((_, i) => {
    const meta = metas[i];
    // A record still missing half its fields (meta with problems) is not shown anywhere, so not reviewed either.
    return meta !== undefined && !meta.deleted && !meta.problems?.length && canSee(principal, meta.scope);
  });
  const groups: QueueGroup[] = [];
  for (const state of states) {
    const inState = items.filter((item) => item.state === state);
    if (inState.length === 0) continue;
    const kinds = kindOrder
      .map((entity) => ({
        entity,
        items: inState
          .filter((item) => item.entity === entity)
          .sort((a, b) => (a.step.at < b.step.at ? -1 : a.step.at > b.step.at ? 1 : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0)),
      }))
      .filter((kind) => kind.items.length > 0);
    groups.push({ state, count: inState.length, kinds });
  }
  return groups;
}

/** How many records wait for the reviewer (the navigation's badge). */
export async function reviewCount(db: StepDatabase, principal: Principal | undefined): Promise<number> {
  return (await reviewQueue(db, principal)).reduce((sum, group) => sum + group.count, 0);
}

/** The records a queue names, and the activities its field reports are about, by `entity:id`. */
export async function queueRecords(db: StepDatabase, groups: readonly QueueGroup[]): Promise<Map<string, AnyRecord>> {
  const records = new Map<string, AnyRecord>();
  const idsByEntity = new Map<ReviewableEntity, string[]>();
  for (const group of groups) for (const kind of group.kinds) idsByEntity.set(kind.entity, [...(idsByEntity.get(kind.entity) ?? []), ...kind.items.map((item) => item.recordId)]);
  await Promise.all(
    [...idsByEntity].map(async ([entity, ids]) => {
      for (const record of (await tableOf(db, entity).bulkGet(ids)) as (AnyRecord | undefined)[]) if (record) records.set(recordKey(record.entity, record.id), record);
    }),
  );
  const activityIds = [...new Set([...records.values()].flatMap((record) => (record.entity === 'fieldReport' ? [record.activityId] : [])))];
  for (const activity of await tableOf(db, 'activity').bulkGet(activityIds)) if (activity) records.set(recordKey('activity', activity.id), activity);
  return records;
}

/** What submissionChecks reads about `record`: a field report's activity and the activity's indicator periods. */
export async function submissionContext(db: StepDatabase, record: AnyRecord, today: string): Promise<CheckContext> {
  if (record.entity !== 'fieldReport') return { today };
  const [activity, indicatorPeriods] = await Promise.all([
    tableOf(db, 'activity').get(record.activityId),
    tableOf(db, 'indicatorPeriod').where('activityId').equals(record.activityId).toArray(),
  ]);
  return { today, ...(activity ? { activity } : {}), indicatorPeriods };
}
