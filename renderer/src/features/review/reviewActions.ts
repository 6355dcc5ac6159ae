import type { FieldIssue } from '@shared/domain';
import { submissionChecks, type ReviewableEntity, type SubmissionReport, type WorkflowAction } from '@shared/workflow';
import { getRecord } from '../../db/reads';
import { getStore } from '../../db/store';
import { submissionContext } from '../../db/workflow';
import { currentPrincipal } from '../../state/principal';
import { localToday } from '../../ui/format';

export interface StepTarget {
  entity: ReviewableEntity;
  recordId: string;
}

export type StepOutcome = { ok: true } | { ok: false; issues: FieldIssue[] };

/** What a submission of the record would meet: errors that block it, warnings that need a comment. Undefined when the record is not here. */
export async function checkSubmission(target: StepTarget): Promise<SubmissionReport | undefined> {
  const record = await getRecord(target.entity, target.recordId);
  if (!record) return undefined;
  // As the write path will check it: with the signed-in person's role (who is asked for contact details).
  return submissionChecks(record, await submissionContext(getStore().db, record, localToday(), currentPrincipal()?.role));
}

/**
 * Takes a review step through the one write path, which records it as the signed-in person (and refuses
 * a step their role may not take, or one the record's state does not allow, with a `v.workflow.*` issue).
 */
export async function takeStep(target: StepTarget, action: WorkflowAction, options: { comment?: string; overriddenWarnings?: string[] } = {}): Promise<StepOutcome> {
  const comment = options.comment?.trim();
  const outcome = await getStore().repository.review(target, action, {
    ...(comment ? { comment } : {}),
    ...(options.overriddenWarnings?.length ? { overriddenWarnings: options.overriddenWarnings } : {}),
  });
  return outcome.ok ? { ok: true } : { ok: false, issues: outcome.issues };
}
