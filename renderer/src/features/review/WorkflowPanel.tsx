import { canSee } from '@shared/access/rules';
import { labelOf, userRoles, type Approval, type EntityType } from '@shared/domain';
import { allowedActions, isReviewable, type ReviewableEntity, type WorkflowAction } from '@shared/workflow';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { LockText } from './LockText';
import { lockModel, userDisplayName } from './lockModel';
import { StepForm } from './StepForm';
import { useWorkflow } from './useWorkflow';
import './review.css';
import { overriddenWarningKey } from './overriddenWarnings';

/** A record's review: its state, the steps so far with their comments, and the steps the signed-in person may take. */
export function WorkflowPanel({ entity, recordId }: { entity: EntityType; recordId: string }) {
  if (!isReviewable(entity)) return null;
  return <Panel key={`${entity}:${recordId}`} entity={entity} recordId={recordId} />;
}

function Panel({ entity, recordId }: { entity: ReviewableEntity; recordId: string }) {
  const { t } = useTranslation('review');
  const label = useLabel();
  const principal = usePrincipal();
  const headingId = useId();
  const data = useWorkflow(entity, recordId);
  const [pending, setPending] = useState<WorkflowAction | undefined>();
  const [done, setDone] = useState<WorkflowAction | undefined>();
  const target = useMemo(() => ({ entity, recordId }), [entity, recordId]);

  if (data.phase === 'loading') return null;
  if (data.phase === 'failed')
    return (
      <section className="card workflow-panel" aria-labelledby={headingId} data-testid="workflow-panel">
        <h2 id={headingId}>{t('panel.title')}</h2>
        <Notice kind="error">{t('panel.loadFailed', { message: data.message })}</Notice>
      </section>
    );

  const { status, scope, users } = data.data;
  const lock = lockModel(status);
  const inScope = principal && scope !== undefined && canSee(principal, scope);
  const actions = principal && inScope ? allowedActions(status.state, principal.role) : [];

  return (
    <section className="card workflow-panel" aria-labelledby={headingId} data-testid="workflow-panel">
      <div className="workflow-head">
        <h2 id={headingId}>{t('panel.title')}</h2>
        <span className={`badge workflow-${status.state}`} data-testid="workflow-state" data-state={status.state}>
          {t(`states.${status.state}`)}
        </span>
      </div>
      {lock ? (
        <p className="notice locked" data-testid="workflow-lock">
          <LockText lock={lock} users={users} /> {t('panel.editLocked')}
        </p>
      ) : (
        <p className="muted">{t(`explain.${status.state}`)}</p>
      )}
      <Notice kind="success" testId="workflow-done">
        {done && !pending && t(`done.${done}`)}
      </Notice>

      {!principal ? (
        <p data-testid="workflow-not-enrolled">
          {t('panel.notEnrolled')} <Link to="/sync">{t('panel.enrollLink')}</Link>
        </p>
      ) : !inScope ? (
        <p className="muted" data-testid="workflow-out-of-scope">
          {t('panel.outOfScope')}
        </p>
      ) : actions.length === 0 ? (
        <p className="muted" data-testid="workflow-no-actions">
          {t('panel.noActions', { role: label(labelOf(userRoles, principal.role)) })}
        </p>
      ) : (
        <div className="workflow-actions">
          {!pending && (
            <div className="actions" role="group" aria-label={t('panel.actions')}>
              {actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={`button${action === 'approve' || action === 'accept' || action === 'submit' ? ' primary' : ''}`}
                  onClick={() => {
                    setDone(undefined);
                    setPending(action);
                  }}
                  data-testid={`workflow-${action}`}
                >
                  {t(`actions.${action}`)}
                </button>
              ))}
            </div>
          )}
          {pending && (
            <StepForm
              target={target}
              action={pending}
              testIds="workflow"
              onCancel={() => setPending(undefined)}
              onDone={(action) => {
                setPending(undefined);
                setDone(action);
              }}
            />
          )}
        </div>
      )}

      <h3>{t('history.title')}</h3>
      {status.history.length === 0 ? (
        <p className="muted" data-testid="workflow-history">
          {t('history.none')}
        </p>
      ) : (
        <ol className="workflow-history" data-testid="workflow-history">
          {status.history.map((step) => (
            <HistoryStep key={step.id} step={step} ignored={status.ignored.includes(step.id)} users={users} />
          ))}
        </ol>
      )}
    </section>
  );
}

function HistoryStep({ step, ignored, users }: { step: Approval; ignored: boolean; users: ReadonlyMap<string, { displayName: string }> }) {
  const { t } = useTranslation('review');
  const label = useLabel();
  const language = useUiStore((state) => state.language);
  return (
    <li className={ignored ? 'ignored' : undefined} data-testid="workflow-step" data-action={step.action} data-ignored={ignored || undefined}>
      <div>
        <strong>{t(`steps.${step.action}`)}</strong>
        {' · '}
        {t('history.by', { user: userDisplayName(step.actorUserId, users), role: label(labelOf(userRoles, step.actorRole)) })}
        {' · '}
        <time dateTime={step.at}>{formatDateTime(step.at, language)}</time>
        {ignored && (
          <span className="badge" data-testid="workflow-step-ignored">
            {' '}
            {t('history.ignored')}
          </span>
        )}
      </div>
      {step.comment && (
        <p className="prose workflow-comment" data-testid="workflow-step-comment">
          {step.comment}
        </p>
      )}
      {step.overriddenWarnings && step.overriddenWarnings.length > 0 && (
        <div className="workflow-overridden">
          {t('history.overridden')}
          <ul>
            {step.overriddenWarnings.map((code) => (
              <li key={code}>{t(overriddenWarningKey(code), { defaultValue: code })}</li>
            ))}
          </ul>
        </div>
      )}
      {ignored && <p className="muted">{t('history.ignoredWhy')}</p>}
    </li>
  );
}
