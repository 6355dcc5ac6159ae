import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { serverAddressProblem, signIn } from './syncController';
import { failureCode, useFailureText } from './useSyncText';
import { Notice } from '../../ui/Notice';

type Errors = Partial<Record<'server' | 'username' | 'password', string>>;

/** Server address, username and password. The password lives only in this form's state until sent. */
export function SignInCard({ initialServer }: { initialServer?: string }) {
  const { t } = useTranslation('sync');
  const failureText = useFailureText();
  const [server, setServer] = useState(initialServer ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = serverAddressProblem(server);
    const next: Errors = {
      server: !server.trim() ? t('signIn.required') : problem === 'invalid' ? t('signIn.invalidAddress') : problem === 'insecure' ? t('signIn.insecureAddress') : undefined,
      username: username.trim() ? undefined : t('signIn.required'),
      password: password ? undefined : t('signIn.required'),
    };
    setErrors(next);
    setFailure(undefined);
    if (next.server || next.username || next.password) return;
    setBusy(true);
    try {
      await signIn(server, username, password);
      // Unmounted: the enroll card takes over.
    } catch (error) {
      setFailure(failureText(failureCode(error)));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="sync-sign-in-heading">
      <h2 id="sync-sign-in-heading">{t('signIn.title')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="sync-sign-in-form">
        <Field label={t('signIn.server')} error={errors.server} hint={t('signIn.serverHint')} required>
          {(props) => (
            <input
              {...props}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              value={server}
              onChange={(e) => setServer(e.target.value)}
              placeholder="https://"
              data-testid="sync-server-url"
            />
          )}
        </Field>
        <Field label={t('signIn.username')} error={errors.username} required>
          {(props) => (
            <input {...props} autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} data-testid="sync-username" />
          )}
        </Field>
        <Field label={t('signIn.password')} error={errors.password} hint={t('signIn.passwordNote')} required>
          {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sync-password" />}
        </Field>
        <Notice kind="error" testId="sync-sign-in-error">
          {failure}
        </Notice>
        <p className="actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="sync-sign-in">
            {busy ? t('signIn.running') : t('signIn.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
