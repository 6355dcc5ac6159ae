import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Offline is the normal case: the indicator says so calmly, and that work continues locally. */
export function OnlineIndicator() {
  const { t } = useTranslation();
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  return (
    <span className={`status-pill ${online ? 'online' : 'offline'}`} role="status" data-testid="online-status" data-online={online}>
      <span className="dot" aria-hidden="true" />
      {online ? t('status.online') : t('status.offline')}
    </span>
  );
}
