import type { SubmissionReport, WorkflowAction } from '@shared/workflow';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useIssueText } from '../../i18n';
import { Notice } from '../../ui/Notice';
import { checkSubmission, takeStep, type StepTarget } from './reviewActions';

/** Return and unlock say why; a submit that overrides warnings says why they do not apply. */
export const commentRequired = (action: WorkflowAction, report: SubmissionReport | undefined) =>
  action === 'return' || action === 'unlock' || (action === 'submit' && (report?.warnings.length ?? 0) > 0);

type Checks = { phase: 'checking' } | { phase: 'ready'; report: SubmissionReport | undefined } | { phase: 'failed'; message: string };

/**
 * One review step about to be taken: for a submit, what the submission checks found (errors block it,
 * warnings are listed and overridden with a comment); a comment box (required to return or unlock); and
 * the button that takes the step. `testIds` prefixes the test ids (`workflow` → workflow-comment, -confirm).
 */
export function StepForm({ target, action, testIds, onDone, onCancel }: { target: StepTarget; action: WorkflowAction; testIds: string; onDone: (action: WorkflowAction) => void; onCancel: () => void }) {
  const { t } = useTranslation('review');
  const issueText = useIssueText();
  const id = useId();
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [checks, setChecks] = useState<Checks>(action === 'submit' ? { phase: 'checking' } : { phase: 'ready', report: undefined });
  const [comment, setComment] = useState('');
  const [missingComment, setMissingComment] = useState(false);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { entity, recordId } = target;

  useEffect(() => {
    if (action !== 'submit') return;
    let cancelled = false;
    checkSubmission({ entity, recordId }).then(
      (report) => !cancelled && setChecks({ phase: 'ready', report }),
      (error: unknown) => !cancelled && setChecks({ phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [action, entity, recordId]);

  useEffect(() => {
    if (checks.phase === 'ready') commentRef.current?.focus();
  }, [checks.phase]);

  const report = checks.phase === 'ready' ? checks.report : undefined;
  const blocked = (report?.errors.length ?? 0) > 0;
  const needsComment = commentRequired(action, report);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || blocked || checks.phase !== 'ready') return;
    if (needsComment && !comment.trim()) {
      setMissingComment(true);
      commentRef.current?.focus();
      return;
    }
    setBusy(true);
    setRefusal([]);
    try {
      const outcome = await takeStep(target, action, { comment, overriddenWarnings: action === 'submit' ? report?.warnings.map((warning) => warning.message) : undefined });
      if (outcome.ok) return onDone(action);
      setRefusal(outcome.issues.map((issue) => issueText(issue.message, issue.params)));
    } catch (error) {
      setRefusal([t('step.failed', { message: error instanceof Error ? error.message : String(error) })]);
    } finally {
      setBusy(false);
    }
  };

  const commentError = missingComment && needsComment && !comment.trim() ? t(action === 'submit' ? 'step.overrideNeedsComment' : 'step.commentRequired') : undefined;
  const commentLabel = action === 'return' ? t('step.returnComment') : action === 'unlock' ? t('step.unlockComment') : needsComment ? t('step.overrideComment') : t('step.comment');

  return (
    <form className="step-form" onSubmit={submit} noValidate aria-label={t(`actions.${action}`)} data-testid={`${testIds}-step`} data-action={action}>
      {checks.phase === 'checking' && <p className="muted">{t('step.checking')}</p>}
      <Notice kind="error">{checks.phase === 'failed' ? t('step.failed', { message: checks.message }) : undefined}</Notice>
      {checks.phase === 'ready' && action === 'submit' && !report && <Notice kind="error">{t('step.recordMissing')}</Notice>}
      {report && report.errors.length > 0 && (
        <div className="step-problems errors" role="alert" data-testid={`${testIds}-errors`}>
          <p>{t('step.errorsBlock', { count: report.errors.length })}</p>
          <ul>
            {report.errors.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>{issueText(issue.message, issue.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {report && report.errors.length === 0 && report.warnings.length > 0 && (
        <div className="step-problems warnings" role="status" data-testid={`${testIds}-warnings`}>
          <p>{t('step.warningsOverride', { count: report.warnings.length })}</p>
          <ul>
            {report.warnings.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>{issueText(issue.message, issue.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {!blocked && checks.phase === 'ready' && (action !== 'submit' || report) && (
        <div className={`field${commentError ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-comment`}>
            {commentLabel}
            {needsComment && <span aria-hidden="true" className="required-mark"> *</span>}
          </label>
          <textarea
            id={`${id}-comment`}
            ref={commentRef}
            rows={3}
            value={comment}
            required={needsComment}
            aria-invalid={Boolean(commentError)}
            aria-describedby={commentError ? `${id}-comment-error` : undefined}
            onChange={(event) => setComment(event.target.value)}
            data-testid={`${testIds}-comment`}
          />
          {commentError && (
            <p id={`${id}-comment-error`} className="field-error" data-testid="field-error">
              {commentError}
            </p>
          )}
        </div>
      )}
      {refusal.length > 0 && (
        <div className="notice error" role="alert" data-testid={`${testIds}-refused`}>
          {refusal.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      )}
      <div className="form-actions">
        {!blocked && (
          <button type="submit" className="button primary" disabled={busy || checks.phase !== 'ready' || (action === 'submit' && !report)} data-testid={`${testIds}-confirm`}>
            {busy ? t('step.working') : t(`confirm.${action}`)}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel} data-testid={`${testIds}-cancel`}>
          {t('step.cancel')}
        </button>
      </div>
    </form>
  );
}
