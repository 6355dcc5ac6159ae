import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { participatingOrganizationSchema, participationSchema } from './participation';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

describe('participatingOrganizationSchema', () => {
  const valid = exampleRecords.participatingOrganization;

  it('accepts an organization in a role on one side', () => {
    expect(problems(participatingOrganizationSchema, valid)).toEqual([]);
    expect(problems(participatingOrganizationSchema, { ...valid, role: 'funding', side: 'chinese' })).toEqual([]);
  });

  it('refuses an unknown role or side and missing references', () => {
    expect(problems(participatingOrganizationSchema, { ...valid, role: 'donor' })).toEqual([{ path: 'role', message: 'invalid_value' }]);
    expect(problems(participatingOrganizationSchema, { ...valid, side: 'thai' })).toEqual([{ path: 'side', message: 'invalid_value' }]);
    expect(problems(participatingOrganizationSchema, { ...valid, organizationId: undefined })).toEqual([{ path: 'organizationId', message: 'v.id' }]);
  });
});

describe('participationSchema', () => {
  const valid = exampleRecords.participation;
  const completed = { ...valid, role: 'trainee', status: 'completed', completedOn: '2024-03-15', attendanceDays: 10, certificateNumber: 'STEP-HRD-2024-00042' };

  it('accepts a person attending, and a trainee who completed with a certificate', () => {
    expect(problems(participationSchema, valid)).toEqual([]);
    expect(problems(participationSchema, completed)).toEqual([]);
  });

  it('refuses a certificate for someone who did not complete', () => {
    for (const status of ['enrolled', 'attending', 'did-not-complete', 'withdrawn']) {
      expect(problems(participationSchema, { ...completed, status })).toEqual([{ path: 'certificateNumber', message: 'v.certificateNeedsCompletion' }]);
    }
  });

  it('checks status, role and attendance days', () => {
    expect(problems(participationSchema, { ...valid, status: 'passed' })).toEqual([{ path: 'status', message: 'invalid_value' }]);
    expect(problems(participationSchema, { ...valid, role: 'student' })).toEqual([{ path: 'role', message: 'invalid_value' }]);
    expect(problems(participationSchema, { ...valid, attendanceDays: -1 })).toEqual([{ path: 'attendanceDays', message: 'v.nonNegative' }]);
    expect(problems(participationSchema, { ...valid, attendanceDays: 2.5 })).toEqual([{ path: 'attendanceDays', message: 'v.integer' }]);
  });
});
