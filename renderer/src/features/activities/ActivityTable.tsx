import { activityStatuses, findActivityKind, findCountry, labelOf } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivitySort, ActivitySortKey } from '../../db/activityIndex';
import { rowTitle, type ActivityRow } from '../../db/activityRows';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';
import { VirtualTable } from '../../ui/VirtualTable';

const columns: { key: ActivitySortKey; className: string }[] = [
  { key: 'title', className: 'col-title' },
  { key: 'kind', className: 'col-kind' },
  { key: 'countries', className: 'col-countries' },
  { key: 'status', className: 'col-status' },
  { key: 'start', className: 'col-start' },
  { key: 'updatedAt', className: 'col-updated' },
];

/** Dates read best newest first; names and codes A to Z. */
const firstDirection = (key: ActivitySortKey) => (key === 'updatedAt' || key === 'start' ? 'desc' : 'asc');

export function ActivityTable({ rows, sort, onSort }: { rows: ActivityRow[]; sort: ActivitySort; onSort?: (sort: ActivitySort) => void }) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((state) => state.language);

  const toggle = (key: ActivitySortKey) => {
    if (!onSort) return;
    if (sort.key !== key) return onSort({ key, direction: firstDirection(key) });
    onSort({ key, direction: sort.direction === 'asc' ? 'desc' : 'asc' });
  };

  const header = columns.map((column) => (
    <div key={column.key} role="columnheader" className={column.className} aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => toggle(column.key)} disabled={!onSort} data-testid={`sort-${column.key}`}>
        {t(`columns.${column.key}`)}
        <span aria-hidden="true" className="sort-mark">
          {sort.key === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  ));

  return (
    <VirtualTable
      label={t('list.tableLabel')}
      rows={rows}
      rowKey={(row) => row.id}
      header={header}
      bodyTestId="activity-rows"
      rowTestId="activity-row"
      cells={(row) => (
        <>
          <div role="cell" className="col-title">
            <Link to={`/activities/${row.id}`}>{rowTitle(row, language) || t('list.untitled')}</Link>
          </div>
          <div role="cell" className="col-kind">
            {label(findActivityKind(row.kind)?.label)}
          </div>
          <div role="cell" className="col-countries" title={row.countries.map((c) => label(findCountry(c)?.label)).join(', ')}>
            {row.countries.join(' · ')}
          </div>
          <div role="cell" className="col-status">
            <span className={`badge status-${row.status}`}>{label(labelOf(activityStatuses, row.status))}</span>
          </div>
          <div role="cell" className="col-start">
            {formatDate(row.start, language)}
          </div>
          <div role="cell" className="col-updated">
            {formatDate(row.updatedAt, language)}
          </div>
        </>
      )}
    />
  );
}
