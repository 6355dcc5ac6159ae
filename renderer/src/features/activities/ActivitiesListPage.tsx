import { useDeferredValue, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getStore } from '../../db/store';
import { useUiStore } from '../../state/uiStore';
import { EmptyState } from '../../ui/EmptyState';
import { formatNumber } from '../../ui/format';
import { ActivityFilters } from './ActivityFilters';
import { ActivityTable } from './ActivityTable';
import { useActivityList } from './useActivityList';

const noYears: number[] = [];

export function ActivitiesListPage() {
  const { t } = useTranslation('activities');
  const language = useUiStore((state) => state.language);
  const filter = useUiStore((state) => state.activityFilter);
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

  return (
    <section className="page page-list" aria-labelledby="activities-heading" data-list-query={deferredFilter.text} data-list-phase={list.phase}>
      <div className="page-header">
        <h1 id="activities-heading">{t('list.title')}</h1>
        <Link className="button primary" to="/activities/new" data-testid="new-activity">
          {t('list.new')}
        </Link>
      </div>
      <ActivityFilters years={years} />
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
            <Link className="button primary" to="/activities/new">
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
          <button type="button" className="button" onClick={() => useUiStore.getState().clearActivityFilter()}>
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
