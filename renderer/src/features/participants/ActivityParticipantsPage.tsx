import { findActivityKind, pickText } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getRecord } from '../../db/reads';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { useRepositoryData } from '../history/useRepositoryData';
import { isTraining } from './enrolment';
import { ParticipantsSection } from './ParticipantsSection';
import { PartnersSection } from './PartnersSection';

/** A full page for enrolment (a training day with thirty trainees): the activity's people and organizations. */
export function ActivityParticipantsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('participants');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const data = useRepositoryData(
    `activity:${id}`,
    () => getRecord('activity', id),
    (changes) => changes.some((c) => c.entity === 'activity' && c.ids.includes(id)),
  );

  if (data.phase === 'loading') return <p className="page muted">{t('loading')}</p>;
  if (data.phase === 'failed' || !data.data)
    return (
      <section className="page">
        <h1>{data.phase === 'failed' ? t('common:form.loadFailed') : t('page.notFound')}</h1>
        <Link to="/activities">{t('page.backToActivities')}</Link>
      </section>
    );

  const activity = data.data;
  return (
    <article className="page" aria-labelledby="participants-page-heading" data-testid="participants-page">
      <div className="page-header">
        <div>
          <p className="eyebrow">{label(findActivityKind(activity.details.kind)?.label)}</p>
          <h1 id="participants-page-heading">
            {isTraining(activity.details.kind) ? t('page.titleTrainees') : t('page.title')} — {pickText(activity.title, language)}
          </h1>
        </div>
        <Link className="button" to={`/activities/${activity.id}`}>
          {t('page.backToActivity')}
        </Link>
      </div>
      <ParticipantsSection activity={activity} />
      <PartnersSection activity={activity} />
    </article>
  );
}
