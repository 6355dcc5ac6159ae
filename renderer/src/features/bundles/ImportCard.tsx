import type { BundleImportResponse } from '@shared/api/contract';
import { bundleMimeType } from '@shared/bridge/contract';
import { bundleFileExtension } from '@shared/bundle/format';
import type { BundleProgress } from '@shared/bundle/types';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '../../ui/Field';
import { formatBytes, formatDateTime, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { ProgressBar } from '../../ui/ProgressBar';
import { toBundleFailure, type BundleFailure } from './bundleFailure';
import { inspectFile, prepareBundle, uploadBundle, type BundleContext, type ImportOutcome, type InspectedBundle, type PreparedImport } from './bundlesController';
import { DryRunSummary, ImportResult, UploadResult } from './ImportReports';
import { bundleFacts, importRoute, type ImportRoute } from './importModel';
import { useBundleText } from './useBundleText';
import { FileButton } from '../../ui/FileButton';

type Step =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string; progress?: BundleProgress }
  | { step: 'inspected'; bundle: InspectedBundle; failure?: BundleFailure }
  | { step: 'checking'; bundle: InspectedBundle; progress?: BundleProgress }
  | { step: 'summary'; bundle: InspectedBundle; prepared: PreparedImport }
  | { step: 'applying'; bundle: InspectedBundle; prepared: PreparedImport; progress?: BundleProgress }
  | { step: 'done'; bundle: InspectedBundle; outcome: ImportOutcome }
  | { step: 'uploading'; bundle: InspectedBundle }
  | { step: 'uploaded'; bundle: InspectedBundle; answer: BundleImportResponse }
  /** `chunksApplied`: how far an apply got before it failed (each chunk is whole; importing again resumes). */
  | { step: 'failed'; failure: BundleFailure; bundle?: InspectedBundle; chunksApplied?: number };

/**
 * Import: a file is read and its plaintext manifest shown; then, with this computer's key or the
 * passphrase, every check runs and a dry run says what would change; only "Apply" changes anything. A
 * bundle for the Secretariat's server is sent there instead.
 */
export function ImportCard({ context, focus }: { context: BundleContext; focus: boolean }) {
  const { t, i18n } = useTranslation('bundles');
  const text = useBundleText(context.devices);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [passphrase, setPassphrase] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);
  // Every step started belongs to one file: the answer of an older one (a file chosen since) is dropped.
  const current = useRef(0);

  useEffect(() => {
    if (focus) fileInput.current?.focus();
  }, [focus]);
  // A wrong passphrase: back to the field, whose message a screen reader then reads with it.
  const passphraseFailure = state.step === 'inspected' ? state.failure : undefined;
  useEffect(() => {
    if (passphraseFailure) passphraseInput.current?.focus();
  }, [passphraseFailure]);
  useEffect(
    () => () => {
      current.current += 1;
    },
    [],
  );

  /** Runs one step for the file of `run`; its result is shown only if no other file was chosen since. */
  const guard = (run: number) => (next: Step) => {
    if (run === current.current) setState(next);
  };

  const check = async (bundle: InspectedBundle, run: number, key?: string) => {
    const show = guard(run);
    show({ step: 'checking', bundle });
    try {
      const prepared = await prepareBundle(bundle, key, (progress) => show({ step: 'checking', bundle, progress }));
      show({ step: 'summary', bundle, prepared });
    } catch (error) {
      const failure = toBundleFailure(error);
      // A wrong passphrase is typed again, with the bundle still open on screen.
      if (failure.kind === 'bundle' && (failure.code === 'wrong-passphrase' || failure.code === 'passphrase-needed')) show({ step: 'inspected', bundle, failure });
      else show({ step: 'failed', bundle, failure });
    }
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const run = ++current.current;
    const show = guard(run);
    setPassphrase('');
    show({ step: 'reading', fileName: file.name });
    let bundle: InspectedBundle;
    try {
      bundle = await inspectFile(file, (progress) => show({ step: 'reading', fileName: file.name, progress }));
    } catch (error) {
      show({ step: 'failed', failure: toBundleFailure(error) });
      return;
    }
    if (importRoute(bundle.manifest.recipient, context.selfDeviceId) === 'open') await check(bundle, run);
    else show({ step: 'inspected', bundle });
  };

  const openWithPassphrase = (event: FormEvent, bundle: InspectedBundle) => {
    event.preventDefault();
    void check(bundle, current.current, passphrase);
  };

  const apply = async (bundle: InspectedBundle, prepared: PreparedImport) => {
    const show = guard(current.current);
    show({ step: 'applying', bundle, prepared });
    let chunksApplied = 0;
    try {
      const outcome = await prepared.apply((progress) => {
        chunksApplied = progress.done;
        show({ step: 'applying', bundle, prepared, progress });
      });
      show({ step: 'done', bundle, outcome });
    } catch (error) {
      show({ step: 'failed', bundle, failure: toBundleFailure(error), chunksApplied });
    }
  };

  const upload = async (bundle: InspectedBundle) => {
    const show = guard(current.current);
    show({ step: 'uploading', bundle });
    try {
      const answer = await uploadBundle(bundle);
      show({ step: 'uploaded', bundle, answer });
    } catch (error) {
      show({ step: 'failed', bundle, failure: toBundleFailure(error) });
    }
  };

  // Checking a bundle needs the Secretariat's key, learned at enrollment: nothing to choose before that.
  const locked = state.step === 'applying' || state.step === 'uploading' || !context.enrolled;
  const bundle = 'bundle' in state ? state.bundle : undefined;
  const route: ImportRoute | undefined = bundle ? importRoute(bundle.manifest.recipient, context.selfDeviceId) : undefined;

  return (
    <section className={`card${focus ? ' highlighted' : ''}`} aria-labelledby="bundle-import-heading" data-testid="bundle-import" data-step={state.step}>
      <h2 id="bundle-import-heading">{t('import.title')}</h2>
      <p>{t('import.body')}</p>
      {!context.enrolled && (
        <div className="notice" data-testid="import-not-enrolled">
          <p>{t('import.notEnrolled')}</p>
          <p>
            <Link to="/sync">{t('export.goToSync')}</Link>
          </p>
        </div>
      )}
      <FileButton ref={fileInput} primary accept={`${bundleFileExtension},${bundleMimeType}`} disabled={locked} onFile={(file) => void choose(file)} testId="bundle-file-input">
        {t('import.choose')}
      </FileButton>
      <p className="field-hint">{t('import.chooseHint')}</p>

      {state.step === 'reading' && (
        <div data-testid="bundle-progress" aria-live="polite">
          <ProgressBar
            label={t('import.reading', { name: state.fileName })}
            value={state.progress && state.progress.total > 0 ? state.progress.done : undefined}
            max={state.progress && state.progress.total > 0 ? state.progress.total : undefined}
            detail={state.progress ? text.progressDetail(state.progress) : undefined}
          />
        </div>
      )}

      {bundle && <BundleFactsList bundle={bundle} context={context} exporterName={'prepared' in state ? state.prepared.dryRun.exporter.displayName : undefined} />}

      {state.step === 'inspected' && route === 'passphrase' && (
        <form onSubmit={(event) => openWithPassphrase(event, state.bundle)} noValidate data-testid="bundle-passphrase-form">
          <Field label={t('import.passphrase')} hint={t('import.passphraseHint')} error={state.failure ? text.failureText(state.failure) : undefined}>
            {(props) => (
              <input {...props} ref={passphraseInput} type="password" autoComplete="off" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} data-testid="bundle-passphrase" />
            )}
          </Field>
          <p className="actions">
            <button type="submit" className="button primary" disabled={passphrase === ''} data-testid="bundle-passphrase-submit">
              {t('import.open')}
            </button>
          </p>
        </form>
      )}

      {state.step === 'inspected' && route === 'upload' && (
        <div data-testid="bundle-for-server">
          <p>{t('import.forServer')}</p>
          {context.enrolled ? (
            <p className="actions">
              <button type="button" className="button primary" onClick={() => void upload(state.bundle)} data-testid="bundle-upload">
                {t('import.upload')}
              </button>
            </p>
          ) : (
            <p className="notice" data-testid="bundle-upload-not-enrolled">
              {t('import.uploadNeedsEnrollment')} <Link to="/sync">{t('export.goToSync')}</Link>
            </p>
          )}
        </div>
      )}

      {state.step === 'inspected' && route === 'elsewhere' && (
        <Notice kind="error" testId="bundle-error">
          {t('import.forOtherDevice', { device: text.deviceName(state.bundle.manifest.recipient.kind === 'device' ? state.bundle.manifest.recipient.deviceId : '') })}
        </Notice>
      )}

      {(state.step === 'checking' || state.step === 'applying') && (
        <div data-testid="bundle-progress" aria-live="polite">
          <ProgressBar
            label={state.progress ? text.progressLabel(state.progress) : state.step === 'checking' ? t('import.checking') : t('import.applying')}
            value={state.progress && state.progress.total > 0 ? state.progress.done : undefined}
            max={state.progress && state.progress.total > 0 ? state.progress.total : undefined}
            detail={state.progress ? text.progressDetail(state.progress) : undefined}
          />
        </div>
      )}
      {state.step === 'uploading' && (
        <div data-testid="bundle-progress" aria-live="polite">
          <ProgressBar label={t('import.uploading')} />
        </div>
      )}

      {state.step === 'summary' && (
        <>
          <DryRunSummary dryRun={state.prepared.dryRun} />
          <p className="actions">
            <button type="button" className="button primary" onClick={() => void apply(state.bundle, state.prepared)} data-testid="bundle-apply">
              {t('import.apply')}
            </button>
          </p>
        </>
      )}

      {state.step === 'done' && <ImportResult outcome={state.outcome} />}
      {state.step === 'uploaded' && <UploadResult answer={state.answer} devices={context.devices} />}

      {state.step === 'failed' && (
        <Notice kind="error" testId="bundle-error">
          <span data-code={state.failure.kind === 'bundle' ? state.failure.code : state.failure.kind}>{text.failureText(state.failure)}</span>
          {text.failureDetail(state.failure) && <span className="muted"> {t('failure.detail', { detail: text.failureDetail(state.failure) })}</span>}{' '}
          {state.chunksApplied ? t('import.partlyApplied', { count: state.chunksApplied, formatted: formatNumber(state.chunksApplied, i18n.language) }) : t('import.nothingApplied')}
        </Notice>
      )}
    </section>
  );
}

/** What the plaintext manifest says, before anything is decrypted; the exporter's name once checked. */
function BundleFactsList({ bundle, context, exporterName }: { bundle: InspectedBundle; context: BundleContext; exporterName?: string }) {
  const { t } = useTranslation('bundles');
  const text = useBundleText(context.devices);
  const facts = bundleFacts(bundle.manifest, context.devices);
  const who = (deviceId: string) => (deviceId === context.selfDeviceId ? t('device.self') : text.deviceName(deviceId));
  const addressedTo =
    facts.recipient.kind === 'server' ? t('counterpart.server') : facts.recipient.kind === 'passphrase' ? t('import.anyoneWithPassphrase') : who(facts.recipient.deviceId ?? '');

  return (
    <dl className="sync-facts" style={{ marginTop: '0.75rem' }} data-testid="bundle-facts" data-bundle-id={facts.bundleId}>
      <dt>{t('import.facts.file')}</dt>
      <dd>
        {bundle.fileName} <span className="muted">({formatBytes(bundle.bytes.byteLength, text.language)})</span>
      </dd>
      <dt>{t('import.facts.from')}</dt>
      {/* Once checked, the exporter's own certificate names it, even when this desk had never seen it. */}
      <dd data-testid="bundle-from">{exporterName ?? who(facts.exporter.deviceId)}</dd>
      <dt>{t('import.facts.created')}</dt>
      <dd>
        <time dateTime={facts.createdAt}>{formatDateTime(facts.createdAt, text.language)}</time>
      </dd>
      <dt>{t('import.facts.addressedTo')}</dt>
      <dd data-testid="bundle-addressed-to">{addressedTo}</dd>
      <dt>{t('import.facts.changes')}</dt>
      <dd data-testid="bundle-changes">{t('import.facts.counts', { changes: facts.changes, files: facts.attachments })}</dd>
      <dt>{t('import.facts.countries')}</dt>
      <dd>{facts.countries.global ? t('import.facts.allCountries') : facts.countries.codes.length === 0 ? t('import.facts.noCountries') : text.countryNames(facts.countries.codes)}</dd>
    </dl>
  );
}
