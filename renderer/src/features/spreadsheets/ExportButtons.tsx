import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/Notice';
import { datedFileName, listSheet, saveSpreadsheet, type SpreadsheetFileFormat } from './saveSpreadsheet';

/** One column of an exported list: its header (already in the reader's language) and its text per row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => string | number | undefined;
}

type Saving = { phase: 'idle' } | { phase: 'saving'; format: SpreadsheetFileFormat } | { phase: 'saved'; fileName: string; count: number } | { phase: 'failed'; message: string };

/**
 * "Export CSV" and "Export XLSX" for a list as it is filtered on screen. `rows` is called at the click,
 * so the list hands over what it shows at that moment (and builds nothing while nobody exports). The
 * file is named `fileName` and the day (people-2025-03-01.xlsx) and saved through the save dialog.
 */
export function ExportButtons<Row>({ fileName, columns, rows }: { fileName: string; columns: readonly ExportColumn<Row>[]; rows: () => readonly Row[] }) {
  const { t } = useTranslation('spreadsheets');
  const [saving, setSaving] = useState<Saving>({ phase: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const save = async (format: SpreadsheetFileFormat) => {
    setSaving({ phase: 'saving', format });
    try {
      const list = rows();
      const sheet = listSheet(
        fileName,
        columns.map((column) => column.header),
        list.map((row) => columns.map((column) => column.value(row))),
      );
      const result = await saveSpreadsheet(datedFileName(fileName, format), format, [sheet]);
      if (!mounted.current) return;
      setSaving(result.saved ? { phase: 'saved', fileName: result.fileName ?? datedFileName(fileName, format), count: list.length } : { phase: 'idle' });
    } catch (error) {
      if (mounted.current) setSaving({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const busy = saving.phase === 'saving';
  return (
    <div className="export-buttons" data-testid="export-buttons">
      <div className="actions" role="group" aria-label={t('export.group')}>
        <button type="button" className="button" disabled={busy} onClick={() => void save('xlsx')} data-testid="export-xlsx">
          {t('export.xlsx')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void save('csv')} data-testid="export-csv">
          {t('export.csv')}
        </button>
      </div>
      {busy && (
        <p className="field-hint" role="status">
          {t('export.saving')}
        </p>
      )}
      {saving.phase === 'saved' && (
        <Notice kind="success" testId="export-saved">
          {t('export.saved', { count: saving.count, file: saving.fileName })}
        </Notice>
      )}
      {saving.phase === 'failed' && (
        <Notice kind="error" testId="export-error">
          {t('export.failed', { message: saving.message })}
        </Notice>
      )}
    </div>
  );
}
