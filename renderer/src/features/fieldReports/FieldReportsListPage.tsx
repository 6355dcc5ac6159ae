import { countries, findCountry, pickText } from '@shared/domain';
import { workflowStates } from '@shared/workflow';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { affectsFieldReports, filterRows, listFieldReports, type FieldReportListFilter, type FieldReportRow } from '../../db/fieldReports';
import { getStore } from '../../db/store';
import { useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { EmptyState } from '../../ui/EmptyState';
import { FilterSelect } from '../../ui/FilterSelect';
import { formatDate, formatNumber } from '../../ui/format';
import { VirtualTable } from '../../ui/VirtualTable';
import { shortAuthor } from '../history/formatValue';
import { useRepositoryData } from '../history/useRepositoryData';
import { ExportButtons, type ExportColumn } from '../spreadsheets/ExportButtons';
import { StateBadge } from './StateBadge';
import './fieldReports.css';

/** The list's filter lives in the address (`?activity=…&state=submitted`): links and "Back" keep it. */
export function filterFromParams(params: URLSearchParams): FieldReportListFilter {
  return {
    activityId: params.get('activity') ?? '',
    country: params.get('country') ?? '',
    state: params.get('state') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    mineOnly: params.get('mine') === '1',
  };
}

export function paramsOfFilter(filter: FieldReportListFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.activityId) params.activity = filter.activityId;
  if (filter.country) params.country = filter.country;
  if (filter.state) params.state = filter.state;
  if (filter.from) params.from = filter.from;
  if (filter.to) params.to = filter.to;
  if (filter.mineOnly) params.mine = '1';
  return params;
}

export function FieldReportsListPage() {
  const { t } = useTranslation('fieldReports');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const principal = usePrincipal();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const deferred = useDeferredValue(filter);
  const setFilter = (patch: Partial<FieldReportListFilter>) => setParams(paramsOfFilter({ ...filter, ...patch }), { replace: true });

  const userId = principal?.userId;
  const list = useRepositoryData(
    `fieldReports:${userId ?? ''}`,
    async () => listFieldReports({ userId, deviceId: await getStore().repository.deviceId() }),
    affectsFieldReports,
  );
  const all = useMemo(() => (list.phase === 'ready' ? list.data : []), [list]);
  const rows = useMemo(() => filterRows(all, deferred), [all, deferred]);
  const activityChoices = useMemo(() => {
    const titles = new Map<string, string>();
    for (const row of all) if (!titles.has(row.activityId)) titles.set(row.activityId, row.activityTitle ? pickText(row.activityTitle, language) : t('list.unknownActivity'));
    return [...titles].map(([value, text]) => ({ value, label: text })).sort((a, b) => a.label.localeCompare(b.label));
  }, [all, language, t]);

  const activityText = (row: FieldReportRow) => (row.activityTitle ? pickText(row.activityTitle, language) : t('list.unknownActivity'));
  const authorText = (row: FieldReportRow) => (row.mine ? t('list.you') : row.author ? shortAuthor(row.author) : t('list.unknownAuthor'));
  const columns: ExportColumn<FieldReportRow>[] = [
    { header: t('fields.visitDate'), value: (row) => row.visitDate },
    { header: t('fields.activity'), value: activityText },
    { header: t('fields.country'), value: (row) => label(findCountry(row.country)?.label) || row.country },
    { header: t('fields.placeName'), value: (row) => row.placeName },
    { header: t('fields.author'), value: authorText },
    { header: t('fields.state'), value: (row) => t(`states.${row.state}`) },
    { header: t('fields.photos'), value: (row) => row.photoCount },
    { header: t('list.id'), value: (row) => row.id },
  ];
  const filtered = Object.values(paramsOfFilter(filter)).length > 0;

  return (
    <section className="page page-list" aria-labelledby="field-reports-heading" data-phase={list.phase}>
      <div className="page-header">
        <h1 id="field-reports-heading">{t('list.title')}</h1>
        <div className="actions">
          <ExportButtons fileName="field-reports" columns={columns} rows={() => rows} />
          <Link className="button primary" to={filter.activityId ? `/field-reports/new?activity=${filter.activityId}` : '/field-reports/new'} data-testid="fr-new">
            {t('list.new')}
          </Link>
        </div>
      </div>
      <div className="filters report-filters" role="search" aria-label={t('list.filters')}>
        <FilterSelect
          label={t('fields.activity')}
          anyLabel={t('list.any')}
          value={filter.activityId}
          onChange={(activityId) => setFilter({ activityId })}
          options={activityChoices}
          testId="fr-filter-activity"
        />
        <FilterSelect
          label={t('fields.country')}
          anyLabel={t('list.any')}
          value={filter.country}
          onChange={(country) => setFilter({ country })}
          options={countries.map((c) => ({ value: c.code, label: label(c.label) }))}
          testId="fr-filter-country"
        />
        <FilterSelect
          label={t('fields.state')}
          anyLabel={t('list.any')}
          value={filter.state}
          onChange={(state) => setFilter({ state })}
          options={workflowStates.map((state) => ({ value: state, label: t(`states.${state}`) }))}
          testId="fr-filter-state"
        />
        <label>
          <span className="filter-label">{t('list.from')}</span>
          <input type="date" value={filter.from} onChange={(e) => setFilter({ from: e.target.value })} data-testid="fr-filter-from" />
        </label>
        <label>
          <span className="filter-label">{t('list.to')}</span>
          <input type="date" value={filter.to} onChange={(e) => setFilter({ to: e.target.value })} data-testid="fr-filter-to" />
        </label>
        <label className="checkbox-filter">
          <input type="checkbox" checked={filter.mineOnly} onChange={(e) => setFilter({ mineOnly: e.target.checked })} data-testid="fr-filter-mine" />
          <span>{t('list.mineOnly')}</span>
        </label>
        {filtered && (
          <button type="button" className="button" onClick={() => setParams({}, { replace: true })}>
            {t('list.clearFilters')}
          </button>
        )}
      </div>
      {list.phase === 'loading' ? (
        <p className="muted">{t('list.loading')}</p>
      ) : list.phase === 'failed' ? (
        <p className="notice error" role="alert">
          {t('list.loadFailed', { message: list.message })}
        </p>
      ) : all.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} testId="fr-empty">
          <p>{t('list.emptyBody')}</p>
          <p className="actions">
            <Link className="button primary" to="/field-reports/new">
              {t('list.new')}
            </Link>
          </p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={t('list.noMatchTitle')} testId="fr-no-match">
          <p>{t('list.noMatchBody')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count" role="status" data-testid="fr-count">
            {t('list.count', { shown: formatNumber(rows.length, language), total: formatNumber(all.length, language) })}
          </p>
          <VirtualTable
            label={t('list.tableLabel')}
            className="field-reports"
            rows={rows}
            rowKey={(row) => row.id}
            rowTestId="fr-row"
            header={
              <>
                <div role="columnheader">{t('fields.visitDate')}</div>
                <div role="columnheader">{t('fields.activity')}</div>
                <div role="columnheader">{t('fields.country')}</div>
                <div role="columnheader">{t('fields.placeName')}</div>
                <div role="columnheader">{t('fields.author')}</div>
                <div role="columnheader">{t('fields.state')}</div>
              </>
            }
            cells={(row) => (
              <>
                <div role="cell">{formatDate(row.visitDate, language)}</div>
                <div role="cell">
                  <Link to={`/field-reports/${row.id}`} data-testid="fr-row-link">
                    {activityText(row)}
                  </Link>
                </div>
                <div role="cell" title={label(findCountry(row.country)?.label)}>
                  {row.country}
                </div>
                <div role="cell">{row.placeName ?? ''}</div>
                <div role="cell">{authorText(row)}</div>
                <div role="cell">
                  <StateBadge state={row.state} />
                </div>
              </>
            )}
          />
        </>
      )}
    </section>
  );
}
