import { countries, findCountry, organizationTypes, labelOf } from '@shared/domain';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { organizationName } from '../../db/reads';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { EmptyState } from '../../ui/EmptyState';
import { formatNumber } from '../../ui/format';
import { useOrganizations, type OrganizationFilter } from './useOrganizations';

const rowHeight = 44;

export function OrganizationsListPage() {
  const { t } = useTranslation('organizations');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const [filter, setFilter] = useState<OrganizationFilter>({ text: '', country: '', type: '' });
  const deferred = useDeferredValue(filter);
  const { rows, total } = useOrganizations(deferred, language);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows?.length ?? 0, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12 });

  return (
    <section className="page page-list" aria-labelledby="organizations-heading">
      <div className="page-header">
        <h1 id="organizations-heading">{t('list.title')}</h1>
        <Link className="button primary" to="/organizations/new" data-testid="new-organization">
          {t('list.new')}
        </Link>
      </div>
      <div className="filters" role="search">
        <label className="search-field">
          <span className="visually-hidden">{t('list.search')}</span>
          <input type="search" value={filter.text} placeholder={t('list.searchPlaceholder')} onChange={(e) => setFilter({ ...filter, text: e.target.value })} data-testid="organization-search" />
        </label>
        <label>
          <span className="filter-label">{t('fields.country')}</span>
          <select value={filter.country} onChange={(e) => setFilter({ ...filter, country: e.target.value })}>
            <option value="">{t('list.any')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {label(c.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="filter-label">{t('fields.type')}</span>
          <select value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value })}>
            <option value="">{t('list.any')}</option>
            {organizationTypes.map((type) => (
              <option key={type.code} value={type.code}>
                {label(type.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows === undefined ? (
        <p className="muted">{t('list.loading')}</p>
      ) : total === 0 ? (
        <EmptyState title={t('list.emptyTitle')} testId="organizations-empty">
          <p>{t('list.emptyBody')}</p>
          <p className="actions">
            <Link className="button primary" to="/organizations/new">
              {t('list.new')}
            </Link>
            <Link className="button" to="/data?action=import">
              {t('list.importRecords')}
            </Link>
          </p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={t('list.noMatchTitle')}>
          <p>{t('list.noMatchBody')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count" role="status" data-testid="organization-count">
            {t('list.count', { shown: formatNumber(rows.length, language), total: formatNumber(total ?? 0, language) })}
          </p>
          <div className="table organizations" role="table" aria-label={t('list.tableLabel')} aria-rowcount={rows.length + 1}>
            <div className="table-head" role="rowgroup">
              <div className="table-row" role="row">
                <div role="columnheader" className="col-title">{t('fields.name')}</div>
                <div role="columnheader" className="col-kind">{t('fields.type')}</div>
                <div role="columnheader" className="col-countries">{t('fields.country')}</div>
                <div role="columnheader" className="col-start">{t('fields.city')}</div>
              </div>
            </div>
            <div className="table-body" ref={scrollRef} role="rowgroup">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const organization = rows[item.index];
                  if (!organization) return null;
                  return (
                    <div
                      key={organization.id}
                      className="table-row"
                      role="row"
                      data-testid="organization-row"
                      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
                    >
                      <div role="cell" className="col-title">
                        <Link to={`/organizations/${organization.id}/edit`}>{organizationName(organization, language)}</Link>
                      </div>
                      <div role="cell" className="col-kind">{label(labelOf(organizationTypes, organization.type))}</div>
                      <div role="cell" className="col-countries">{label(findCountry(organization.country)?.label)}</div>
                      <div role="cell" className="col-start">{organization.city}</div>
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
