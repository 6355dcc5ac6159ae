/** One column of an exported list: its header (already in the reader's language) and its text per row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => string | number | undefined;
}

/** "Export CSV" and "Export XLSX" for a list as it is filtered on screen. */
export function ExportButtons<Row>(_props: { fileName: string; columns: readonly ExportColumn<Row>[]; rows: () => readonly Row[] }) {
  return null;
}
