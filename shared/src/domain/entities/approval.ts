import { z } from 'zod';
import { isoDateTimeSchema, checkAlongsideFieldErrors } from '../common';
import { userRoleSchema } from '../taxonomy/roles';
import { entityTypeSchema } from './entityTypes';
import { optionalText, recordBase, recordIdSchema } from './base';

export const approvalActions = ['submit', 'return', 'approve', 'accept', 'unlock'] as const;

/**
 * One step of a record's review: who did what to it, when, and why. Approval locks the record.
 * Immutable: a step, once taken, is never edited or deleted (the desk's write path and the server refuse
 * it); a mistake is corrected by the next step (return, unlock). See shared/src/workflow.
 */
export const approvalSchema = z
  .object({
    ...recordBase('approval'),
    target: z.object({ entity: entityTypeSchema, recordId: recordIdSchema }),
    action: z.enum(approvalActions),
    comment: optionalText(4000),
    /** Soft warnings (codes) the submitter saw and overrode; the comment says why. */
    overriddenWarnings: z.array(z.string().min(1).max(100)).max(50).optional(),
    actorUserId: z.string().min(1).max(100),
    actorRole: userRoleSchema,
    at: isoDateTimeSchema,
  })
  .refine((a) => a.action !== 'return' || Boolean(a.comment), { error: 'v.returnNeedsComment', path: ['comment'], ...checkAlongsideFieldErrors })
  .refine((a) => !a.overriddenWarnings?.length || Boolean(a.comment), { error: 'v.overrideNeedsComment', path: ['comment'], ...checkAlongsideFieldErrors })
  .refine((a) => !a.overriddenWarnings?.length || a.action === 'submit', { error: 'v.overrideOnlyOnSubmit', path: ['overriddenWarnings'], ...checkAlongsideFieldErrors });
export type Approval = z.infer<typeof approvalSchema>;
