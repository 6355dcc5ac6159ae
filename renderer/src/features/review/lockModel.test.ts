import { overriddenWarningKey } from './overriddenWarnings';
import { newRecordId, type Approval, type UserRole } from '@shared/domain';
import { approvalActions } from '@shared/domain';
import { reviewableEntities, workflowOf, workflowStates } from '@shared/workflow';
import { describe, expect, it } from 'vitest';
import { flattenTranslations, type TranslationTree } from '../../i18n/translationTree';
import en from './locales/en.json';
import zh from './locales/zh.json';
import { lockModel, userDisplayName } from './lockModel';
import { commentRequired } from './StepForm';

let clock = Date.parse('2025-05-03T09:00:00.000Z');
const step = (action: Approval['action'], actorRole: UserRole, actorUserId = `u-${actorRole}`): Approval => {
  clock += 60_000;
  const at = new Date(clock).toISOString();
  return {
    entity: 'approval',
    id: newRecordId(),
    createdAt: at,
    updatedAt: at,
    target: { entity: 'fieldReport', recordId: 'r1' },
    action,
    actorUserId,
    actorRole,
    at,
    ...(action === 'return' ? { comment: 'Add the photos' } : {}),
  };
};

describe('the lock message', () => {
  it('is absent while a record may be edited: draft, returned, unlocked', () => {
    expect(lockModel(undefined)).toBeUndefined();
    expect(lockModel(workflowOf([]))).toBeUndefined();
    expect(lockModel(workflowOf([step('submit', 'field-officer'), step('return', 'national-coordinator')]))).toBeUndefined();
    expect(lockModel(workflowOf([step('submit', 'field-officer'), step('approve', 'national-coordinator'), step('unlock', 'national-coordinator')]))).toBeUndefined();
  });

  it('names who submitted it, when, and that a coordinator or the Secretariat can return it: locked while it is reviewed', () => {
    const submit = step('submit', 'field-officer', 'u-somchai');
    expect(lockModel(workflowOf([submit]))).toEqual({
      state: 'submitted',
      actorUserId: 'u-somchai',
      actorRole: 'field-officer',
      at: submit.at,
      unlockableBy: ['national-coordinator', 'secretariat'],
      unlockersKey: 'lock.returners.national-coordinator+secretariat',
    });
    expect(en.lock.submitted).toBe('Submitted for review by {{user}} ({{role}}) on {{date}}: locked while it is reviewed.');
    expect(en.lock.returners['national-coordinator+secretariat']).toBe('A national coordinator or the Secretariat can return it.');
  });

  it("names who approved it, when, and that a coordinator or the Secretariat can reopen it", () => {
    const submit = step('submit', 'field-officer');
    const approve = step('approve', 'national-coordinator', 'u-nok');
    const lock = lockModel(workflowOf([submit, approve]));
    expect(lock).toEqual({
      state: 'approved',
      actorUserId: 'u-nok',
      actorRole: 'national-coordinator',
      at: approve.at,
      unlockableBy: ['national-coordinator', 'secretariat'],
      unlockersKey: 'lock.unlockers.national-coordinator+secretariat',
    });
  });

  it('says only the Secretariat can reopen an accepted record', () => {
    const lock = lockModel(workflowOf([step('submit', 'field-officer'), step('approve', 'national-coordinator'), step('accept', 'secretariat', 'u-sec')]));
    expect(lock?.state).toBe('accepted');
    expect(lock?.actorUserId).toBe('u-sec');
    expect(lock?.unlockableBy).toEqual(['secretariat']);
  });

  it('is not fooled by an out-of-order approval (an officer cannot approve)', () => {
    expect(lockModel(workflowOf([step('submit', 'field-officer'), step('approve', 'field-officer')]))?.state).toBe('submitted');
  });

  it('names people by the name this desk knows, else by their user id', () => {
    const known = new Map([['u-nok', { displayName: 'Nok Chaiyaporn' }]]);
    expect(userDisplayName('u-nok', known)).toBe('Nok Chaiyaporn');
    expect(userDisplayName('u-other', known)).toBe('u-other');
    expect(userDisplayName('0b9f3c1e-5a7d-4c2b-9e61-3f2a8d7c4b10', known)).toBe('…8d7c4b10');
  });
});

describe('comments on review steps', () => {
  it('are required to return or unlock, and to submit over warnings', () => {
    const warning = { errors: [], warnings: [{ path: 'visitDate', message: 'v.warn.visitLongAgo' }] };
    expect(commentRequired('return', undefined)).toBe(true);
    expect(commentRequired('unlock', undefined)).toBe(true);
    expect(commentRequired('submit', warning)).toBe(true);
    expect(commentRequired('submit', { errors: [], warnings: [] })).toBe(false);
    expect(commentRequired('approve', undefined)).toBe(false);
  });
});

describe('review translations built from data', () => {
  const tables = { en: flattenTranslations(en as TranslationTree), zh: flattenTranslations(zh as TranslationTree) };
  const has = (key: string) => (['en', 'zh'] as const).filter((language) => !tables[language].has(key) && !tables[language].has(`${key}_other`)).map((language) => `${language} ${key}`);

  it('cover every state, step, kind and lock sentence', () => {
    const stepsTo: Partial<Record<(typeof workflowStates)[number], Approval[]>> = {
      submitted: [step('submit', 'field-officer')],
      approved: [step('submit', 'field-officer'), step('approve', 'national-coordinator')],
      accepted: [step('submit', 'field-officer'), step('accept', 'secretariat')],
    };
    const locks = workflowStates.map((state) => lockModel(workflowOf(stepsTo[state] ?? []))).filter((lock) => lock !== undefined);
    const lockKeys = locks.flatMap((lock) => [lock.unlockersKey, `lock.${lock.state}`]);
    expect(locks.map((lock) => lock.state)).toEqual(['submitted', 'approved', 'accepted']);
    const missing = [
      ...workflowStates.flatMap((state) => [`states.${state}`, `explain.${state}`]),
      ...approvalActions.flatMap((action) => [`actions.${action}`, `confirm.${action}`, `done.${action}`, `steps.${action}`]),
      ...reviewableEntities.map((entity) => `kinds.${entity}`),
      ...(['approved', 'submitted'] as const).map((state) => `queue.groups.${state}`),
      ...(['approve', 'accept', 'return'] as const).flatMap((action) => [`queue.done.${action}`, `queue.actionOn.${action}`]),
      ...lockKeys,
    ].flatMap(has);
    expect(missing).toEqual([]);
  });
});

describe('overridden warnings', () => {
  it('have a short title in English and Chinese for every warning the checks can raise', async () => {
    const { submissionWarningCodes } = await import('@shared/workflow');
    const en = (await import('./locales/en.json')).default as unknown as { overriddenWarning: Record<string, string> };
    const zh = (await import('./locales/zh.json')).default as unknown as { overriddenWarning: Record<string, string> };
    for (const code of submissionWarningCodes) {
      const key = overriddenWarningKey(code).split('.')[1]!;
      expect(en.overriddenWarning[key], code).toBeTruthy();
      expect(zh.overriddenWarning[key], code).toBeTruthy();
    }
  });
});
