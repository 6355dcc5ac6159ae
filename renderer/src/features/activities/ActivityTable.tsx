import { findActivityKind, findCountry, labelOf, activityStatuses } from '@shared/domain';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivitySort, ActivitySortKey } from '../../db/activityIndex';
import { rowTitle, type ActivityRow } from '../../db/activityRows';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatDate } from '../../ui/format';

const columns: { key: ActivitySortKey; className: string }[] = [
  { key: 'title', className: 'col-title' },
  { key: 'kind', className: 'col-kind' },
  { key: 'countries', className: 'col-countries' },
  { key: 'status', className: 'col-status' },
  { key: 'start', className: 'col-start' },
  { key: 'updatedAt', className: 'col-updated' },
];

const rowHeight = 44;

/** Only the rows in view exist in the DOM, so 100,000 activities scroll like 100. */
export function ActivityTable({ rows, sort, onSort }: { rows: ActivityRow[]; sort: ActivitySort; onSort?: (sort: ActivitySort) => void }) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((state) => state.language);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render by design; nothing here is memoized across renders.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });

  const toggle = (key: ActivitySortKey) => {
    if (!onSort) return;
    const direction = sort.key === key && sort.direction === 'asc' ? 'desc' : sort.key === key ? 'asc' : key === 'updatedAt' || key === 'start' ? 'desc' : 'asc';
    onSort({ key, direction });
  };

  return (
    <div className="table" role="table" aria-label={t('list.tableLabel')} aria-rowcount={rows.length + 1}>
      <div className="table-head" role="rowgroup">
        <div className="table-row" role="row">
          {columns.map((column) => (
            <div
              key={column.key}
              role="columnheader"
              className={column.className}
              aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" onClick={() => toggle(column.key)} disabled={!onSort} data-testid={`sort-${column.key}`}>
                {t(`columns.${column.key}`)}
                <span aria-hidden="true" className="sort-mark">
                  {sort.key === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          ))}
        </div>
      </div>
      <div className="table-body" ref={scrollRef} role="rowgroup" data-testid="activity-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={row.id}
                className="table-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-testid="activity-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
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
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
