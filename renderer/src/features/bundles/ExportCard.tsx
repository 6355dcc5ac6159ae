import type { BundleProgress } from '@shared/bundle/types';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { ProgressBar } from '../../ui/ProgressBar';
import { toBundleFailure, type BundleFailure } from './bundleFailure';
import { makeBundle, type BundleContext, type MadeBundle } from './bundlesController';
import { defaultRecipient, minPassphraseLength, passphraseProblems, recipientOptions, type RecipientOption, type RecipientValue } from './exportModel';
import { SaveBundle } from './SaveBundle';
import { useBundleText } from './useBundleText';

type Job = { phase: 'idle' } | { phase: 'exporting'; progress?: BundleProgress } | { phase: 'ready'; bundle: MadeBundle } | { phase: 'failed'; failure: BundleFailure };

/** What an export leaves out, each with its sentence (export.skipped.*). */
const skippedReasons = ['skippedOutsideOwnScope', 'skippedOtherAuthor', 'skippedUnknownSigner', 'skippedRevokedSigner', 'skippedMissingAttachments', 'skippedOversizeAttachments'] as const satisfies readonly (keyof MadeBundle['skipped'])[];

/**
 * Export: whom for, how much, then the bundle is made (with progress) and saved: on a removable drive in
 * the desktop app (written, then read back and checked), or wherever the person chooses.
 */
export function ExportCard({ context, focus }: { context: BundleContext; focus: boolean }) {
  const { t } = useTranslation('bundles');
  const text = useBundleText(context.devices);
  const options = recipientOptions({ serverKey: context.serverKey, devices: context.devices });
  const [chosen, setChosen] = useState<RecipientValue>();
  const recipient = chosen && options.some((option) => option.value === chosen && (option.kind !== 'server' || option.available)) ? chosen : defaultRecipient(options);
  const [full, setFull] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [job, setJob] = useState<Job>({ phase: 'idle' });
  const select = useRef<HTMLSelectElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (focus) select.current?.focus();
  }, [focus]);

  const usesPassphrase = recipient === 'passphrase';
  const problems = usesPassphrase ? passphraseProblems(passphrase, confirmation) : {};
  const exporting = job.phase === 'exporting';

  /** Any change of the form makes a bundle already made stale: it was for the old choice. */
  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    if (job.phase !== 'exporting') setJob({ phase: 'idle' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problems.passphrase || problems.confirmation) {
      setShowProblems(true);
      return;
    }
    setShowProblems(false);
    setJob({ phase: 'exporting' });
    try {
      const bundle = await makeBundle({ recipient, full, ...(usesPassphrase ? { passphrase } : {}) }, (progress) => mounted.current && setJob({ phase: 'exporting', progress }));
      if (mounted.current) setJob({ phase: 'ready', bundle });
    } catch (error) {
      if (mounted.current) setJob({ phase: 'failed', failure: toBundleFailure(error) });
    }
  };

  const optionLabel = (option: RecipientOption) => {
    switch (option.kind) {
      case 'server':
        return option.available ? t('export.recipients.server') : t('export.recipients.serverUnavailable');
      case 'device':
        return text.deviceDescription(option.device);
      case 'passphrase':
        return t('export.recipients.passphrase');
    }
  };

  const problemText = (problem: 'too-short' | 'mismatch' | undefined) =>
    !showProblems || !problem ? undefined : problem === 'too-short' ? t('export.passphraseTooShort', { min: minPassphraseLength }) : t('export.passphraseMismatch');

  return (
    <section className={`card${focus ? ' highlighted' : ''}`} aria-labelledby="bundle-export-heading" data-testid="bundle-export">
      <h2 id="bundle-export-heading">{t('export.title')}</h2>
      {!context.enrolled ? (
        <div className="notice" data-testid="export-not-enrolled">
          <p>{t('export.notEnrolled')}</p>
          <p>
            <Link to="/sync">{t('export.goToSync')}</Link>
          </p>
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <p>{t('export.body')}</p>
          <Field label={t('export.recipient')} hint={recipient === 'server' ? t('export.serverHint') : usesPassphrase ? undefined : t('export.deviceHint')}>
            {(props) => (
              <select {...props} ref={select} value={recipient} onChange={(event) => edit(setChosen)(event.target.value as RecipientValue)} disabled={exporting} data-testid="export-recipient">
                {options.map((option) => (
                  <option key={option.value} value={option.value} disabled={option.kind === 'server' && !option.available}>
                    {optionLabel(option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!context.serverKey && <p className="field-hint">{t('export.serverKeyMissing')}</p>}

          {usesPassphrase && (
            <div data-testid="export-passphrase-fields">
              <Field label={t('export.passphrase')} error={problemText(problems.passphrase)} hint={t('export.passphraseHint', { min: minPassphraseLength })} required>
                {(props) => (
                  <input
                    {...props}
                    type="password"
                    autoComplete="new-password"
                    value={passphrase}
                    onChange={(event) => edit(setPassphrase)(event.target.value)}
                    disabled={exporting}
                    data-testid="export-passphrase"
                  />
                )}
              </Field>
              <Field label={t('export.passphraseConfirm')} error={problemText(problems.confirmation)} required>
                {(props) => (
                  <input
                    {...props}
                    type="password"
                    autoComplete="new-password"
                    value={confirmation}
                    onChange={(event) => edit(setConfirmation)(event.target.value)}
                    disabled={exporting}
                    data-testid="export-passphrase-confirm"
                  />
                )}
              </Field>
            </div>
          )}

          <fieldset className="field" data-testid="export-mode" disabled={exporting}>
            <legend>{t('export.mode')}</legend>
            <label>
              <input type="radio" name="bundle-export-mode" value="delta" checked={!full} onChange={() => edit(setFull)(false)} /> {t('export.delta')}
            </label>
            <p className="field-hint">{t('export.deltaHint')}</p>
            <label>
              <input type="radio" name="bundle-export-mode" value="full" checked={full} onChange={() => edit(setFull)(true)} /> {t('export.full')}
            </label>
            <p className="field-hint">{t('export.fullHint')}</p>
          </fieldset>

          <p className="actions">
            <button type="submit" className="button primary" disabled={exporting} data-testid="export-button">
              {exporting ? t('export.running') : t('export.submit')}
            </button>
          </p>
        </form>
      )}

      {job.phase === 'exporting' && (
        <div data-testid="export-progress" aria-live="polite">
          <ProgressBar
            label={job.progress ? text.progressLabel(job.progress) : t('export.running')}
            value={job.progress && job.progress.total > 0 ? job.progress.done : undefined}
            max={job.progress && job.progress.total > 0 ? job.progress.total : undefined}
            detail={job.progress ? text.progressDetail(job.progress) : undefined}
          />
        </div>
      )}
      {job.phase === 'failed' && (
        <Notice kind="error" testId="export-error">
          {text.failureText(job.failure)}
          {text.failureDetail(job.failure) && <span className="muted"> {t('failure.detail', { detail: text.failureDetail(job.failure) })}</span>}
        </Notice>
      )}
      {job.phase === 'ready' && (
        <div data-testid="bundle-ready" data-bundle-id={job.bundle.bundleId}>
          <p role="status">
            {job.bundle.changes === 0 ? t('export.readyEmpty') : t('export.ready', { count: job.bundle.changes, formatted: formatNumber(job.bundle.changes, text.language) })}
          </p>
          {skippedReasons.filter((reason) => job.bundle.skipped[reason] > 0).length > 0 && (
            <ul className="muted" data-testid="bundle-skipped">
              {skippedReasons
                .filter((reason) => job.bundle.skipped[reason] > 0)
                .map((reason) => (
                  <li key={reason} data-reason={reason}>
                    {t(`export.skipped.${reason}`, { count: job.bundle.skipped[reason], formatted: formatNumber(job.bundle.skipped[reason], text.language) })}
                  </li>
                ))}
            </ul>
          )}
          {job.bundle.recipient === 'passphrase' && <p className="notice">{t('export.passphraseReminder')}</p>}
          <SaveBundle key={job.bundle.bundleId} bundle={job.bundle} />
        </div>
      )}
    </section>
  );
}
