import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInSession } from '../../state/syncStore';
import { Field } from '../../ui/Field';
import { endSession, enrollThisComputer } from './syncController';
import { failureCode, useFailureText } from './useSyncText';
import { Notice } from '../../ui/Notice';

/** The operating system, in words, for a computer's default name. */
function platformName(): string {
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform || navigator.platform || '';
  if (/win/i.test(platform)) return 'Windows';
  if (/mac/i.test(platform)) return 'macOS';
  if (/linux|x11/i.test(platform)) return 'Linux';
  return platform || 'desk';
}

/** After sign-in: name this computer and enroll it (the session token is used once, then ended). */
export function EnrollCard({ session }: { session: SignInSession }) {
  const { t } = useTranslation('sync');
  const failureText = useFailureText();
  const [name, setName] = useState(() => t('enroll.defaultName', { name: session.user.displayName, platform: platformName() }).slice(0, 100));
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Signed in: the page changed under the person's hands, so tell a screen reader where they are.
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('signIn.required'));
      return;
    }
    setError(undefined);
    setFailure(undefined);
    setBusy(true);
    try {
      await enrollThisComputer(name);
    } catch (caught) {
      setFailure(failureText(failureCode(caught)));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="sync-enroll-heading">
      <h2 id="sync-enroll-heading" ref={heading} tabIndex={-1}>
        {t('enroll.title')}
      </h2>
      <p data-testid="sync-signed-in-as">{t('enroll.signedInAs', { server: session.serverUrl, name: session.user.displayName, username: session.user.username })}</p>
      <p>{t('enroll.body')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('enroll.name')} error={error} hint={t('enroll.nameHint')} required>
          {(props) => <input {...props} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="sync-device-name" />}
        </Field>
        <Notice kind="error" testId="sync-enroll-error">
          {failure}
        </Notice>
        <p className="actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="sync-enroll">
            {busy ? t('enroll.running') : t('enroll.submit')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void endSession()}>
            {t('enroll.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}
