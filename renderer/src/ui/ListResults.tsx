import type { ReactNode } from 'react';
import { useUiStore } from '../state/uiStore';
import { EmptyState } from './EmptyState';
import { formatNumber } from './format';

/** Why a list shows nothing: a title, a sentence, and what the user can do next (links or buttons). */
export interface ListEmptiness {
  title: string;
  body: string;
  testId?: string;
  actions?: ReactNode;
}

/**
 * What a list page shows under its filters: that reading failed, that it is still reading, that there
 * are no records yet (`empty`), that none match the filters (`noMatch`), or how many of how many are
 * shown, then the rows.
 */
export function ListResults<Row>({
  rows,
  total,
  failed,
  loading,
  empty,
  noMatch,
  count,
  countTestId,
  children,
}: {
  /** The filtered rows; undefined while reading. */
  rows: readonly Row[] | undefined;
  /** How many records there are before filtering. */
  total: number | undefined;
  /** The message when reading failed. */
  failed?: string;
  loading: string;
  empty: ListEmptiness;
  noMatch: ListEmptiness;
  /** The count sentence, given both numbers formatted for the reader. */
  count: (numbers: { shown: string; total: string }) => string;
  countTestId: string;
  children: (rows: readonly Row[]) => ReactNode;
}) {
  const language = useUiStore((s) => s.language);
  if (failed !== undefined)
    return (
      <p className="notice error" role="alert">
        {failed}
      </p>
    );
  if (rows === undefined) return <p className="muted">{loading}</p>;
  if (total === 0) return <Emptiness {...empty} />;
  if (rows.length === 0) return <Emptiness {...noMatch} />;
  return (
    <>
      <p className="result-count" role="status" data-testid={countTestId}>
        {count({ shown: formatNumber(rows.length, language), total: formatNumber(total ?? 0, language) })}
      </p>
      {children(rows)}
    </>
  );
}

function Emptiness({ title, body, testId, actions }: ListEmptiness) {
  return (
    <EmptyState title={title} testId={testId}>
      <p>{body}</p>
      {actions && <p className="actions">{actions}</p>}
    </EmptyState>
  );
}
