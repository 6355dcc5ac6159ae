import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSyncStore } from '../../state/syncStore';
import { useUiStore } from '../../state/uiStore';
import { formatRelativeTime } from '../../ui/format';
import { useNow } from './useSyncText';

export type SyncIndicatorState = 'not-enrolled' | 'synced' | 'syncing' | 'offline' | 'attention';

/**
 * Sync in one word for the header, beside the online indicator, and a link to the Sync page. Its
 * accessible name says the whole state; the visible word is short.
 */
export function SyncIndicator() {
  const { t } = useTranslation('sync');
  const language = useUiStore((s) => s.language);
  const loaded = useSyncStore((s) => s.loaded);
  const enrolled = useSyncStore((s) => s.enrollment !== undefined);
  // Narrow selections: the status object changes with every page of progress, the pill only with these.
  const phase = useSyncStore((s) => s.status.phase);
  const lastSuccessAt = useSyncStore((s) => s.status.lastSuccessAt);
  const refusals = useSyncStore((s) => s.refusalsCount);
  const now = useNow();
  if (!loaded) return null;

  const state: SyncIndicatorState = !enrolled
    ? 'not-enrolled'
    : phase === 'stopped' || phase === 'failed' || refusals > 0
      ? 'attention'
      : phase === 'syncing'
        ? 'syncing'
        : phase === 'offline'
          ? 'offline'
          : 'synced';

  const [text, label] =
    state === 'not-enrolled'
      ? [t('indicator.notEnrolled'), t('indicator.notEnrolledLabel')]
      : state === 'attention'
        ? [t('indicator.attention'), t('indicator.attentionLabel')]
        : state === 'syncing'
          ? [t('indicator.syncing'), t('indicator.syncingLabel')]
          : state === 'offline'
            ? [t('indicator.offline'), t('indicator.offlineLabel')]
            : [t('indicator.synced'), lastSuccessAt ? t('indicator.syncedLabel', { when: formatRelativeTime(lastSuccessAt, now, language) }) : t('indicator.syncedNever')];

  return (
    <Link to="/sync" className={`status-pill sync-pill ${state}`} aria-label={label} title={label} data-testid="sync-status" data-state={state}>
      <span className="dot" aria-hidden="true" />
      <span aria-hidden="true">{text}</span>
    </Link>
  );
}
