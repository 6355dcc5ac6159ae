import { canSee, type Principal } from '@shared/access/rules';
import type { AnyRecord, Approval, EntityType, UserRole } from '@shared/domain';
import type { CheckContext } from '@shared/workflow/checks';
import { allowedActions, isReviewable, mayEverTake, reviewableEntities, workflowOf, type ReviewableEntity, type WorkflowState, type WorkflowStatus } from '@shared/workflow/workflow';
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

/** People this desk knows by name: those whose device certificates it holds, by user id. */
export async function knownUsers(db: StepDatabase): Promise<Map<string, { displayName: string; role: UserRole }>> {
  const users = new Map<string, { displayName: string; role: UserRole }>();
  for (const { certificate } of await db.certificates.toArray()) users.set(certificate.body.userId, { displayName: certificate.body.displayName, role: certificate.body.role });
  return users;
}

/** A record in review: its status, the step that put it there, and the submission it answers. */
export interface QueueItem {
  entity: ReviewableEntity;
  recordId: string;
  state: WorkflowState;
  /** The step that put the record in its state (a return: with the reviewer's comment). */
  step: Approval;
  /**
   * The last submission that counted (the one being reviewed, or the one returned): who submitted, their
   * comment, and the warnings they overrode, so a reviewer decides knowing them.
   */
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
const isWaiting = (state: WorkflowState) => (waitingStates as readonly WorkflowState[]).includes(state);

/** Every reviewable record some counted step has moved, folded from its steps (approval records, any order). */
export function reviewItems(approvals: readonly Approval[]): QueueItem[] {
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
    if (!status.last) continue;
    const ignored = new Set(status.ignored);
    const submitted = status.history.filter((step) => step.action === 'submit' && !ignored.has(step.id)).at(-1);
    const { entity, recordId } = status.last.target as { entity: ReviewableEntity; recordId: string };
    items.push({ entity, recordId, state: status.state, step: status.last, ...(submitted ? { submitted } : {}), status });
  }
  return items;
}

/** Reviewable records whose steps leave them waiting for review (submitted, approved), from their steps. */
export function waitingRecords(approvals: readonly Approval[]): QueueItem[] {
  return reviewItems(approvals).filter((item) => isWaiting(item.state));
}

/** Whether a record in `state` waits for `role`: that role may take it further from there (approve or accept). */
export const waitsFor = (state: WorkflowState, role: UserRole): boolean => allowedActions(state, role).some((action) => action === 'approve' || action === 'accept');

/** Whether records may wait for `role` (the workflow's table says who approves and accepts: coordinators, the Secretariat). */
export const isReviewer = (role: UserRole): boolean => waitingStates.some((state) => waitsFor(state, role));

/** Whether `role` submits records for review, and so has records of their own in review (everyone but administrators). */
export const submitsForReview = (role: UserRole): boolean => mayEverTake('submit', role);

/** Whether the review page has something for `role`: a queue, or their own records' review (the navigation shows it). */
export const takesPartInReview = (role: UserRole): boolean => isReviewer(role) || submitsForReview(role);

/** The states a role's queue shows. */
function queueStatesOf(role: UserRole): WorkflowState[] {
  return waitingStates.filter((state) => waitsFor(state, role));
}

/** Field reports first (the daily work), then the other kinds in their usual order. */
const kindOrder: readonly ReviewableEntity[] = ['fieldReport', ...reviewableEntities.filter((entity) => entity !== 'fieldReport')];

/** Oldest step first (the one that has waited longest), then by id: the same order on every desk. */
const byStepTime = (a: QueueItem, b: QueueItem) => (a.step.at < b.step.at ? -1 : a.step.at > b.step.at ? 1 : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);

/** The review page's content for one person. */
export interface ReviewOverview {
  /**
   * What waits for them as a reviewer: records of their countries (all, for the Secretariat) they may take
   * further, grouped by state (approved first, then submitted) and kind, oldest step first.
   */
  queue: QueueGroup[];
  /** Records whose last submission was theirs and that a reviewer returned (the step carries the comment), oldest first. */
  returned: QueueItem[];
  /** Records whose last submission was theirs and that wait for someone else's review (submitted, approved), oldest first. */
  waiting: QueueItem[];
}

const noOverview = (): ReviewOverview => ({ queue: [], returned: [], waiting: [] });

/**
 * What the review page shows the signed-in person, from one pass over the approvals: their queue (if they
 * review) and their own submissions' fate (if they submit). Only records in their countries that are on
 * this computer, not deleted and complete. Empty on a desk not enrolled.
 */
export async function reviewOverview(db: StepDatabase, principal: Principal | undefined): Promise<ReviewOverview> {
  if (!principal) return noOverview();
  const states = queueStatesOf(principal.role);
  const submits = submitsForReview(principal.role);
  if (states.length === 0 && !submits) return noOverview();
  const theirs = (item: QueueItem) => submits && item.submitted?.actorUserId === principal.userId;
  const inQueue = (item: QueueItem) => states.includes(item.state);
  // In time order (the `at` index), a record's steps group already sorted.
  const candidates = reviewItems(await tableOf(db, 'approval').orderBy('at').toArray()).filter(
    (item) => inQueue(item) || (theirs(item) && (item.state === 'returned' || isWaiting(item.state))),
  );
  const metas = await db.recordMeta.bulkGet(candidates.map((item) => [item.entity, item.recordId] as [string, string]));
  const items = candidates.filter((_, i) => {
    const meta = metas[i];
    // A record still missing half its fields (meta with problems) is not shown anywhere, so not reviewed either.
    return meta !== undefined && !meta.deleted && !meta.problems?.length && canSee(principal, meta.scope);
  });
  const queue: QueueGroup[] = [];
  for (const state of states) {
    const inState = items.filter((item) => item.state === state);
    if (inState.length === 0) continue;
    const kinds = kindOrder
      .map((entity) => ({ entity, items: inState.filter((item) => item.entity === entity).sort(byStepTime) }))
      .filter((kind) => kind.items.length > 0);
    queue.push({ state, count: inState.length, kinds });
  }
  return {
    queue,
    returned: items.filter((item) => item.state === 'returned' && theirs(item)).sort(byStepTime),
    // What waits for themselves is in their queue already.
    waiting: items.filter((item) => isWaiting(item.state) && theirs(item) && !inQueue(item)).sort(byStepTime),
  };
}

/**
 * What waits for the reviewer (reviewOverview's queue). Empty for people who take no step forward
 * (officers, administrators) and a desk not enrolled.
 */
export async function reviewQueue(db: StepDatabase, principal: Principal | undefined): Promise<QueueGroup[]> {
  if (!principal || !isReviewer(principal.role)) return [];
  return (await reviewOverview(db, principal)).queue;
}

/** How many records wait for the reviewer. */
export async function reviewCount(db: StepDatabase, principal: Principal | undefined): Promise<number> {
  return (await reviewQueue(db, principal)).reduce((sum, group) => sum + group.count, 0);
}

/** How many records ask something of the person: waiting for their review, or returned to them (the navigation's badge). */
export const attentionCount = (overview: ReviewOverview): number => overview.queue.reduce((sum, group) => sum + group.count, 0) + overview.returned.length;

/** The records these items name, and the activities their field reports are about, by `entity:id`. */
export async function reviewRecords(db: StepDatabase, items: readonly QueueItem[]): Promise<Map<string, AnyRecord>> {
  const records = new Map<string, AnyRecord>();
  const idsByEntity = new Map<ReviewableEntity, string[]>();
  for (const item of items) idsByEntity.set(item.entity, [...(idsByEntity.get(item.entity) ?? []), item.recordId]);
  await Promise.all(
    [...idsByEntity].map(async ([entity, ids]) => {
      for (const record of (await tableOf(db, entity).bulkGet(ids)) as (AnyRecord | undefined)[]) if (record) records.set(recordKey(record.entity, record.id), record);
    }),
  );
  const activityIds = [...new Set([...records.values()].flatMap((record) => (record.entity === 'fieldReport' ? [record.activityId] : [])))];
  for (const activity of await tableOf(db, 'activity').bulkGet(activityIds)) if (activity) records.set(recordKey('activity', activity.id), activity);
  return records;
}

/** The records a queue names, and the activities its field reports are about, by `entity:id`. */
export function queueRecords(db: StepDatabase, groups: readonly QueueGroup[]): Promise<Map<string, AnyRecord>> {
  return reviewRecords(
    db,
    groups.flatMap((group) => group.kinds.flatMap((kind) => kind.items)),
  );
}

/**
 * What submissionChecks reads about `record`: a field report's activity and the activity's indicator
 * periods; and the submitter's `role` (undefined on a desk nobody is signed in to).
 */
export async function submissionContext(db: StepDatabase, record: AnyRecord, today: string, role?: UserRole): Promise<CheckContext> {
  const submitter = role ? { role } : {};
  if (record.entity !== 'fieldReport') return { today, ...submitter };
  const [activity, indicatorPeriods] = await Promise.all([
    tableOf(db, 'activity').get(record.activityId),
    tableOf(db, 'indicatorPeriod').where('activityId').equals(record.activityId).toArray(),
  ]);
  return { today, ...(activity ? { activity } : {}), indicatorPeriods, ...submitter };
}
