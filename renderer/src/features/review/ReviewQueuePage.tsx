import { labelOf, userRoles, type AnyRecord } from '@shared/domain';
import { allowedActions, type WorkflowAction } from '@shared/workflow';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recordKey, type QueueGroup, type QueueItem } from '../../db/workflow';
import { useIssueText, useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { personName } from './lockModel';
import { recordPath, recordTitle } from './queueModel';
import { takeStep } from './reviewActions';
import { StepForm } from './StepForm';
import { useReviewQueue } from './useReviewQueue';
import './review.css';

/** The steps a queue offers on each row: move it forward, or send it back with a comment. */
const quickActions: readonly WorkflowAction[] = ['approve', 'accept', 'return'];

/**
 * The review queue: what waits for the signed-in reviewer. A national coordinator sees her countries'
 * submitted records; the Secretariat what coordinators approved, then everything submitted. By kind (field
 * reports first), oldest first, each with who submitted it and when, a link to it, and quick steps.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation('review');
  const principal = usePrincipal();
  const queue = useReviewQueue();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const total = queue.phase === 'ready' ? queue.data.groups.reduce((sum, group) => sum + group.count, 0) : 0;

  return (
    <section className="page review-queue" aria-labelledby="review-heading" data-testid="review-queue">
      <div className="page-header">
        <h1 id="review-heading">{t('queue.title')}</h1>
      </div>
      {!principal ? (
        <p data-testid="review-not-enrolled">
          {t('panel.notEnrolled')} <Link to="/sync">{t('panel.enrollLink')}</Link>
        </p>
      ) : principal.role === 'field-officer' || principal.role === 'admin' ? (
        <p data-testid="review-not-reviewer">{t('queue.notReviewer')}</p>
      ) : queue.phase === 'loading' ? (
        <p className="muted">{t('queue.loading')}</p>
      ) : queue.phase === 'failed' ? (
        <Notice kind="error">{t('queue.loadFailed', { message: queue.message })}</Notice>
      ) : (
        <>
          <p className="muted">{principal.role === 'secretariat' ? t('queue.introSecretariat') : t('queue.introCoordinator')}</p>
          <Notice kind={message?.kind ?? 'success'} testId="queue-message">
            {message?.text}
          </Notice>
          {total === 0 ? (
            <p data-testid="queue-empty">{t('queue.empty')}</p>
          ) : (
            queue.data.groups.map((group) => <Group key={group.state} group={group} records={queue.data.records} users={queue.data.users} onMessage={setMessage} />)
          )}
        </>
      )}
    </section>
  );
}

function Group({ group, records, users, onMessage }: { group: QueueGroup; records: Map<string, AnyRecord>; users: Map<string, { displayName: string }>; onMessage: (message: { kind: 'success' | 'error'; text: string }) => void }) {
  const { t } = useTranslation('review');
  const headingId = `queue-${group.state}`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`queue-group-${group.state}`}>
      <h2 id={headingId}>{t(`queue.groups.${group.state}`, { count: group.count })}</h2>
      {group.kinds.map((kind) => (
        <Fragment key={kind.entity}>
          <h3 id={`${headingId}-${kind.entity}`}>
            {t(`kinds.${kind.entity}`)} <span className="muted">({kind.items.length})</span>
          </h3>
          <table className="history-table queue-table" aria-labelledby={`${headingId}-${kind.entity}`} data-testid={`queue-kind-${kind.entity}`}>
            <thead>
              <tr>
                <th scope="col">{t('queue.columns.record')}</th>
                <th scope="col">{t('queue.columns.submittedBy')}</th>
                <th scope="col">{t('queue.columns.submittedAt')}</th>
                {group.state === 'approved' && <th scope="col">{t('queue.columns.approvedBy')}</th>}
                <th scope="col">{t('queue.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {kind.items.map((item) => (
                <Row key={item.recordId} item={item} records={records} users={users} onMessage={onMessage} />
              ))}
            </tbody>
          </table>
        </Fragment>
      ))}
    </section>
  );
}

function Row({ item, records, users, onMessage }: { item: QueueItem; records: Map<string, AnyRecord>; users: Map<string, { displayName: string }>; onMessage: (message: { kind: 'success' | 'error'; text: string }) => void }) {
  const { t } = useTranslation('review');
  const label = useLabel();
  const issueText = useIssueText();
  const language = useUiStore((state) => state.language);
  const principal = usePrincipal();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const target = useMemo(() => ({ entity: item.entity, recordId: item.recordId }), [item.entity, item.recordId]);

  const record = records.get(recordKey(item.entity, item.recordId));
  const title = recordTitle(record, records, language, (activity, date) => t('queue.visit', { activity: activity || t('queue.unknownActivity'), date: formatDate(date, language) })) || `…${item.recordId.slice(-8)}`;
  const path = recordPath(item.entity, item.recordId);
  const actions = principal ? allowedActions(item.state, principal.role).filter((action) => quickActions.includes(action)) : [];
  const forward = actions.find((action) => action !== 'return');
  const who = (step: QueueItem['step'] | undefined) => (step ? t('history.by', { user: personName(step.actorUserId, users), role: label(labelOf(userRoles, step.actorRole)) }) : '');

  const moveForward = async (action: WorkflowAction) => {
    setBusy(true);
    try {
      const outcome = await takeStep(target, action);
      onMessage(outcome.ok ? { kind: 'success', text: t(`queue.done.${action}`, { title }) } : { kind: 'error', text: outcome.issues.map((issue) => issueText(issue.message, issue.params)).join(' ') });
    } catch (error) {
      onMessage({ kind: 'error', text: t('step.failed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <tr data-testid="queue-item" data-record-id={item.recordId} data-entity={item.entity}>
        <td>{path ? <Link to={path}>{title}</Link> : title}</td>
        <td>{who(item.submitted)}</td>
        <td className="nowrap">{item.submitted && <time dateTime={item.submitted.at}>{formatDateTime(item.submitted.at, language)}</time>}</td>
        {item.state === 'approved' && (
          <td>
            {who(item.step)}
            <div className="muted">
              <time dateTime={item.step.at}>{formatDateTime(item.step.at, language)}</time>
            </div>
          </td>
        )}
        <td>
          <div className="actions">
            {forward && (
              <button type="button" className="button primary" disabled={busy} onClick={() => void moveForward(forward)} aria-label={t(`queue.actionOn.${forward}`, { title })} data-testid={`queue-${forward}`}>
                {t(`actions.${forward}`)}
              </button>
            )}
            {actions.includes('return') && (
              <button type="button" className="button" disabled={busy} aria-expanded={returning} onClick={() => setReturning((open) => !open)} aria-label={t('queue.actionOn.return', { title })} data-testid="queue-return">
                {t('actions.return')}
              </button>
            )}
          </div>
        </td>
      </tr>
      {returning && (
        <tr className="queue-step-row">
          <td colSpan={item.state === 'approved' ? 5 : 4}>
            <StepForm
              target={target}
              action="return"
              testIds="queue"
              onCancel={() => setReturning(false)}
              onDone={() => {
                setReturning(false);
                onMessage({ kind: 'success', text: t('queue.done.return', { title }) });
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}
