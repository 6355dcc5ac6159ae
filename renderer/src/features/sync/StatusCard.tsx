import { countries, labelOf, userRoles } from '@shared/domain';
import { isGlobalRole } from '@shared/access/rules';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../db/serverSync';
import { useLabel } from '../../i18n';
import { useSyncStore } from '../../state/syncStore';
import { useUiStore } from '../../state/uiStore';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { syncNow } from './syncController';
import { useFailureText, useNow } from './useSyncText';

/** Who and where this computer syncs with, how it is going, and "Sync now". */
export function StatusCard({ enrollment }: { enrollment: Enrollment }) {
  const { t } = useTranslation('sync');
  const label = useLabel();
  const failureText = useFailureText();
  const language = useUiStore((s) => s.language);
  const status = useSyncStore((s) => s.status);
  const now = useNow();
  const { user } = enrollment;
  const syncing = status.phase === 'syncing';
  const progress = status.progress;

  const when = (at: number) => (
    <>
      {formatRelativeTime(at, now, language)} <span className="muted">({formatDateTime(new Date(at).toISOString(), language)})</span>
    </>
  );

  return (
    <section className="card" aria-labelledby="sync-status-heading" data-testid="sync-status-card" data-phase={status.phase}>
      <h2 id="sync-status-heading">{t('status.title')}</h2>
      <dl className="sync-facts">
        <dt>{t('status.server')}</dt>
        <dd data-testid="sync-server">{enrollment.serverUrl}</dd>
        <dt>{t('status.user')}</dt>
        <dd data-testid="sync-user">
          {user.displayName} <span className="muted">({user.username})</span>
        </dd>
        <dt>{t('status.role')}</dt>
        <dd data-testid="sync-role">{label(labelOf(userRoles, user.role)) || user.role}</dd>
        <dt>{t('status.countries')}</dt>
        <dd data-testid="sync-countries">
          {isGlobalRole(user.role) ? t('status.allCountries') : user.countries.length === 0 ? t('status.noCountries') : user.countries.map((code) => label(labelOf(countries, code)) || code).join(', ')}
        </dd>
        <dt>{t('status.computer')}</dt>
        <dd>{enrollment.deviceName}</dd>
        <dt>{t('status.lastSuccess')}</dt>
        <dd data-testid="sync-last-success" data-at={status.lastSuccessAt}>
          {status.lastSuccessAt ? <time dateTime={new Date(status.lastSuccessAt).toISOString()}>{when(status.lastSuccessAt)}</time> : t('status.never')}
          {status.lastSummary && status.phase === 'idle' && (
            <span className="muted">
              {' '}
              {t('status.lastSummary', { pulled: formatNumber(status.lastSummary.pulled, language), pushed: formatNumber(status.lastSummary.pushed, language) })}
            </span>
          )}
        </dd>
      </dl>

      <div aria-live="polite" data-testid="sync-phase">
        <p className={status.phase === 'stopped' || status.phase === 'failed' ? 'notice error' : 'notice'}>
          {t(`status.phase.${status.phase}`)}
          {status.lastFailure && status.phase !== 'idle' && status.phase !== 'syncing' && (
            <>
              {' '}
              <span data-testid="sync-failure" data-code={status.lastFailure.code}>
                {t('status.reason', { reason: failureText(status.lastFailure.code) })}
              </span>
            </>
          )}
          {status.nextAttemptAt && (status.phase === 'failed' || status.phase === 'offline') && <> {t('status.nextAttempt', { when: formatRelativeTime(status.nextAttemptAt, now, language) })}</>}
        </p>
        {status.phase === 'stopped' && <p>{t('status.stoppedHelp')}</p>}
      </div>

      {syncing && (
        <div data-testid="sync-progress">
          <ProgressBar
            label={progress?.phase === 'push' ? t('status.pushing') : progress?.phase === 'relay' ? t('status.relaying') : t('status.pulling')}
            value={progress && progress.total > 0 ? progress.done : undefined}
            max={progress && progress.total > 0 ? progress.total : undefined}
            detail={progress && progress.total > 0 ? t('status.progress', { done: formatNumber(progress.done, language), total: formatNumber(progress.total, language) }) : undefined}
          />
        </div>
      )}

      <p className="actions">
        <button type="button" className="button primary" onClick={() => void syncNow()} disabled={syncing} data-testid="sync-now">
          {syncing ? t('status.syncing') : t('status.syncNow')}
        </button>
      </p>
    </section>
  );
}
