import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetThisComputer } from './syncController';

/** "Sign this computer out", behind a confirmation that takes focus and can be cancelled with Escape. */
export function ForgetCard() {
  const { t } = useTranslation('sync');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) startButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const forget = async () => {
    setBusy(true);
    try {
      await forgetThisComputer();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="sync-forget-heading">
      <h2 id="sync-forget-heading">{t('forget.title')}</h2>
      <p>{t('forget.body')}</p>
      {confirming ? (
        <div
          className="confirm-panel"
          role="alertdialog"
          aria-labelledby="sync-forget-confirm-title"
          aria-describedby="sync-forget-confirm-body"
          onKeyDown={(event) => event.key === 'Escape' && setConfirming(false)}
          data-testid="sync-forget-dialog"
        >
          <p id="sync-forget-confirm-title">
            <strong>{t('forget.confirmTitle')}</strong>
          </p>
          <p id="sync-forget-confirm-body">{t('forget.confirmBody')}</p>
          <p className="actions">
            <button ref={confirmButton} type="button" className="button danger" disabled={busy} onClick={() => void forget()} data-testid="sync-forget-confirm">
              {t('forget.confirm')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('forget.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <p className="actions">
          <button ref={startButton} type="button" className="button danger" onClick={() => setConfirming(true)} data-testid="sync-forget">
            {t('forget.start')}
          </button>
        </p>
      )}
    </section>
  );
}
