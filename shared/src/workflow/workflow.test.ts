import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalActions, type Approval } from '../domain/entities/approval';
import { userRoles, type UserRole } from '../domain/taxonomy/roles';
import {
  allowedActions,
  isLocked,
  mayEverTake,
  isReviewable,
  nextState,
  reviewableEntities,
  stepCounts,
  stepEffect,
  unlockableBy,
  workflowOf,
  workflowStates,
  type WorkflowAction,
  type WorkflowState,
} from './workflow';

/**
 * The decided review workflow, written out by hand (not read from `transitions`): every allowed step as
 * "state action role → next state". Every other combination of state, action and role is refused.
 */
const allowed: Record<string, WorkflowState> = {
  'draft submit field-officer': 'submitted',
  'draft submit national-coordinator': 'submitted',
  'draft submit secretariat': 'submitted',
  'returned submit field-officer': 'submitted',
  'returned submit national-coordinator': 'submitted',
  'returned submit secretariat': 'submitted',
  'submitted approve national-coordinator': 'approved',
  'submitted accept secretariat': 'accepted',
  'submitted return national-coordinator': 'returned',
  'submitted return secretariat': 'returned',
  'approved accept secretariat': 'accepted',
  'approved return national-coordinator': 'returned',
  'approved return secretariat': 'returned',
  'approved unlock national-coordinator': 'draft',
  'approved unlock secretariat': 'draft',
  'accepted return secretariat': 'returned',
  'accepted unlock secretariat': 'draft',
};

const roles = userRoles.map((role) => role.code);
const everyCombination = workflowStates.flatMap((state) => approvalActions.flatMap((action) => roles.map((role) => [state, action, role] as const)));

describe('the review state machine', () => {
  it('covers 5 states × 5 actions × 4 roles, and the expected table names only real combinations', () => {
    expect(everyCombination).toHaveLength(100);
    const names = new Set(everyCombination.map((combination) => combination.join(' ')));
    for (const key of Object.keys(allowed)) expect(names.has(key), key).toBe(true);
  });

  it.each(everyCombination)('%s + %s by %s', (state, action, role) => {
    const expected = allowed[`${state} ${action} ${role}`];
    expect(nextState(state, action, role)).toBe(expected);
    expect(allowedActions(state, role).includes(action)).toBe(expected !== undefined);
  });

  it('gives administrators no step at all, and field officers only submit', () => {
    for (const state of workflowStates) {
      expect(allowedActions(state, 'admin')).toEqual([]);
      expect(allowedActions(state, 'field-officer')).toEqual(state === 'draft' || state === 'returned' ? ['submit'] : []);
    }
  });

  it('locks submitted, approved and accepted records; who may reopen them', () => {
    expect(workflowStates.filter(isLocked)).toEqual(['submitted', 'approved', 'accepted']);
    const reopeners: Record<WorkflowState, UserRole[]> = {
      draft: [],
      // Returned by whoever may review it: nobody edits what a reviewer is looking at.
      submitted: ['national-coordinator', 'secretariat'],
      returned: [],
      approved: ['national-coordinator', 'secretariat'],
      accepted: ['secretariat'],
    };
    for (const state of workflowStates) expect([...unlockableBy(state)].sort()).toEqual(reopeners[state]);
  });

  it('knows which kinds of record are reviewed', () => {
    expect([...reviewableEntities].sort()).toEqual(['activity', 'fieldReport', 'organization', 'person', 'technologyMatch', 'technologyNeed', 'technologyOffer']);
    expect(isReviewable('fieldReport')).toBe(true);
    expect(isReviewable('budget')).toBe(false);
    expect(isReviewable('approval')).toBe(false);
  });
});

let counter = 0;
/** A step on one record; ids sort like their creation order unless given. */
function step(action: WorkflowAction, actorRole: UserRole, at: string, id?: string): Approval {
  counter += 1;
  return {
    entity: 'approval',
    id: id ?? `018e5d8f-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    createdAt: at,
    updatedAt: at,
    target: { entity: 'fieldReport', recordId: '018e5d8f-a4b5-7017-a288-1e2f3a4b5c15' },
    action,
    ...(action === 'return' ? { comment: 'Please add the photos.' } : {}),
    actorUserId: `${actorRole}.01`,
    actorRole,
    at,
  };
}
const day = (n: number) => `2025-03-${String(n).padStart(2, '0')}T08:00:00.000Z`;

describe('workflowOf', () => {
  it('is draft with no steps', () => {
    expect(workflowOf([])).toEqual({ state: 'draft', history: [], ignored: [] });
  });

  it('folds the steps in time order, whatever order they are given in', () => {
    const submit = step('submit', 'field-officer', day(1));
    const approve = step('approve', 'national-coordinator', day(2));
    const accept = step('accept', 'secretariat', day(3));
    const status = workflowOf([accept, submit, approve]);
    expect(status.state).toBe('accepted');
    expect(status.history.map((s) => s.id)).toEqual([submit.id, approve.id, accept.id]);
    expect(status.last?.id).toBe(accept.id);
    expect(status.ignored).toEqual([]);
  });

  it('ignores and lists steps that were not allowed when they came: out of order, or by the wrong role', () => {
    const earlyApprove = step('approve', 'national-coordinator', day(1));
    const submit = step('submit', 'field-officer', day(2));
    const officerApprove = step('approve', 'field-officer', day(3));
    const adminAccept = step('accept', 'admin', day(4));
    const status = workflowOf([submit, earlyApprove, officerApprove, adminAccept]);
    expect(status.state).toBe('submitted');
    expect(status.last?.id).toBe(submit.id);
    expect(status.ignored).toEqual([earlyApprove.id, officerApprove.id, adminAccept.id]);
    expect(status.history).toHaveLength(4);
  });

  it('counts only the first of two reviewers acting at once offline', () => {
    const submit = step('submit', 'field-officer', day(1));
    const approve = step('approve', 'national-coordinator', day(2));
    const approveToo = step('approve', 'national-coordinator', day(3));
    const acceptToo = step('accept', 'secretariat', day(4));
    const status = workflowOf([acceptToo, approveToo, approve, submit]);
    // The second approval finds the record approved already: ignored; the Secretariat's accept counts.
    expect(status.state).toBe('accepted');
    expect(status.ignored).toEqual([approveToo.id]);
  });

  it('breaks ties on `at` by id, the same on every replica', () => {
    const at = day(5);
    const submitFirst = [step('submit', 'field-officer', at, 'a-submit'), step('approve', 'national-coordinator', at, 'b-approve')];
    expect(workflowOf(submitFirst)).toMatchObject({ state: 'approved', ignored: [] });
    expect(workflowOf([...submitFirst].reverse())).toMatchObject({ state: 'approved', ignored: [] });
    const approveFirst = [step('submit', 'field-officer', at, 'b-submit'), step('approve', 'national-coordinator', at, 'a-approve')];
    expect(workflowOf(approveFirst)).toMatchObject({ state: 'submitted', ignored: ['a-approve'] });
    expect(workflowOf([...approveFirst].reverse())).toMatchObject({ state: 'submitted', ignored: ['a-approve'] });
  });

  it('unlocks an approved record back to draft, and returns an accepted one', () => {
    const steps = [step('submit', 'field-officer', day(1)), step('approve', 'national-coordinator', day(2))];
    expect(isLocked(workflowOf(steps).state)).toBe(true);
    const unlocked = workflowOf([...steps, step('unlock', 'national-coordinator', day(3))]);
    expect(unlocked.state).toBe('draft');
    expect(isLocked(unlocked.state)).toBe(false);
    const accepted = [...steps, step('accept', 'secretariat', day(3))];
    expect(workflowOf([...accepted, step('unlock', 'national-coordinator', day(4))]).state).toBe('accepted');
    expect(workflowOf([...accepted, step('return', 'secretariat', day(4))]).state).toBe('returned');
  });

  it('gives the same status for any permutation of the same steps (property)', () => {
    const action = fc.constantFrom(...approvalActions);
    const role = fc.constantFrom(...roles);
    // Few distinct times, so ties are common; ids unique.
    const steps = fc.uniqueArray(fc.record({ id: fc.uuid(), action, role, minute: fc.integer({ min: 0, max: 5 }) }), { selector: (s) => s.id, maxLength: 12 });
    fc.assert(
      fc.property(
        steps.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([list, shuffled]) => {
          const toStep = (s: (typeof list)[number]) => step(s.action, s.role, `2025-03-01T08:0${s.minute}:00.000Z`, s.id);
          const a = workflowOf(list.map(toStep));
          const b = workflowOf(shuffled.map(toStep));
          expect(b.state).toBe(a.state);
          expect(b.last?.id).toBe(a.last?.id);
          expect(b.ignored).toEqual(a.ignored);
          expect(b.history.map((s) => s.id)).toEqual(a.history.map((s) => s.id));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('stepCounts', () => {
  const submit = step('submit', 'field-officer', day(1));
  const approve = step('approve', 'national-coordinator', day(3));

  it('accepts a step allowed from the state it finds, at the end of the history', () => {
    expect(stepCounts([], step('submit', 'field-officer', day(1)))).toBe(true);
    expect(stepCounts([submit], step('approve', 'national-coordinator', day(2)))).toBe(true);
    expect(stepCounts([submit, approve], step('unlock', 'national-coordinator', day(4)))).toBe(true);
  });

  it('refuses a step not allowed from the state, or not for the role', () => {
    expect(stepCounts([], step('approve', 'national-coordinator', day(2)))).toBe(false);
    expect(stepCounts([submit], step('approve', 'field-officer', day(2)))).toBe(false);
    expect(stepCounts([submit, approve], step('submit', 'field-officer', day(4)))).toBe(false);
  });

  it('refuses a step slipped in before later ones when it would make them stop counting', () => {
    // A return dated before the approval: the approval would then come from "returned" and stop counting.
    const early = step('return', 'national-coordinator', day(2));
    expect(stepCounts([submit, approve], early)).toBe(false);
    expect(stepEffect([submit, approve], early)).toEqual({ counts: true, displaces: [approve.id] });
  });

  it('tells a step that does not count yet from one that rewrites the past', () => {
    // An approval before the submission it answers arrived: it does not count, and displaces nothing.
    const lateSubmit = step('submit', 'field-officer', day(1));
    const approveFirst = step('approve', 'national-coordinator', day(2));
    expect(stepEffect([], approveFirst)).toEqual({ counts: false, displaces: [] });
    // When the submission arrives, both count.
    expect(stepEffect([approveFirst], lateSubmit)).toEqual({ counts: true, displaces: [] });
    expect(workflowOf([approveFirst, lateSubmit]).state).toBe('approved');
  });

  it('knows which steps a role may ever take', () => {
    const expected = new Set(Object.keys(allowed).map((key) => key.split(' ').slice(1).join(' ')));
    for (const action of approvalActions) for (const role of roles) expect(mayEverTake(action, role), `${action} ${role}`).toBe(expected.has(`${action} ${role}`));
  });
});
