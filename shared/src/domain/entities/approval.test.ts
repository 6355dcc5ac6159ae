import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { approvalSchema } from './approval';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

const returned = exampleRecords.approval;
const approved = { ...returned, action: 'approve', comment: undefined, actorRole: 'secretariat', actorUserId: 'secretariat.01' };

describe('approvalSchema', () => {
  it('accepts a return with a comment and an approval without one', () => {
    expect(problems(approvalSchema, returned)).toEqual([]);
    expect(problems(approvalSchema, approved)).toEqual([]);
    for (const action of ['submit', 'accept', 'unlock']) expect(problems(approvalSchema, { ...approved, action })).toEqual([]);
  });

  it('requires a comment to return a record', () => {
    expect(problems(approvalSchema, { ...returned, comment: undefined })).toEqual([{ path: 'comment', message: 'v.returnNeedsComment' }]);
    expect(problems(approvalSchema, { ...returned, comment: '   ' })).toContainEqual({ path: 'comment', message: 'v.returnNeedsComment' });
  });

  it('refuses unknown actions, roles and targets', () => {
    expect(problems(approvalSchema, { ...approved, action: 'reject' })).toEqual([{ path: 'action', message: 'invalid_value' }]);
    expect(problems(approvalSchema, { ...approved, actorRole: 'officer' })).toEqual([{ path: 'actorRole', message: 'invalid_value' }]);
    expect(problems(approvalSchema, { ...approved, target: { entity: 'user', recordId: returned.id } })).toEqual([{ path: 'target.entity', message: 'v.entityType' }]);
    expect(problems(approvalSchema, { ...approved, actorUserId: '' })).toEqual([{ path: 'actorUserId', message: 'too_small' }]);
    expect(problems(approvalSchema, { ...approved, at: '2024-03-25 02:30' })).toEqual([{ path: 'at', message: 'v.dateTime' }]);
  });

  it('lets a submit override warnings with a comment, and only a submit', () => {
    const submit = { ...approved, action: 'submit', actorRole: 'field-officer', actorUserId: 'officer.th.01' };
    const overriding = { ...submit, overriddenWarnings: ['v.warn.visitLongAgo'], comment: 'The visit was in March; the report was written late.' };
    expect(problems(approvalSchema, overriding)).toEqual([]);
    expect(problems(approvalSchema, { ...overriding, comment: undefined })).toEqual([{ path: 'comment', message: 'v.overrideNeedsComment' }]);
    expect(problems(approvalSchema, { ...overriding, action: 'approve' })).toEqual([{ path: 'overriddenWarnings', message: 'v.overrideOnlyOnSubmit' }]);
    expect(problems(approvalSchema, { ...submit, overriddenWarnings: [] })).toEqual([]);
  });
});
