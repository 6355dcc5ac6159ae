import { columnOf, importKinds, importLimits, sheetName, templateSheets, type CellValue, type ImportKind, type PlannedRow, type RowIssue } from '@shared/spreadsheets';
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { activityOptions, type RecordOption } from '../../db/pickerOptions';
import { applyImport, dryRunImport, type DryRun, type ImportResult } from '../../db/spreadsheetImport';
import { useIssueText, useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { FileButton } from '../../ui/FileButton';
import { formatBytes, formatNumber } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { ProgressBar } from '../../ui/ProgressBar';
import { RecordPicker } from '../../ui/RecordPicker';
import { ExportButtons, type ExportColumn } from './ExportButtons';
import { errorSheetRows, issueLines, rowLabel } from './importModel';
import { readSpreadsheet, type ReadProblem } from './readSpreadsheet';
import { datedFileName, saveSpreadsheet, type SpreadsheetFileFormat } from './saveSpreadsheet';

type Checked = Extract<DryRun, { ok: true }>;

type Phase =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string }
  | { phase: 'checking'; fileName: string; done: number; total: number }
  | { phase: 'unreadable'; fileName: string; problem: ReadProblem }
  | { phase: 'refused'; fileName: string; dryRun: Exclude<DryRun, { ok: true }> }
  | { phase: 'checked'; fileName: string; rows: CellValue[][]; dryRun: Checked }
  | { phase: 'importing'; fileName: string; rows: CellValue[][]; dryRun: Checked; done: number; total: number }
  | { phase: 'done'; fileName: string; rows: CellValue[][]; dryRun: Checked; result: ImportResult }
  | { phase: 'failed'; message: string };

/** Rows shown in the check's table; every row is counted and every error listed in the downloadable file. */
const shownRows = 200;
const shownIssues = 500;

const isKind = (value: string | null): value is ImportKind => importKinds.includes(value as ImportKind);

/**
 * Import organizations, people or the trainees of a course from a spreadsheet: pick what, download the
 * template, choose the file, read the check (what each row would do and every problem, by row and
 * column), then import the good rows. Importing the same file again adds nothing.
 */
export function SpreadsheetsPage() {
  const { t } = useTranslation('spreadsheets');
  const label = useLabel();
  const issueText = useIssueText();
  const language = useUiStore((s) => s.language);
  const principal = usePrincipal();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const activityParam = params.get('activity') ?? undefined;
  // What to import lives in the URL (a course's page links to its trainee import) and in state, so a
  // choice shows at once, before the router has moved to the new URL.
  const [kind, setKind] = useState<ImportKind>(isKind(kindParam) ? kindParam : 'person');
  const [activityId, setActivityId] = useState<string | undefined>(activityParam);
  const [fromUrl, setFromUrl] = useState({ kindParam, activityParam });
  if (fromUrl.kindParam !== kindParam || fromUrl.activityParam !== activityParam) {
    // The URL changed (a link, back or forward): it says what to import.
    setFromUrl({ kindParam, activityParam });
    if (isKind(kindParam)) setKind(kindParam);
    setActivityId(activityParam);
  }
  const [allActivities, setAllActivities] = useState(false);
  const [activities, setActivities] = useState<RecordOption[]>([]);
  const [state, setState] = useState<Phase>({ phase: 'idle' });
  const [saveError, setSaveError] = useState<string>();
  const abort = useRef<AbortController | undefined>(undefined);
  const pickerId = useId();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => () => abort.current?.abort(), []);

  useEffect(() => {
    if (kind !== 'trainee') return;
    let cancelled = false;
    void activityOptions(language, allActivities ? undefined : 'training-course').then((options) => !cancelled && setActivities(options));
    return () => {
      cancelled = true;
    };
  }, [kind, language, allActivities]);

  useEffect(() => {
    if (state.phase === 'checked' || state.phase === 'done' || state.phase === 'refused' || state.phase === 'unreadable') resultHeading.current?.focus();
  }, [state.phase]);

  const busy = state.phase === 'reading' || state.phase === 'checking' || state.phase === 'importing';
  const choose = (next: { kind?: ImportKind; activity?: string | undefined }) => {
    // A running check or import belongs to what was chosen when it started.
    if (busy) return;
    const search = new URLSearchParams(params);
    if (next.kind) {
      setKind(next.kind);
      search.set('kind', next.kind);
    }
    if ('activity' in next) {
      setActivityId(next.activity);
      if (next.activity) search.set('activity', next.activity);
      else search.delete('activity');
    }
    setParams(search, { replace: true });
    setState({ phase: 'idle' });
  };

  const needsActivity = kind === 'trainee' && !activityId;
  const source = (rows: CellValue[][]) => ({ kind, rows, activityId: kind === 'trainee' ? activityId : undefined });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    abort.current?.abort();
    const controller = (abort.current = new AbortController());
    setState({ phase: 'reading', fileName: file.name });
    try {
      const read = await readSpreadsheet(file);
      if (controller.signal.aborted) return;
      if (!read.ok) {
        setState({ phase: 'unreadable', fileName: file.name, problem: read.problem });
        return;
      }
      const dryRun = await dryRunImport(source(read.rows), {
        principal,
        signal: controller.signal,
        onProgress: (done, total) => setState({ phase: 'checking', fileName: file.name, done, total }),
      });
      if (controller.signal.aborted) return;
      setState(dryRun.ok ? { phase: 'checked', fileName: file.name, rows: read.rows, dryRun } : { phase: 'refused', fileName: file.name, dryRun });
    } catch (error) {
      setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const runImport = async () => {
    if (state.phase !== 'checked') return;
    const { fileName, rows, dryRun } = state;
    const controller = (abort.current = new AbortController());
    setState({ phase: 'importing', fileName, rows, dryRun, done: 0, total: dryRun.summary.new });
    try {
      const result = await applyImport(source(rows), {
        principal,
        signal: controller.signal,
        onProgress: (done, total) => setState({ phase: 'importing', fileName, rows, dryRun, done, total }),
      });
      if ('ok' in result) setState({ phase: 'refused', fileName, dryRun: result });
      else setState({ phase: 'done', fileName, rows, dryRun, result });
    } catch (error) {
      setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const downloadTemplate = async (format: SpreadsheetFileFormat) => {
    setSaveError(undefined);
    try {
      await saveSpreadsheet(datedFileName(t(`template.fileName.${kind}`), format), format, templateSheets(kind, language, t(`kinds.${kind}`)));
    } catch (error) {
      setSaveError(t('saveFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const columnName = (issue: RowIssue) => issue.column ?? (label(columnOf(kind, issue.field)?.label) || issue.field);
  const describe = (issue: RowIssue) => `${columnName(issue)}: ${issueText(issue.message, issue.params)}`;

  const downloadErrors = async (errors: readonly { row: number; issues: readonly RowIssue[] }[], rows: CellValue[][], header: Checked['header'], format: SpreadsheetFileFormat) => {
    const sheet = { name: sheetName(t('errors.sheet')), rows: errorSheetRows(rows, header, errors, { row: t('errors.row'), problems: t('errors.problems') }, describe), headerRows: 1 };
    setSaveError(undefined);
    try {
      await saveSpreadsheet(datedFileName(t('errors.fileName'), format), format, [sheet]);
    } catch (error) {
      // The check stays on screen: only the file could not be saved.
      setSaveError(t('saveFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <section className="page" aria-labelledby="spreadsheets-heading" data-testid="spreadsheets-page">
      <div className="page-header">
        <h1 id="spreadsheets-heading">{t('title')}</h1>
      </div>
      <p>{t('intro')}</p>

      <section className="card" aria-labelledby="what-heading">
        <h2 id="what-heading">{t('what.title')}</h2>
        <fieldset className="radio-group" disabled={busy}>
          <legend className="visually-hidden">{t('what.title')}</legend>
          {importKinds.map((option) => (
            <label key={option}>
              <input type="radio" name="import-kind" value={option} checked={kind === option} onChange={() => choose({ kind: option })} data-testid={`kind-${option}`} />{' '}
              {t(`kinds.${option}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'trainee' && (
          <div className="field">
            <label htmlFor={pickerId}>{t('what.course')}</label>
            <RecordPicker
              id={pickerId}
              options={activities}
              value={activityId}
              onChange={(id) => choose({ activity: id })}
              placeholder={t('what.courseSearch')}
              clearLabel={t('what.clear')}
              unknownLabel={t('what.unknownActivity')}
              describedBy={`${pickerId}-hint`}
            />
            <p id={`${pickerId}-hint`} className="field-hint">
              {t('what.courseHint')}
            </p>
            <p>
              <label>
                <input type="checkbox" checked={allActivities} onChange={(e) => setAllActivities(e.target.checked)} data-testid="all-activities" /> {t('what.allActivities')}
              </label>
            </p>
            {activityId && (
              <p>
                <Link to={`/activities/${activityId}`}>{t('what.openActivity')}</Link>
              </p>
            )}
          </div>
        )}
        <p className="field-hint">{t(`what.matching.${kind}`)}</p>
      </section>

      <section className="card" aria-labelledby="template-heading">
        <h2 id="template-heading">{t('template.title')}</h2>
        <p>{t('template.body')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => void downloadTemplate('xlsx')} data-testid="template-xlsx">
            {t('template.xlsx')}
          </button>
          <button type="button" className="button" onClick={() => void downloadTemplate('csv')} data-testid="template-csv">
            {t('template.csv')}
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="file-heading">
        <h2 id="file-heading">{t('file.title')}</h2>
        <p>{t('file.body', { size: formatBytes(importLimits.maxFileBytes, language), rows: formatNumber(importLimits.maxRows, language) })}</p>
        <FileButton primary accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={busy || needsActivity} onFile={(file) => void onFile(file)} testId="spreadsheet-file">
          {t('file.choose')}
        </FileButton>
        {needsActivity && <p className="field-hint">{t('file.needsCourse')}</p>}
      </section>

      {(state.phase === 'reading' || state.phase === 'checking') && (
        <div className="card" aria-live="polite">
          <ProgressBar
            label={t('file.checking', { name: state.fileName })}
            value={state.phase === 'checking' ? state.done : undefined}
            max={state.phase === 'checking' ? Math.max(state.total, 1) : undefined}
          />
        </div>
      )}

      <Notice kind="error" testId="save-failed">
        {saveError}
      </Notice>

      {state.phase === 'failed' && <Notice kind="error" testId="spreadsheet-failed">{t('failed', { message: state.message })}</Notice>}

      {state.phase === 'unreadable' && (
        <section className="card" aria-labelledby="result-heading">
          <h2 id="result-heading" tabIndex={-1} ref={resultHeading}>
            {t('read.title', { name: state.fileName })}
          </h2>
          <Notice kind="error" testId="spreadsheet-unreadable">
            {t(`read.${state.problem}`, { size: formatBytes(importLimits.maxFileBytes, language), rows: formatNumber(importLimits.maxRows, language) })}
          </Notice>
        </section>
      )}

      {state.phase === 'refused' && (
        <section className="card" aria-labelledby="result-heading">
          <h2 id="result-heading" tabIndex={-1} ref={resultHeading}>
            {t('read.title', { name: state.fileName })}
          </h2>
          <Notice kind="error" testId="spreadsheet-refused">
            {state.dryRun.problem === 'missingColumns'
              ? t('read.missingColumns', {
                  columns: state.dryRun.header.missing.map((group) => group.map((key) => label(columnOf(kind, key)?.label)).join(` ${t('read.or')} `)).join(', '),
                })
              : state.dryRun.problem === 'empty'
                ? t('read.empty')
                : t('read.noActivity')}
          </Notice>
        </section>
      )}

      {(state.phase === 'checked' || state.phase === 'importing' || state.phase === 'done') && (
        <CheckView
          state={state}
          kind={kind}
          language={language}
          headingRef={resultHeading}
          describe={describe}
          columnName={columnName}
          onImport={() => void runImport()}
          onCancel={() => abort.current?.abort()}
          onDownloadErrors={(errors, format) => void downloadErrors(errors, state.rows, state.dryRun.header, format)}
          activityId={kind === 'trainee' ? activityId : undefined}
        />
      )}
    </section>
  );
}

function CheckView({
  state,
  kind,
  language,
  headingRef,
  describe,
  columnName,
  onImport,
  onCancel,
  onDownloadErrors,
  activityId,
}: {
  state: Extract<Phase, { phase: 'checked' | 'importing' | 'done' }>;
  kind: ImportKind;
  language: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  describe: (issue: RowIssue) => string;
  columnName: (issue: RowIssue) => string;
  onImport: () => void;
  onCancel: () => void;
  onDownloadErrors: (errors: readonly { row: number; issues: readonly RowIssue[] }[], format: SpreadsheetFileFormat) => void;
  activityId: string | undefined;
}) {
  const { t } = useTranslation('spreadsheets');
  const issueText = useIssueText();
  const { dryRun, rows, fileName } = state;
  const { summary, header } = dryRun;
  const n = (value: number) => formatNumber(value, language);
  const checkErrors = useMemo(() => dryRun.rows.flatMap((row) => (row.status === 'error' ? [{ row: row.row, issues: row.issues }] : [])), [dryRun]);
  const errors = state.phase === 'done' ? state.result.errors : checkErrors;
  const lines = issueLines(errors);
  const statusText = (row: PlannedRow) =>
    row.status === 'error' ? t('status.error') : row.status === 'existing' ? t('status.existing') : row.kind === 'trainee' && row.existingPersonId ? t('status.enrolKnown') : t('status.new');
  const exportColumns: ExportColumn<PlannedRow>[] = [
    { header: t('table.row'), value: (row) => row.row },
    { header: t('table.name'), value: (row) => rowLabel(row, rows[row.row - 1], header) },
    { header: t('table.status'), value: statusText },
    { header: t('errors.problems'), value: (row) => (row.status === 'error' ? row.issues.map(describe).join('; ') : undefined) },
  ];

  return (
    <>
      <section className="card" aria-labelledby="result-heading" data-testid="dry-run">
        <h2 id="result-heading" tabIndex={-1} ref={headingRef}>
          {t('check.title', { name: fileName })}
        </h2>
        <ul className="report-figures" data-testid="dry-run-summary">
          <li data-testid="dry-run-rows">{t('check.rows', { count: summary.rows, formatted: n(summary.rows) })}</li>
          <li data-testid="dry-run-new">{t(`check.new.${kind}`, { count: summary.new, formatted: n(summary.new) })}</li>
          <li data-testid="dry-run-existing">{t('check.existing', { count: summary.existing, formatted: n(summary.existing) })}</li>
          <li data-testid="dry-run-errors">{t('check.errors', { count: summary.errors, formatted: n(summary.errors) })}</li>
        </ul>
        {header.unknown.length > 0 && <p className="field-hint" data-testid="unknown-columns">{t('check.unknownColumns', { columns: header.unknown.map((c) => c.header).join(', ') })}</p>}
        {header.repeated.length > 0 && <p className="field-hint">{t('check.repeatedColumns', { columns: header.repeated.map((c) => c.header).join(', ') })}</p>}

        {state.phase === 'checked' && (
          <p className="actions">
            <button type="button" className="button primary" disabled={summary.new === 0} onClick={onImport} data-testid="import-rows">
              {t('check.import', { count: summary.new, formatted: n(summary.new) })}
            </button>
          </p>
        )}
        {state.phase === 'checked' && summary.new === 0 && <p data-testid="nothing-to-import">{t('check.nothingToImport')}</p>}
        {state.phase === 'importing' && (
          <div aria-live="polite">
            <ProgressBar label={t('check.importing')} value={state.done} max={Math.max(state.total, 1)} detail={t('check.progress', { done: n(state.done), total: n(state.total) })} />
            <button type="button" className="button" onClick={onCancel}>
              {t('check.cancel')}
            </button>
          </div>
        )}
      </section>

      {state.phase === 'done' && (
        <section className="card" aria-labelledby="done-heading" data-testid="import-result">
          <h2 id="done-heading">{state.result.cancelled ? t('done.cancelled') : t('done.title')}</h2>
          <ul className="report-figures">
            <li data-testid="import-imported">{t(`done.imported.${kind}`, { count: state.result.imported, formatted: n(state.result.imported) })}</li>
            {kind === 'trainee' && <li data-testid="import-people">{t('done.people', { count: state.result.people, formatted: n(state.result.people) })}</li>}
            <li>{t('check.existing', { count: state.result.existing, formatted: n(state.result.existing) })}</li>
            <li data-testid="import-errors">{t('done.notImported', { count: state.result.errors.length, formatted: n(state.result.errors.length) })}</li>
          </ul>
          {activityId && (
            <p>
              <Link to={`/activities/${activityId}`} data-testid="open-course">
                {t('done.openCourse')}
              </Link>
            </p>
          )}
        </section>
      )}

      {lines.length > 0 && (
        <section className="card" aria-labelledby="errors-heading" data-testid="row-errors">
          <h2 id="errors-heading">{state.phase === 'done' ? t('errors.notImportedTitle') : t('errors.title')}</h2>
          <p>{t('errors.body')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => onDownloadErrors(errors, 'csv')} data-testid="errors-csv">
              {t('errors.downloadCsv')}
            </button>
            <button type="button" className="button" onClick={() => onDownloadErrors(errors, 'xlsx')} data-testid="errors-xlsx">
              {t('errors.downloadXlsx')}
            </button>
          </div>
          <table className="errors-table">
            <caption className="visually-hidden">{t('errors.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('errors.row')}</th>
                <th scope="col">{t('errors.column')}</th>
                <th scope="col">{t('errors.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.slice(0, shownIssues).map((issue, i) => (
                <tr key={`${issue.row}-${issue.field}-${i}`} data-testid="row-error" data-row={issue.row} data-field={issue.field}>
                  <td>{n(issue.row)}</td>
                  <td>{columnName(issue)}</td>
                  <td>{issueText(issue.message, issue.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lines.length > shownIssues && <p>{t('errors.more', { count: lines.length - shownIssues, formatted: n(lines.length - shownIssues) })}</p>}
        </section>
      )}

      <section className="card" aria-labelledby="rows-heading">
        <h2 id="rows-heading">{t('table.title')}</h2>
        <ExportButtons fileName={t('table.fileName')} columns={exportColumns} rows={() => dryRun.rows} />
        <table className="errors-table" data-testid="dry-run-rows-table">
          <caption className="visually-hidden">{t('table.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.row')}</th>
              <th scope="col">{t('table.name')}</th>
              <th scope="col">{t('table.status')}</th>
            </tr>
          </thead>
          <tbody>
            {dryRun.rows.slice(0, shownRows).map((row) => (
              <tr key={row.row} data-testid="dry-run-row" data-status={row.status}>
                <td>{n(row.row)}</td>
                <td>{rowLabel(row, rows[row.row - 1], header)}</td>
                <td>{statusText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {dryRun.rows.length > shownRows && <p>{t('table.more', { shown: n(shownRows), total: n(dryRun.rows.length) })}</p>}
      </section>
    </>
  );
}
