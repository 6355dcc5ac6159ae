import type { Drive } from '@shared/bridge/contract';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { toBundleFailure, type BundleFailure } from './bundleFailure';
import { listDrives, saveElsewhere, writeToDrive, type MadeBundle } from './bundlesController';
import { driveProblem } from './saveModel';
import { useBundleText } from './useBundleText';

type Saving =
  | { phase: 'idle' }
  | { phase: 'writing'; drive: Drive }
  | { phase: 'saving' }
  | { phase: 'written'; drive: Drive; fileName: string }
  | { phase: 'saved'; fileName?: string }
  | { phase: 'failed'; failure: BundleFailure };

/**
 * Where a made bundle goes: in the desktop app, the removable drives the main process lists (written to
 * a temporary file, flushed, renamed and read back there); anywhere else through the save dialog.
 */
export function SaveBundle({ bundle }: { bundle: MadeBundle }) {
  const { t } = useTranslation('bundles');
  const text = useBundleText();
  const [drives, setDrives] = useState<Drive[] | 'loading' | undefined>('loading');
  const [lookAgain, setLookAgain] = useState(0);
  const [saving, setSaving] = useState<Saving>({ phase: 'idle' });
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    // Drives the host cannot list (a plain browser) leave the save dialog alone, which is not an error.
    listDrives().then(
      (found) => !cancelled && setDrives(found),
      () => !cancelled && setDrives(undefined),
    );
    return () => {
      cancelled = true;
    };
  }, [lookAgain]);

  const busy = saving.phase === 'writing' || saving.phase === 'saving';

  const write = async (drive: Drive) => {
    setSaving({ phase: 'writing', drive });
    try {
      const { fileName } = await writeToDrive(bundle, drive);
      if (mounted.current) setSaving({ phase: 'written', drive, fileName });
    } catch (error) {
      if (mounted.current) setSaving({ phase: 'failed', failure: toBundleFailure(error) });
    }
  };

  const save = async () => {
    setSaving({ phase: 'saving' });
    try {
      const result = await saveElsewhere(bundle);
      if (mounted.current) setSaving(result.saved ? { phase: 'saved', fileName: result.fileName } : { phase: 'idle' });
    } catch (error) {
      if (mounted.current) setSaving({ phase: 'failed', failure: toBundleFailure(error) });
    }
  };

  const driveLabel = (drive: Drive) => (drive.freeBytes === undefined ? drive.label : t('save.driveFree', { drive: drive.label, free: formatBytes(drive.freeBytes, text.language) }));
  const problemText = { 'not-writable': t('save.notWritable'), 'no-space': t('save.noSpace') } as const;

  return (
    <div className="bundle-save" data-testid="bundle-save">
      {Array.isArray(drives) && (
        <section aria-labelledby="bundle-drives-heading">
          <h3 id="bundle-drives-heading">{t('save.drivesTitle')}</h3>
          {drives.length === 0 ? (
            <p data-testid="bundle-no-drives">{t('save.noDrives')}</p>
          ) : (
            <ul className="drive-list" data-testid="bundle-drives">
              {drives.map((drive) => {
                const problem = driveProblem(drive, bundle.bytes.byteLength);
                return (
                  <li key={drive.id}>
                    <button type="button" className="button" disabled={busy || problem !== undefined} onClick={() => void write(drive)} data-testid="bundle-drive" data-drive-id={drive.id}>
                      {t('save.writeTo', { drive: driveLabel(drive) })}
                    </button>
                    {problem && <span className="field-hint"> {problemText[problem]}</span>}
                  </li>
                );
              })}
            </ul>
          )}
          <p className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => setLookAgain((n) => n + 1)} data-testid="bundle-drives-refresh">
              {t('save.lookAgain')}
            </button>
          </p>
        </section>
      )}
      <p className="actions">
        <button type="button" className={`button${Array.isArray(drives) ? '' : ' primary'}`} disabled={busy || drives === 'loading'} onClick={() => void save()} data-testid="bundle-save-button">
          {Array.isArray(drives) ? t('save.elsewhere') : t('save.save')}
        </button>
      </p>
      {saving.phase === 'writing' && (
        <p role="status" aria-live="polite">
          {t('save.writing', { drive: saving.drive.label })}
        </p>
      )}
      {saving.phase === 'saving' && <p role="status">{t('save.saving')}</p>}
      {saving.phase === 'written' && (
        <Notice kind="success" testId="bundle-written">
          {t('save.written', { drive: saving.drive.label, file: saving.fileName })}
        </Notice>
      )}
      {saving.phase === 'saved' && (
        <Notice kind="success" testId="bundle-saved">
          {saving.fileName ? t('save.saved', { file: saving.fileName }) : t('save.savedNoName')}
        </Notice>
      )}
      {saving.phase === 'failed' && (
        <Notice kind="error" testId="bundle-save-error">
          {text.failureText(saving.failure)}
        </Notice>
      )}
    </div>
  );
}
