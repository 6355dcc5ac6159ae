import { countries, findCountry, organizationTypes, labelOf, pickText, type Organization } from '@shared/domain';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { organizationName } from '../../db/reads';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { FilterSelect } from '../../ui/FilterSelect';
import { ListResults } from '../../ui/ListResults';
import { SearchField } from '../../ui/SearchField';
import { VirtualTable } from '../../ui/VirtualTable';
import { ExportButtons, type ExportColumn } from '../spreadsheets/ExportButtons';
import { useOrganizations, type OrganizationFilter } from './useOrganizations';

export function OrganizationsListPage() {
  const { t } = useTranslation('organizations');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const [filter, setFilter] = useState<OrganizationFilter>({ text: '', country: '', type: '' });
  const deferred = useDeferredValue(filter);
  const { rows, total } = useOrganizations(deferred, language);
  const columns: ExportColumn<Organization>[] = [
    { header: t('fields.name'), value: (o) => pickText(o.name, language) },
    { header: t('list.nameEn'), value: (o) => o.name.en },
    { header: t('list.nameZh'), value: (o) => o.name.zh },
    { header: t('list.nameOther'), value: (o) => Object.entries(o.name).filter(([l, text]) => l !== 'en' && l !== 'zh' && text).map(([, text]) => text).join('; ') },
    { header: t('fields.acronym'), value: (o) => o.acronym },
    { header: t('fields.type'), value: (o) => label(labelOf(organizationTypes, o.type)) },
    { header: t('fields.country'), value: (o) => label(findCountry(o.country)?.label) },
    { header: t('fields.city'), value: (o) => o.city },
    { header: t('fields.address'), value: (o) => o.address },
    { header: t('fields.website'), value: (o) => o.website },
    { header: t('fields.email'), value: (o) => o.email },
    { header: t('fields.phone'), value: (o) => o.phone },
    { header: t('fields.iatiIdentifier'), value: (o) => o.iatiIdentifier },
    { header: t('list.parentIdColumn'), value: (o) => o.parentId },
    { header: t('list.idColumn'), value: (o) => o.id },
  ];

  return (
    <section className="page page-list" aria-labelledby="organizations-heading">
      <div className="page-header">
        <h1 id="organizations-heading">{t('list.title')}</h1>
        <div className="actions">
          {rows && rows.length > 0 && <ExportButtons fileName="organizations" columns={columns} rows={() => rows} />}
          <Link className="button primary" to="/organizations/new" data-testid="new-organization">
            {t('list.new')}
          </Link>
        </div>
      </div>
      <div className="filters" role="search">
        <SearchField label={t('list.search')} placeholder={t('list.searchPlaceholder')} value={filter.text} onChange={(text) => setFilter({ ...filter, text })} testId="organization-search" />
        <FilterSelect
          label={t('fields.country')}
          anyLabel={t('list.any')}
          value={filter.country}
          onChange={(country) => setFilter({ ...filter, country })}
          options={countries.map((c) => ({ value: c.code, label: label(c.label) }))}
        />
        <FilterSelect
          label={t('fields.type')}
          anyLabel={t('list.any')}
          value={filter.type}
          onChange={(type) => setFilter({ ...filter, type })}
          options={organizationTypes.map((type) => ({ value: type.code, label: label(type.label) }))}
        />
      </div>
      <ListResults
        rows={rows}
        total={total}
        loading={t('list.loading')}
        empty={{
          title: t('list.emptyTitle'),
          body: t('list.emptyBody'),
          testId: 'organizations-empty',
          actions: (
            <>
              <Link className="button primary" to="/organizations/new">
                {t('list.new')}
              </Link>
              <Link className="button" to="/data?action=import">
                {t('list.importRecords')}
              </Link>
            </>
          ),
        }}
        noMatch={{ title: t('list.noMatchTitle'), body: t('list.noMatchBody') }}
        count={(numbers) => t('list.count', numbers)}
        countTestId="organization-count"
      >
        {(rows) => (
          <VirtualTable
            label={t('list.tableLabel')}
            className="organizations"
            rows={rows}
            rowKey={(organization) => organization.id}
            rowTestId="organization-row"
            header={
              <>
                <div role="columnheader" className="col-title">{t('fields.name')}</div>
                <div role="columnheader" className="col-kind">{t('fields.type')}</div>
                <div role="columnheader" className="col-countries">{t('fields.country')}</div>
                <div role="columnheader" className="col-start">{t('fields.city')}</div>
              </>
            }
            cells={(organization) => (
              <>
                <div role="cell" className="col-title">
                  <Link to={`/organizations/${organization.id}`}>{organizationName(organization, language)}</Link>
                </div>
                <div role="cell" className="col-kind">{label(labelOf(organizationTypes, organization.type))}</div>
                <div role="cell" className="col-countries">{label(findCountry(organization.country)?.label)}</div>
                <div role="cell" className="col-start">{organization.city}</div>
              </>
            )}
          />
        )}
      </ListResults>
    </section>
  );
}
