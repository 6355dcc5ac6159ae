import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/Notice';
import { forgetThisComputer } from './syncController';

/** "Sign this computer out", behind a confirmation that takes focus and can be cancelled with Escape. */
export function ForgetCard() {
  const { t } = useTranslation('sync');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
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
    setFailed(undefined);
    try {
      await forgetThisComputer();
    } catch (error) {
      setFailed(t('forget.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="sync-forget-heading">
      <h2 id="sync-forget-heading">{t('forget.title')}</h2>
      <p>{t('forget.body')}</p>
      <Notice kind="error" testId="sync-forget-error">
        {failed}
      </Notice>
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
