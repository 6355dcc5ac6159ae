import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a page shows while it reads the record it is about. */
export function RecordLoading() {
  const { t } = useTranslation();
  return <p className="page muted">{t('form.loading')}</p>;
}

/** A record that is not on this computer (deleted, or not synced here yet): say so, and offer a way on. */
export function RecordMissing({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{message}</h1>
      <Link to="/activities">{t('form.backToActivities')}</Link>
    </section>
  );
}
