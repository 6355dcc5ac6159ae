import type { Approval } from '../domain/entities/approval';
import type { EntityType } from '../domain/entities/entityTypes';
import type { UserRole } from '../domain/taxonomy/roles';

/**
 * The review workflow: a record goes draft → submitted → approved (national coordinator) → accepted
 * (Secretariat), or is returned with a comment at any step. Its state is never stored: it is the fold of
 * the record's approval records (an append-only log, one record per step), so every replica that holds
 * the same steps computes the same state, whatever order they arrived in. One table of who may do what,
 * used by the desk's screens, the desk's write path and the server.
 */

/** The kinds of record that go through review; what hangs off them (budgets, periods...) follows its activity. */
export const reviewableEntities = [
  'activity',
  'fieldReport',
  'organization',
  'person',
  'technologyOffer',
  'technologyNeed',
  'technologyMatch',
] as const satisfies readonly EntityType[];
export type ReviewableEntity = (typeof reviewableEntities)[number];
export const isReviewable = (entity: EntityType): entity is ReviewableEntity => (reviewableEntities as readonly EntityType[]).includes(entity);

export const workflowStates = ['draft', 'submitted', 'returned', 'approved', 'accepted'] as const;
export type WorkflowState = (typeof workflowStates)[number];

export type WorkflowAction = Approval['action'];

interface Transition {
  to: WorkflowState;
  /** Who may take this step from this state. */
  roles: readonly UserRole[];
}

/**
 * Every allowed step: state → action → where it leads and who may take it. Anything absent is refused.
 * - Anyone who edits program data submits (officers their reports, coordinators and the Secretariat theirs).
 * - The national coordinator approves; the Secretariat accepts (after the coordinator, or directly, for
 *   records no coordinator reviews) — the Secretariat "approves at the last level".
 * - Returning needs a comment (the approval schema says so); who may return a record is who could have
 *   taken it to where it is, or above: an accepted record only the Secretariat can reopen.
 * - Unlock reopens an approved or accepted record for the reviewer's own correction (back to draft).
 * - Administrators manage accounts and devices, not program content: they take no review step.
 */
export const transitions: Record<WorkflowState, Partial<Record<WorkflowAction, Transition>>> = {
  draft: {
    submit: { to: 'submitted', roles: ['field-officer', 'national-coordinator', 'secretariat'] },
  },
  returned: {
    submit: { to: 'submitted', roles: ['field-officer', 'national-coordinator', 'secretariat'] },
  },
  submitted: {
    approve: { to: 'approved', roles: ['national-coordinator'] },
    accept: { to: 'accepted', roles: ['secretariat'] },
    return: { to: 'returned', roles: ['national-coordinator', 'secretariat'] },
  },
  approved: {
    accept: { to: 'accepted', roles: ['secretariat'] },
    return: { to: 'returned', roles: ['national-coordinator', 'secretariat'] },
    unlock: { to: 'draft', roles: ['national-coordinator', 'secretariat'] },
  },
  accepted: {
    return: { to: 'returned', roles: ['secretariat'] },
    unlock: { to: 'draft', roles: ['secretariat'] },
  },
};

/** Where `action` by `role` leads from `state`, or undefined when it is not allowed. */
export function nextState(state: WorkflowState, action: WorkflowAction, role: UserRole): WorkflowState | undefined {
  const transition = transitions[state][action];
  return transition && transition.roles.includes(role) ? transition.to : undefined;
}

/** The steps `role` may take on a record in `state` (the buttons a screen offers). */
export function allowedActions(state: WorkflowState, role: UserRole): WorkflowAction[] {
  return (Object.entries(transitions[state]) as [WorkflowAction, Transition][]).filter(([, t]) => t.roles.includes(role)).map(([action]) => action);
}

/**
 * Submitted, approved and accepted records are locked: nobody edits them until someone who may returns
 * (or, once approved, unlocks) them. What a reviewer approves is what was submitted: a submitted record
 * is corrected after a Return, not under the reviewer's eyes.
 */
export const isLocked = (state: WorkflowState) => state === 'submitted' || state === 'approved' || state === 'accepted';

/** Who may reopen a locked record (by returning or unlocking it); empty when it is not locked. */
export function unlockableBy(state: WorkflowState): UserRole[] {
  if (!isLocked(state)) return [];
  const roles = new Set<UserRole>();
  for (const action of ['return', 'unlock'] as const) transitions[state][action]?.roles.forEach((role) => roles.add(role));
  return [...roles];
}

/** A record's review so far: its state, the steps that counted, and the ones that did not (out of order). */
export interface WorkflowStatus {
  state: WorkflowState;
  /** Every step, in the order they count (time, then id: the same order on every replica). */
  history: readonly Approval[];
  /** The step that put the record in its state (undefined for a draft nobody touched). */
  last?: Approval;
  /** Ids of steps that were not allowed when they came (two reviewers acting offline at once): kept, shown, ignored. */
  ignored: readonly string[];
}

const stepOrder = (a: Approval, b: Approval) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Folds a record's approval records into its status. Steps about other records are the caller's mistake: they are skipped. */
export function workflowOf(approvals: readonly Approval[]): WorkflowStatus {
  const history = [...approvals].sort(stepOrder);
  let state: WorkflowState = 'draft';
  let last: Approval | undefined;
  const ignored: string[] = [];
  for (const step of history) {
    const next = nextState(state, step.action, step.actorRole);
    if (!next) {
      ignored.push(step.id);
      continue;
    }
    state = next;
    last = step;
  }
  return { state, history, ...(last ? { last } : {}), ignored };
}

/** Whether `role` may take `action` from some state: a step nobody in that role could ever take never counts. */
export const mayEverTake = (action: WorkflowAction, role: UserRole): boolean => workflowStates.some((state) => nextState(state, action, role) !== undefined);

/** What adding `step` to a record's steps does to its fold. */
export interface StepEffect {
  /** The step counts where the fold places it (by time, then id). */
  counts: boolean;
  /** Ids of steps that counted before and would not any more: `step` rewrites the record's past. */
  displaces: string[];
}

export function stepEffect(approvals: readonly Approval[], step: Approval): StepEffect {
  const before = new Set(workflowOf(approvals).ignored);
  const after = workflowOf([...approvals, step]).ignored;
  return { counts: !after.includes(step.id), displaces: after.filter((id) => id !== step.id && !before.has(id)) };
}

/**
 * Whether `step`, added to a record's steps so far, counts: the fold places it (by time, then id), it is
 * allowed from the state it finds there, and every step that counted before still counts (a step slipped
 * in before later ones must not rewrite the record's past). The desk's write path asks this before it
 * stores a step (the server, which also keeps steps that came too late to count, see server/src/sync).
 */
export function stepCounts(approvals: readonly Approval[], step: Approval): boolean {
  const effect = stepEffect(approvals, step);
  return effect.counts && effect.displaces.length === 0;
}
