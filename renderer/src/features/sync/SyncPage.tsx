import { useTranslation } from 'react-i18next';
import { useSyncStore } from '../../state/syncStore';
import { EnrollCard } from './EnrollCard';
import { ForgetCard } from './ForgetCard';
import { RefusalsCard } from './RefusalsCard';
import { SignInCard } from './SignInCard';
import { StatusCard } from './StatusCard';

/**
 * Network sync: sign in and enroll this computer once; after that, its status, "Sync now", the changes
 * the server refused, and signing the computer out. Syncing itself needs nothing from this page.
 */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const loaded = useSyncStore((s) => s.loaded);
  const enrollment = useSyncStore((s) => s.enrollment);
  const session = useSyncStore((s) => s.session);

  return (
    <section className="page sync-page" aria-labelledby="sync-heading">
      <div className="page-header">
        <h1 id="sync-heading">{t('title')}</h1>
      </div>
      {!loaded ? (
        <p role="status">{t('loading')}</p>
      ) : enrollment ? (
        <>
          <StatusCard enrollment={enrollment} />
          <RefusalsCard />
          <ForgetCard />
        </>
      ) : (
        <>
          <p>{t('intro')}</p>
          {session ? <EnrollCard session={session} /> : <SignInCard />}
          <RefusalsCard />
        </>
      )}
    </section>
  );
}
