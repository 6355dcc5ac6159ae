import { labelOf, userRoles, type AnyRecord } from '@shared/domain';
import { entityLabels } from '@shared/domain/fieldLabels';
import { allowedActions, type WorkflowAction } from '@shared/workflow';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isReviewer, recordKey, submitsForReview, waitsFor, type QueueGroup, type QueueItem } from '../../db/workflow';
import { useIssueText, useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { userDisplayName } from './lockModel';
import { recordTitle } from './queueModel';
import { recordPath } from '../../ui/RecordLabel';
import { takeStep } from './reviewActions';
import { StepForm } from './StepForm';
import { useReviewOverview } from './useReviewQueue';
import './review.css';
import { overriddenWarningKey } from './overriddenWarnings';

/** The steps a queue offers on each row: move it forward, or send it back with a comment. */
const quickActions: readonly WorkflowAction[] = ['approve', 'accept', 'return'];

type Message = { kind: 'success' | 'error'; text: string };
type Users = ReadonlyMap<string, { displayName: string }>;

/**
 * The review page, for everyone with a part in review (the workflow's table says who):
 * - reviewers (a national coordinator: her countries' submitted records; the Secretariat: what coordinators
 *   approved, then everything submitted) get their queue, by kind (field reports first), oldest first, each
 *   with who submitted it, when, their comment and the warnings they overrode, a link, and quick steps;
 * - everyone who submits gets their own records returned to them, with the reviewer's comment, and those
 *   still waiting for someone's review.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation('review');
  const principal = usePrincipal();
  const data = useReviewOverview();
  const [message, setMessage] = useState<Message | undefined>();
  const reviewer = principal !== undefined && isReviewer(principal.role);
  const submits = principal !== undefined && submitsForReview(principal.role);

  return (
    <section className="page review-queue" aria-labelledby="review-heading" data-testid="review-queue">
      <div className="page-header">
        <h1 id="review-heading">{t('queue.title')}</h1>
      </div>
      {!principal ? (
        <p data-testid="review-not-enrolled">
          {t('panel.notEnrolled')} <Link to="/sync">{t('panel.enrollLink')}</Link>
        </p>
      ) : !reviewer && !submits ? (
        <p data-testid="review-not-reviewer">{t('queue.notReviewer')}</p>
      ) : data.phase === 'loading' ? (
        <p className="muted">{t('queue.loading')}</p>
      ) : data.phase === 'failed' ? (
        <Notice kind="error">{t('queue.loadFailed', { message: data.message })}</Notice>
      ) : (
        <>
          <Notice kind={message?.kind ?? 'success'} testId="queue-message">
            {message?.text}
          </Notice>
          {reviewer && (
            <>
              {/* Who accepts what coordinators approved (the Secretariat) sees both levels; a coordinator her countries' submissions. */}
              <p className="muted">{waitsFor('approved', principal.role) ? t('queue.introSecretariat') : t('queue.introCoordinator')}</p>
              {data.data.overview.queue.length === 0 ? (
                <p data-testid="queue-empty">{t('queue.empty')}</p>
              ) : (
                data.data.overview.queue.map((group) => <Group key={group.state} group={group} records={data.data.records} users={data.data.users} onMessage={setMessage} />)
              )}
            </>
          )}
          {submits && (
            <>
              <Returned items={data.data.overview.returned} records={data.data.records} users={data.data.users} />
              <Waiting items={data.data.overview.waiting} records={data.data.records} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A record's title and link, as a reviewer knows it. */
function useRecordLine() {
  const { t } = useTranslation('review');
  const language = useUiStore((state) => state.language);
  return (item: QueueItem, records: ReadonlyMap<string, AnyRecord>) => {
    const record = records.get(recordKey(item.entity, item.recordId));
    const title =
      recordTitle(record, records, language, (activity, date) => t('queue.visit', { activity: activity || t('queue.unknownActivity'), date: formatDate(date, language) })) ||
      `…${item.recordId.slice(-8)}`;
    return { title, path: recordPath(item.entity, item.recordId) };
  };
}

/** "Nok Chaiyaporn (National coordinator)": who took a step. */
function useStepActor() {
  const { t } = useTranslation('review');
  const label = useLabel();
  return (step: QueueItem['step'] | undefined, users: Users) =>
    step ? t('history.by', { user: userDisplayName(step.actorUserId, users), role: label(labelOf(userRoles, step.actorRole)) }) : '';
}

function Group({ group, records, users, onMessage }: { group: QueueGroup; records: Map<string, AnyRecord>; users: Users; onMessage: (message: Message) => void }) {
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

/** What the submitter said when submitting: their comment, and the check warnings they overrode. */
function SubmissionNote({ step }: { step: QueueItem['submitted'] }) {
  const { t } = useTranslation('review');
  if (!step || (!step.comment && !step.overriddenWarnings?.length)) return null;
  return (
    <div className="queue-note">
      {step.comment && (
        <p className="workflow-comment" data-testid="queue-submit-comment">
          <span className="muted">{t('queue.submitterComment')}</span> {step.comment}
        </p>
      )}
      {step.overriddenWarnings && step.overriddenWarnings.length > 0 && (
        <div className="workflow-overridden" data-testid="queue-overridden">
          {t('history.overridden')}
          <ul>
            {step.overriddenWarnings.map((code) => (
              <li key={code}>{t(overriddenWarningKey(code), { defaultValue: code })}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Row({ item, records, users, onMessage }: { item: QueueItem; records: Map<string, AnyRecord>; users: Users; onMessage: (message: Message) => void }) {
  const { t } = useTranslation('review');
  const issueText = useIssueText();
  const language = useUiStore((state) => state.language);
  const principal = usePrincipal();
  const recordLine = useRecordLine();
  const who = useStepActor();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const target = useMemo(() => ({ entity: item.entity, recordId: item.recordId }), [item.entity, item.recordId]);

  const { title, path } = recordLine(item, records);
  const actions = principal ? allowedActions(item.state, principal.role).filter((action) => quickActions.includes(action)) : [];
  const forward = actions.find((action) => action !== 'return');

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
        <td>
          {path ? <Link to={path}>{title}</Link> : title}
          <SubmissionNote step={item.submitted} />
        </td>
        <td>{who(item.submitted, users)}</td>
        <td className="nowrap">{item.submitted && <time dateTime={item.submitted.at}>{formatDateTime(item.submitted.at, language)}</time>}</td>
        {item.state === 'approved' && (
          <td>
            {who(item.step, users)}
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

/** The person's own records a reviewer returned to them, with what to correct. */
function Returned({ items, records, users }: { items: readonly QueueItem[]; records: Map<string, AnyRecord>; users: Users }) {
  const { t } = useTranslation('review');
  const language = useUiStore((state) => state.language);
  const label = useLabel();
  const recordLine = useRecordLine();
  const who = useStepActor();
  return (
    <section className="card" aria-labelledby="review-returned-heading" data-testid="review-returned">
      <h2 id="review-returned-heading">{t('own.returned.title', { count: items.length })}</h2>
      {items.length === 0 ? (
        <p className="muted" data-testid="returned-empty">
          {t('own.returned.empty')}
        </p>
      ) : (
        <>
          <p className="muted">{t('own.returned.intro')}</p>
          <table className="history-table queue-table" aria-labelledby="review-returned-heading">
            <thead>
              <tr>
                <th scope="col">{t('own.columns.record')}</th>
                <th scope="col">{t('own.columns.kind')}</th>
                <th scope="col">{t('own.columns.returnedBy')}</th>
                <th scope="col">{t('own.columns.returnedAt')}</th>
                <th scope="col">{t('own.columns.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const { title, path } = recordLine(item, records);
                return (
                  <tr key={recordKey(item.entity, item.recordId)} data-testid="returned-item" data-record-id={item.recordId} data-entity={item.entity}>
                    <td>{path ? <Link to={path}>{title}</Link> : title}</td>
                    <td>{label(entityLabels[item.entity])}</td>
                    <td>{who(item.step, users)}</td>
                    <td className="nowrap">
                      <time dateTime={item.step.at}>{formatDateTime(item.step.at, language)}</time>
                    </td>
                    <td>
                      <p className="prose workflow-comment" data-testid="returned-comment">
                        {item.step.comment ?? ''}
                      </p>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The person's own submissions that wait for someone else's review. */
function Waiting({ items, records }: { items: readonly QueueItem[]; records: Map<string, AnyRecord> }) {
  const { t } = useTranslation('review');
  const language = useUiStore((state) => state.language);
  const label = useLabel();
  const recordLine = useRecordLine();
  return (
    <section className="card" aria-labelledby="review-waiting-heading" data-testid="review-waiting">
      <h2 id="review-waiting-heading">{t('own.waiting.title', { count: items.length })}</h2>
      {items.length === 0 ? (
        <p className="muted" data-testid="waiting-empty">
          {t('own.waiting.empty')}
        </p>
      ) : (
        <>
          <p className="muted">{t('own.waiting.intro')}</p>
          <table className="history-table queue-table" aria-labelledby="review-waiting-heading">
            <thead>
              <tr>
                <th scope="col">{t('own.columns.record')}</th>
                <th scope="col">{t('own.columns.kind')}</th>
                <th scope="col">{t('own.columns.state')}</th>
                <th scope="col">{t('own.columns.submittedAt')}</th>
                <th scope="col">{t('own.columns.yourComment')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const { title, path } = recordLine(item, records);
                return (
                  <tr key={recordKey(item.entity, item.recordId)} data-testid="waiting-item" data-record-id={item.recordId} data-entity={item.entity} data-state={item.state}>
                    <td>{path ? <Link to={path}>{title}</Link> : title}</td>
                    <td>{label(entityLabels[item.entity])}</td>
                    <td>
                      <span className={`badge workflow-${item.state}`}>{t(`states.${item.state}`)}</span>
                    </td>
                    <td className="nowrap">{item.submitted && <time dateTime={item.submitted.at}>{formatDateTime(item.submitted.at, language)}</time>}</td>
                    <td>{item.submitted?.comment ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
