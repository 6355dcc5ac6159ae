import type { Activity } from '@shared/domain';
import { normalizeForSearch } from '@shared/search/normalize';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityParticipants, enrolledTwice } from '../../db/participants';
import { useUiStore } from '../../state/uiStore';
import { formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useRepositoryData } from '../history/useRepositoryData';
import { personName } from '../people/personSearch';
import { CreateAndEnrolPanel } from './CreateAndEnrolPanel';
import { EnrolPeoplePanel } from './EnrolPeoplePanel';
import { isTraining, participantCounts } from './enrolment';
import { ParticipantRowView } from './ParticipantRowView';

type Panel = 'none' | 'pick' | 'create';

/**
 * The people taking part in an activity (the trainees of a course): their status, attendance, completion
 * and certificate, edited in place; enrolment from the person list or of a new person on the spot; and
 * the figures the program reports (people enrolled and trained, women and men).
 */
export function ParticipantsSection({ activity }: { activity: Activity }) {
  const { t } = useTranslation('participants');
  const language = useUiStore((s) => s.language);
  const headingId = useId();
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | undefined>();
  const training = isTraining(activity.details.kind);
  const data = useRepositoryData(
    `participants:${activity.id}`,
    () => activityParticipants(activity.id),
    (changes) => changes.some((c) => c.entity === 'participation' || c.entity === 'person'),
  );
  const rows = useMemo(
    () =>
      data.phase === 'ready'
        ? [...data.data].sort((a, b) => normalizeForSearch(personName(a.person)).localeCompare(normalizeForSearch(personName(b.person))))
        : [],
    [data],
  );
  const counts = participantCounts(rows);
  const twice = enrolledTwice(rows.map((row) => row.participation));
  const enrolledIds = useMemo(() => new Set(rows.map((row) => row.participation.personId)), [rows]);
  const toggle = (next: Panel) => {
    setPanel(panel === next ? 'none' : next);
    setNotice(undefined);
  };
  const figure = (key: string, value: number) => (
    <div>
      <dt>{t(`counts.${key}`)}</dt>
      <dd data-testid={`count-${key}`}>{formatNumber(value, language)}</dd>
    </div>
  );

  return (
    <section className="card participants" aria-labelledby={headingId} data-testid="participants-section">
      <div className="page-header">
        <h2 id={headingId}>{training ? t('title.trainees') : t('title.participants')}</h2>
        <div className="actions">
          <button type="button" className="button" aria-expanded={panel === 'pick'} onClick={() => toggle('pick')} data-testid="enrol-people">
            {training ? t('enrol.openTrainees') : t('enrol.open')}
          </button>
          <button type="button" className="button" aria-expanded={panel === 'create'} onClick={() => toggle('create')} data-testid="create-and-enrol">
            {t('create.open')}
          </button>
        </div>
      </div>
      <dl className="facts" data-testid="participant-counts">
        {figure('enrolled', counts.enrolled)}
        {figure('completed', counts.completed)}
        {figure('women', counts.women)}
        {figure('men', counts.men)}
        {figure('completedWomen', counts.completedWomen)}
        {figure('completedMen', counts.completedMen)}
      </dl>
      <Notice kind={notice?.kind ?? 'success'} testId="participants-notice">
        {notice?.text}
      </Notice>
      {panel === 'pick' && (
        <EnrolPeoplePanel
          activity={activity}
          enrolledIds={enrolledIds}
          onDone={(text, kind) => setNotice({ kind, text })}
          onClose={() => setPanel('none')}
        />
      )}
      {panel === 'create' && <CreateAndEnrolPanel activity={activity} onDone={(text) => setNotice({ kind: 'success', text })} onClose={() => setPanel('none')} />}
      {data.phase === 'loading' ? (
        <p className="muted">{t('loading')}</p>
      ) : data.phase === 'failed' ? (
        <p className="notice error" role="alert">
          {t('loadFailed', { message: data.message })}
        </p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="participants-empty">
          {training ? t('emptyTrainees') : t('empty')}
        </p>
      ) : (
        <div className="table-scroll" style={{ overflowX: 'auto' }}>
          <table className="history-table participants-table" data-testid="participants-table">
            <caption className="visually-hidden">{training ? t('title.trainees') : t('title.participants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.name')}</th>
                <th scope="col">{t('columns.role')}</th>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col">{t('columns.attendanceDays')}</th>
                <th scope="col">{t('columns.completedOn')}</th>
                <th scope="col">{t('columns.certificateNumber')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ParticipantRowView
                  key={row.participation.id}
                  row={row}
                  enrolledTwice={twice.has(row.participation.personId)}
                  onMessage={(text, kind) => setNotice({ kind, text })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
