import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { importNdjsonFile, loadDemoRecords, type ImportProgress, type ImportReport } from '../../db/importer';
import { useIssueText } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatBytes, formatNumber } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { ChangeExchange } from './ChangeExchange';
import { FileButton } from '../../ui/FileButton';

type Job = { phase: 'idle' } | { phase: 'running'; progress: ImportProgress; label: string } | { phase: 'done'; report: ImportReport } | { phase: 'failed'; message: string };

const demoSizes = [500, 2000, 10000, 100000];

/** Import records from a file, or load demo data: both through the one write path, with progress. */
export function DataPage() {
  const { t } = useTranslation('data');
  const issueText = useIssueText();
  const language = useUiStore((s) => s.language);
  const [params] = useSearchParams();
  const action = params.get('action');
  const [job, setJob] = useState<Job>({ phase: 'idle' });
  const [demoSize, setDemoSize] = useState(2000);
  const abort = useRef<AbortController | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const demoButton = useRef<HTMLButtonElement>(null);

  // Leaving the page stops a running import: whole batches stay stored, and importing again resumes.
  useEffect(() => () => abort.current?.abort(), []);

  useEffect(() => {
    if (action === 'import') fileInput.current?.focus();
    if (action === 'demo') demoButton.current?.focus();
  }, [action]);

  const run = async (label: string, work: (onProgress: (p: ImportProgress) => void, signal: AbortSignal) => Promise<ImportReport>) => {
    abort.current = new AbortController();
    setJob({ phase: 'running', label, progress: { fraction: 0, processed: 0, stored: 0, unchanged: 0, keptNewer: 0, rejected: 0 } });
    try {
      const report = await work((progress) => setJob({ phase: 'running', label, progress }), abort.current.signal);
      setJob({ phase: 'done', report });
    } catch (error) {
      setJob({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const onFile = (file: File | undefined) => {
    if (!file) return;
    void run(t('import.running', { name: file.name, size: formatBytes(file.size, language) }), (onProgress, signal) => importNdjsonFile(file, onProgress, signal));
  };

  const running = job.phase === 'running';

  return (
    <section className="page" aria-labelledby="data-heading">
      <div className="page-header">
        <h1 id="data-heading">{t('title')}</h1>
      </div>

      <div className="card-grid">
        <section className={`card${action === 'import' ? ' highlighted' : ''}`} aria-labelledby="import-heading">
          <h2 id="import-heading">{t('import.title')}</h2>
          <p>{t('import.body')}</p>
          <FileButton ref={fileInput} primary accept=".ndjson,.jsonl,application/x-ndjson" disabled={running} onFile={onFile} testId="import-file">
            {t('import.choose')}
          </FileButton>
          <p className="field-hint">{t('import.formatHint')}</p>
        </section>

        <section className={`card${action === 'demo' ? ' highlighted' : ''}`} aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('demo.title')}</h2>
          <p>{t('demo.body')}</p>
          <label>
            {t('demo.size')}{' '}
            <select value={demoSize} onChange={(e) => setDemoSize(Number(e.target.value))} disabled={running} data-testid="demo-size">
              {demoSizes.map((size) => (
                <option key={size} value={size}>
                  {formatNumber(size, language)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button
            ref={demoButton}
            type="button"
            className="button primary"
            disabled={running}
            onClick={() => void run(t('demo.running', { count: demoSize }), (onProgress, signal) => loadDemoRecords(demoSize, onProgress, signal))}
            data-testid="load-demo"
          >
            {t('demo.load')}
          </button>
        </section>
      </div>

      <ChangeExchange />

      {job.phase === 'running' && (
        <div className="card" aria-live="polite">
          <ProgressBar
            label={job.label}
            value={job.progress.fraction === undefined ? undefined : Math.round(job.progress.fraction * 1000)}
            max={1000}
            detail={t('progress', { processed: formatNumber(job.progress.processed, language), stored: formatNumber(job.progress.stored, language) })}
          />
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            {t('cancel')}
          </button>
        </div>
      )}

      {job.phase === 'failed' && (
        <div className="notice error" role="alert">
          {t('failed', { message: job.message })}
        </div>
      )}

      {job.phase === 'done' && (
        <section className="card" aria-labelledby="report-heading" data-testid="import-report">
          <h2 id="report-heading">{job.report.failure ? t('report.failed') : job.report.cancelled ? t('report.cancelled') : t('report.title')}</h2>
          {job.report.failure && (
            <p className="notice error" role="alert">
              {job.report.failure.code === 'encoding' ? t('failure.encoding') : t('failure.storage', { message: job.report.failure.message })}
            </p>
          )}
          <ul className="report-figures">
            <li data-testid="report-stored">{t('report.stored', { count: job.report.stored })}</li>
            <li>{t('report.unchanged', { count: job.report.unchanged })}</li>
            {job.report.keptNewer > 0 && <li>{t('report.keptNewer', { count: job.report.keptNewer })}</li>}
            <li data-testid="report-rejected">{t('report.rejected', { count: job.report.rejected })}</li>
          </ul>
          {job.report.errors.length > 0 && (
            <>
              <h3>{t('report.errorsTitle')}</h3>
              <table className="errors-table">
                <thead>
                  <tr>
                    <th scope="col">{t('report.line')}</th>
                    <th scope="col">{t('report.field')}</th>
                    <th scope="col">{t('report.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.report.errors.slice(0, 100).flatMap((error) =>
                    error.issues.slice(0, 3).map((issue, i) => (
                      <tr key={`${error.line}-${i}`}>
                        <td>{error.line}</td>
                        <td>
                          <code>{issue.path || '—'}</code>
                        </td>
                        <td>{issueText(issue.message, issue.params)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
              {job.report.rejected > 100 && <p className="muted">{t('report.moreErrors', { count: job.report.rejected - 100 })}</p>}
            </>
          )}
          <p>
            <Link to="/activities">{t('report.seeActivities')}</Link>
          </p>
        </section>
      )}
    </section>
  );
}
