import { toPlainFileName } from '@shared/bridge/contract';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import { applyChangesFile, exportChanges, type ChangeFileReport } from '../../db/changeFile';
import { useUiStore } from '../../state/uiStore';
import { formatNumber } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { FileButton } from '../../ui/FileButton';

type State =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved'; count: number; fileName?: string }
  | { phase: 'applying'; fraction: number; applied: number }
  | { phase: 'applied'; report: ChangeFileReport }
  | { phase: 'failed'; message: string };

const day = 24 * 60 * 60 * 1000;

/**
 * Hands changes from one computer to another in a file: save every change this computer holds, apply a
 * file from someone else. The same change stream that network sync and USB bundles will carry.
 */
export function ChangeExchange() {
  const { t } = useTranslation('data');
  const language = useUiStore((s) => s.language);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const busy = state.phase === 'saving' || state.phase === 'applying';

  const save = async () => {
    setState({ phase: 'saving' });
    try {
      const { bytes, count, device } = await exportChanges();
      const date = new Date().toISOString().slice(0, 10);
      const result = await getBridge().invoke('files:saveAs', {
        suggestedName: toPlainFileName(`step-changes-${device.slice(-8)}-${date}.ndjson`),
        mimeType: 'application/x-ndjson',
        data: bytes,
      });
      if (mounted.current) setState(result.saved ? { phase: 'saved', count, fileName: result.fileName } : { phase: 'idle' });
    } catch (error) {
      if (mounted.current) setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const apply = async (file: File | undefined) => {
    if (!file) return;
    setState({ phase: 'applying', fraction: 0, applied: 0 });
    const report = await applyChangesFile(file, (fraction, applied) => mounted.current && setState({ phase: 'applying', fraction, applied }));
    if (mounted.current) setState({ phase: 'applied', report });
  };

  return (
    <section className="card" aria-labelledby="exchange-heading" data-testid="change-exchange">
      <h2 id="exchange-heading">{t('exchange.title')}</h2>
      <p>{t('exchange.body')}</p>
      <p className="actions">
        <button type="button" className="button primary" onClick={() => void save()} disabled={busy} data-testid="save-changes">
          {t('exchange.save')}
        </button>
        <FileButton accept=".ndjson,.jsonl,application/x-ndjson" disabled={busy} onFile={(file) => void apply(file)} testId="apply-changes">
          {t('exchange.apply')}
        </FileButton>
      </p>
      {state.phase === 'applying' && (
        <ProgressBar label={t('exchange.applying')} value={Math.round(state.fraction * 1000)} max={1000} detail={t('exchange.appliedSoFar', { count: state.applied })} />
      )}
      {state.phase === 'saved' && (
        <p className="notice success" role="status" data-testid="changes-saved">
          {t('exchange.saved', { count: state.count, name: state.fileName ?? '' })}
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="notice error" role="alert">
          {t('exchange.failed', { message: state.message })}
        </p>
      )}
      {state.phase === 'applied' && (
        <div role="status" data-testid="changes-applied">
          {state.report.failure && (
            <p className="notice error">{state.report.failure.code === 'encoding' ? t('failure.encoding') : t('failure.storage', { message: state.report.failure.message })}</p>
          )}
          <ul className="report-figures">
            <li data-testid="changes-applied-count">{t('exchange.report.applied', { count: state.report.applied, formatted: formatNumber(state.report.applied, language) })}</li>
            <li>{t('exchange.report.duplicates', { count: state.report.duplicates, formatted: formatNumber(state.report.duplicates, language) })}</li>
            <li>{t('exchange.report.rejected', { count: state.report.rejected.length, formatted: formatNumber(state.report.rejected.length, language) })}</li>
          </ul>
          {state.report.rejected.slice(0, 20).map((rejection) => (
            <p key={rejection.line} className="field-error">
              {t('exchange.report.rejectedLine', { line: rejection.line, reason: rejection.reason })}
            </p>
          ))}
          {state.report.clockWarnings.map((warning) => (
            <p key={warning.device} className="notice">
              {t('exchange.report.clock', { device: warning.device.slice(-8), days: Math.round(warning.aheadMs / day) })}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
