import { matchStatuses, type TechnologyMatch } from '@shared/domain';
import { isLocked } from '@shared/workflow';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getStore } from '../../db/store';
import { useIssueText } from '../../i18n';
import { Field } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { useWorkflowStatus } from '../review/useWorkflow';
import { matchStatusStep, today } from './technologyForms';

/**
 * Moves a match on: a new status and the day it happened, saved as an edit of the match (its history
 * lists every step, who took it and when). Not offered while the match is locked by its approval.
 */
export function MatchStatusStep({ match }: { match: TechnologyMatch }) {
  const { t } = useTranslation('technology');
  const issueText = useIssueText();
  const workflow = useWorkflowStatus('technologyMatch', match.id);
  const locked = workflow ? isLocked(workflow.state) : false;
  const others = matchStatuses.filter((status) => status !== match.status);
  const [picked, setStatus] = useState<TechnologyMatch['status'] | undefined>();
  // After a step the match's own status is no choice any more: fall back to the first other one.
  const status = picked && others.includes(picked) ? picked : (others[0] ?? match.status);
  const [date, setDate] = useState(today());
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const result = await getStore().repository.replace('technologyMatch', match.id, matchStatusStep(match, status, date), match.updatedAt);
      if (result.ok) {
        setOutcome({ kind: 'success', text: t('step.done', { status: t(`status.${status}`) }) });
      } else {
        const issue = result.issues[0];
        setOutcome({ kind: 'error', text: issueText(issue?.message ?? 'v.invalid', issue?.params) });
      }
    } catch (error) {
      setOutcome({ kind: 'error', text: t('common:form.saveFailed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="match-step-heading" data-testid="match-step">
      <h2 id="match-step-heading">{t('step.title')}</h2>
      <Notice kind={outcome?.kind ?? 'success'} testId="match-step-outcome">
        {outcome?.text}
      </Notice>
      {locked ? (
        <p className="muted">{t('step.locked')}</p>
      ) : (
        <form onSubmit={submit} className="form" noValidate>
          <div className="form-grid">
            <Field label={t('step.status')}>
              {(props) => (
                <select {...props} value={status} onChange={(e) => setStatus(e.target.value as TechnologyMatch['status'])} data-testid="match-step-status">
                  {others.map((code) => (
                    <option key={code} value={code}>
                      {t(`status.${code}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('step.date')}>
              {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="match-step-date" />}
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving} data-testid="match-step-save">
              {t('step.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
