import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a form page shows while it reads its record. */
export function FormLoading() {
  const { t } = useTranslation('finance');
  return <p className="page muted">{t('form.loading')}</p>;
}

/** A form under an activity that is not on this computer (deleted, or not synced here yet). */
export function ActivityMissing() {
  const { t } = useTranslation('finance');
  return (
    <section className="page">
      <h1>{t('form.activityNotFound')}</h1>
      <Link to="/activities">{t('form.backToActivities')}</Link>
    </section>
  );
}
