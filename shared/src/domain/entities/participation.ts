import { z } from 'zod';
import { isoDateSchema, checkAlongsideFieldErrors } from '../common';
import { partnerSideSchema, participationRoleSchema, personRoleSchema } from '../taxonomy/roles';
import { nonNegativeInt, optionalText, recordBase, recordIdSchema } from './base';

/** An organization taking part in an activity, in a role, on one side of the partnership. */
export const participatingOrganizationSchema = z.object({
  ...recordBase('participatingOrganization'),
  activityId: recordIdSchema,
  organizationId: recordIdSchema,
  role: participationRoleSchema,
  side: partnerSideSchema,
});
export type ParticipatingOrganization = z.infer<typeof participatingOrganizationSchema>;

export const participationStatuses = ['enrolled', 'attending', 'completed', 'did-not-complete', 'withdrawn'] as const;

/** A person taking part in an activity: a trainee in a course, an expert on a mission, a fellow. */
export const participationSchema = z
  .object({
    ...recordBase('participation'),
    activityId: recordIdSchema,
    personId: recordIdSchema,
    role: personRoleSchema,
    status: z.enum(participationStatuses),
    attendanceDays: nonNegativeInt().optional(),
    completedOn: isoDateSchema.optional(),
    certificateNumber: optionalText(60),
  })
  .refine((p) => !p.certificateNumber || p.status === 'completed', {
    error: 'v.certificateNeedsCompletion',
    path: ['certificateNumber'],
    ...checkAlongsideFieldErrors,
  });
export type Participation = z.infer<typeof participationSchema>;
