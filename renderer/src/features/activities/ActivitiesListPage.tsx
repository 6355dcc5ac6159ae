import { activityStatuses, findActivityKind, findPriorityArea, labelOf, modalities, type ModalityCode } from '@shared/domain';
import { useDeferredValue, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rowTitle, type ActivityRow } from '../../db/activityRows';
import { getStore } from '../../db/store';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { EmptyState } from '../../ui/EmptyState';
import { formatNumber } from '../../ui/format';
import { ExportButtons, type ExportColumn } from '../spreadsheets/ExportButtons';
import { newActivityPath } from './activityFilterUrl';
import { ActivityFilters } from './ActivityFilters';
import { ActivityTable } from './ActivityTable';
import { useActivityFilter } from './useActivityFilter';
import { useActivityList } from './useActivityList';

const noYears: number[] = [];
const modalityLabel = (code: string) => modalities.find((m) => m.code === (code as ModalityCode))?.label;

export function ActivitiesListPage() {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const language = useUiStore((state) => state.language);
  const { filter, setFilter, clear } = useActivityFilter();
  const sort = useUiStore((state) => state.activitySort);
  const setSort = useUiStore((state) => state.setActivitySort);
  // Typing stays responsive: the list catches up with the query a frame later, never blocks a keystroke.
  const deferredFilter = useDeferredValue(filter);
  const list = useActivityList(deferredFilter, sort, language);
  const { activityIndex } = getStore();
  const years = list.phase === 'ready' ? activityIndex.years() : noYears;

  useEffect(() => {
    if ((list.phase === 'ready' || list.phase === 'preview') && list.rows.length > 0) performance.mark('activities:first-rows');
  }, [list]);

  // A modality's list (from the navigation) or one kind's says so in its title.
  const shownKind = filter.kind ? findActivityKind(filter.kind)?.label : undefined;
  const shownModality = filter.modality ? modalityLabel(filter.modality) : undefined;
  const scopeName = label(shownKind ?? shownModality);
  const columns: ExportColumn<ActivityRow>[] = [
    { header: t('columns.title'), value: (row) => rowTitle(row, language) },
    { header: t('columns.kind'), value: (row) => label(findActivityKind(row.kind)?.label) },
    { header: t('fields.modality'), value: (row) => label(modalityLabel(row.modality)) },
    { header: t('columns.status'), value: (row) => label(labelOf(activityStatuses, row.status)) },
    { header: t('columns.countries'), value: (row) => row.countries.join(', ') },
    { header: t('fields.priorityAreas'), value: (row) => row.priorityAreas.map((code) => label(findPriorityArea(code)?.label)).join('; ') },
    { header: t('columns.start'), value: (row) => row.start },
    { header: t('columns.updatedAt'), value: (row) => row.updatedAt.slice(0, 10) },
    { header: t('list.idColumn'), value: (row) => row.id },
  ];
  const exportName = `activities${filter.kind ? `-${filter.kind}` : filter.modality ? `-${filter.modality}` : ''}`;

  return (
    <section className="page page-list" aria-labelledby="activities-heading" data-list-query={deferredFilter.text} data-list-phase={list.phase}>
      <div className="page-header">
        <h1 id="activities-heading">{scopeName ? t('list.titleFor', { name: scopeName }) : t('list.title')}</h1>
        <div className="actions">
          {list.phase === 'ready' && list.rows.length > 0 && <ExportButtons fileName={exportName} columns={columns} rows={() => list.rows} />}
          <Link className="button primary" to={newActivityPath(filter)} data-testid="new-activity">
            {t('list.new')}
          </Link>
        </div>
      </div>
      <ActivityFilters years={years} filter={filter} setFilter={setFilter} clear={clear} />
      {list.phase === 'loading' && <p className="muted">{t('list.loading')}</p>}
      {list.phase === 'failed' && (
        <div className="notice error" role="alert">
          <p>{t('list.loadFailed')}</p>
          <button type="button" className="button" onClick={list.retry}>
            {t('list.retry')}
          </button>
        </div>
      )}
      {list.phase === 'ready' && list.total === 0 ? (
        <EmptyState title={t('list.emptyTitle')} testId="activities-empty">
          <p>{t('list.emptyBody')}</p>
          <p className="actions">
            <Link className="button primary" to={newActivityPath(filter)}>
              {t('list.new')}
            </Link>
            <Link className="button" to="/data?action=import">
              {t('list.importRecords')}
            </Link>
            <Link className="button" to="/data?action=demo">
              {t('list.loadDemo')}
            </Link>
          </p>
        </EmptyState>
      ) : list.phase === 'ready' && list.rows.length === 0 ? (
        <EmptyState title={t('list.noMatchTitle')} testId="activities-no-match">
          <p>{t('list.noMatchBody')}</p>
          <button type="button" className="button" onClick={clear}>
            {t('list.clearFilters')}
          </button>
        </EmptyState>
      ) : (
        (list.phase === 'ready' || list.phase === 'preview') && (
          <>
            <p className="result-count" role="status" data-testid="result-count" data-query={deferredFilter.text} data-phase={list.phase}>
              {list.phase === 'ready'
                ? t('list.count', { shown: formatNumber(list.rows.length, language), total: formatNumber(list.total, language) })
                : t('list.indexing')}
            </p>
            <ActivityTable rows={list.rows} sort={sort} onSort={list.phase === 'ready' ? setSort : undefined} />
          </>
        )
      )}
    </section>
  );
}
