import type { Activity } from '@shared/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { affectsFieldReports, fieldReportsOfActivity } from '../../db/fieldReports';
import { getStore } from '../../db/store';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { shortAuthor } from '../history/formatValue';
import { useRepositoryData } from '../history/useRepositoryData';
import { StateBadge } from './StateBadge';

/** A section of the activity detail page: the activity's field reports (newest visit first, mine first) and a way to write one. */
export function ActivityReportsSection({ activity }: { activity: Activity }) {
  const { t } = useTranslation('fieldReports');
  const language = useUiStore((s) => s.language);
  const principal = usePrincipal();
  const headingId = useId();
  const userId = principal?.userId;
  const reports = useRepositoryData(
    `activityReports:${activity.id}:${userId ?? ''}`,
    async () => fieldReportsOfActivity(activity.id, { userId, deviceId: await getStore().repository.deviceId() }),
    affectsFieldReports,
  );

  return (
    <section className="card" aria-labelledby={headingId} data-testid="activity-field-reports">
      <div className="page-header">
        <h2 id={headingId}>{t('section.title')}</h2>
        <Link className="button" to={`/field-reports/new?activity=${activity.id}`} data-testid="fr-new-for-activity">
          {t('section.new')}
        </Link>
      </div>
      {reports.phase === 'loading' ? (
        <p className="muted">{t('list.loading')}</p>
      ) : reports.phase === 'failed' ? (
        <p className="notice error">{t('list.loadFailed', { message: reports.message })}</p>
      ) : reports.data.length === 0 ? (
        <p className="muted">{t('section.empty')}</p>
      ) : (
        <table className="history-table">
          <caption className="visually-hidden">{t('section.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.visitDate')}</th>
              <th scope="col">{t('fields.placeName')}</th>
              <th scope="col">{t('fields.author')}</th>
              <th scope="col">{t('fields.state')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.data.map((row) => (
              <tr key={row.id} data-testid="activity-field-report">
                <td>
                  <Link to={`/field-reports/${row.id}`}>{t('section.visitOf', { date: formatDate(row.visitDate, language) })}</Link>
                </td>
                <td>{row.placeName ?? ''}</td>
                <td>{row.mine ? t('list.you') : row.author ? shortAuthor(row.author) : t('list.unknownAuthor')}</td>
                <td>
                  <StateBadge state={row.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reports.phase === 'ready' && reports.data.length > 0 && (
        <p>
          <Link to={`/field-reports?activity=${activity.id}`}>{t('section.all')}</Link>
        </p>
      )}
    </section>
  );
}
