import { findCountry, pickText } from '@shared/domain';
import { isLocked } from '@shared/workflow';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { affectsFieldReports, fieldReportDetail, isMine } from '../../db/fieldReports';
import { getStore } from '../../db/store';
import { useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { formatDate, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { DocumentsSection } from '../documents/DocumentsSection';
import { shortAuthor } from '../history/formatValue';
import { RecordHistory } from '../history/RecordHistory';
import { useRepositoryData } from '../history/useRepositoryData';
import { WorkflowPanel } from '../review/WorkflowPanel';
import { BlobImage } from './BlobImage';
import { StateBadge } from './StateBadge';
import './fieldReports.css';
import { WriteGuard } from '../review/WriteGuard';

/** "13.7563, 100.5018": how coordinates are pasted into a map or a GPS unit. */
export const coordinateText = (location: { latitude: number; longitude: number }) => `${location.latitude}, ${location.longitude}`;

export function FieldReportDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('fieldReports');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const principal = usePrincipal();
  const location = useLocation();
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();
  const data = useRepositoryData(
    `fieldReport:${id}`,
    async () => {
      const [detail, deviceId] = await Promise.all([fieldReportDetail(id), getStore().repository.deviceId()]);
      return { detail, deviceId };
    },
    affectsFieldReports,
  );

  if (data.phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (data.phase === 'failed' || !data.data.detail)
    return (
      <section className="page">
        <h1>{data.phase === 'failed' ? t('detail.loadFailed') : t('detail.notFound')}</h1>
        {data.phase === 'failed' && <p className="notice error">{data.message}</p>}
        <Link to="/field-reports">{t('detail.backToList')}</Link>
      </section>
    );

  const { report, activityTitle, indicators, photoDocuments, status, author } = data.data.detail;
  const mine = isMine(author, { userId: principal?.userId, deviceId: data.data.deviceId });
  const title = activityTitle ? pickText(activityTitle, language) : t('detail.unknownActivity');

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <article className="page" aria-labelledby="field-report-heading" data-testid="fr-detail">
      <Notice kind="success">{(location.state as { saved?: boolean } | null)?.saved && t('detail.saved')}</Notice>
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('detail.eyebrow')}</p>
          <h1 id="field-report-heading">{t('detail.heading', { date: formatDate(report.visitDate, language), activity: title })}</h1>
        </div>
        <div className="actions">
          <WriteGuard entity="fieldReport" recordId={report.id}>
            {!isLocked(status.state) && (
              <Link className="button primary" to={`/field-reports/${report.id}/edit`} data-testid="fr-edit">
                {t('detail.edit')}
              </Link>
            )}
          </WriteGuard>
        </div>
      </div>

      <dl className="facts">
        <div>
          <dt>{t('fields.activity')}</dt>
          <dd>
            <Link to={`/activities/${report.activityId}`}>{title}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('fields.country')}</dt>
          <dd>{label(findCountry(report.country)?.label) || report.country}</dd>
        </div>
        <div>
          <dt>{t('fields.visitDate')}</dt>
          <dd data-testid="fr-detail-visit-date">{formatDate(report.visitDate, language)}</dd>
        </div>
        <div>
          <dt>{t('fields.author')}</dt>
          <dd>{mine ? t('list.you') : author ? shortAuthor(author) : t('list.unknownAuthor')}</dd>
        </div>
        <div>
          <dt>{t('fields.state')}</dt>
          <dd>
            <StateBadge state={status.state} />
          </dd>
        </div>
      </dl>

      <section className="card" aria-labelledby="fr-location-heading">
        <h2 id="fr-location-heading">{t('form.location')}</h2>
        {report.location ? (
          <dl className="facts">
            <div>
              <dt>{t('detail.coordinates')}</dt>
              <dd>
                <span className="coordinates" data-testid="fr-coordinates">
                  {coordinateText(report.location)}
                </span>{' '}
                <button type="button" className="button" onClick={() => void copy(coordinateText(report.location!))} data-testid="fr-copy-coordinates">
                  {t('detail.copy')}
                </button>{' '}
                <span role="status" className="muted">
                  {copied === 'copied' ? t('detail.copied') : copied === 'failed' ? t('detail.copyFailed') : ''}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('fields.accuracyMeters')}</dt>
              <dd data-testid="fr-detail-accuracy">
                {report.location.accuracyMeters !== undefined ? t('detail.accuracy', { meters: formatNumber(report.location.accuracyMeters, language) }) : t('detail.noAccuracy')}
              </dd>
            </div>
            <div>
              <dt>{t('detail.source')}</dt>
              <dd data-testid="fr-detail-source">{t(`source.${report.location.source}`)}</dd>
            </div>
            {report.location.placeName && (
              <div>
                <dt>{t('fields.placeName')}</dt>
                <dd data-testid="fr-detail-place">{report.location.placeName}</dd>
              </div>
            )}
          </dl>
        ) : (
          <p className="muted">{t('detail.noLocation')}</p>
        )}
        <p className="field-hint">{t('detail.offlineMapHint')}</p>
      </section>

      <section className="card" aria-labelledby="fr-narrative-heading">
        <h2 id="fr-narrative-heading">{t('fields.narrative')}</h2>
        {report.narrative ? (
          <p className="prose narrative" data-testid="fr-detail-narrative">
            {report.narrative}
          </p>
        ) : (
          <p className="muted">{t('detail.noNarrative')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="fr-indicators-heading">
        <h2 id="fr-indicators-heading">{t('fields.indicatorValues')}</h2>
        {report.indicatorValues.length === 0 ? (
          <p className="muted">{t('detail.noIndicatorValues')}</p>
        ) : (
          <table className="history-table" data-testid="fr-detail-indicators">
            <thead>
              <tr>
                <th scope="col">{t('fields.indicator')}</th>
                <th scope="col">{t('fields.value')}</th>
                <th scope="col">{t('fields.note')}</th>
              </tr>
            </thead>
            <tbody>
              {report.indicatorValues.map((entry) => {
                const indicator = indicators.get(entry.indicatorId);
                return (
                  <tr key={entry.indicatorId}>
                    <td>{indicator ? pickText(indicator.title, language) : t('form.unknownIndicator')}</td>
                    <td>
                      {formatNumber(entry.value, language)}
                      {indicator?.unit ? ` ${indicator.unit}` : ''}
                    </td>
                    <td>{entry.note ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="fr-photos-heading">
        <h2 id="fr-photos-heading">{t('fields.photos')}</h2>
        {report.photos.length === 0 ? (
          <p className="muted">{t('detail.noPhotos')}</p>
        ) : (
          <ul className="photo-gallery">
            {report.photos.map((photo, index) => {
              const document = photoDocuments.get(photo.documentId);
              return (
                <li key={photo.documentId} data-testid="fr-detail-photo">
                  <figure>
                    {document ? (
                      <BlobImage
                        file={document}
                        alt={photo.caption || t('form.photoAlt', { number: index + 1 })}
                        missing={t('form.photoMissing')}
                        testId="fr-detail-photo-img"
                      />
                    ) : (
                      <span className="photo-placeholder missing">{t('form.photoMissing')}</span>
                    )}
                    <figcaption data-testid="fr-detail-photo-caption">{photo.caption ?? ''}</figcaption>
                  </figure>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <WorkflowPanel entity="fieldReport" recordId={report.id} />
      <DocumentsSection target={{ entity: 'fieldReport', recordId: report.id }} />
      <RecordHistory entity="fieldReport" id={report.id} />
      <p>
        <Link to="/field-reports">{t('detail.backToList')}</Link>
      </p>
    </article>
  );
}
