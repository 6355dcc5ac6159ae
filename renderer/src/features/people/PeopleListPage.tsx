import { canSeePersonalData, mayHandlePersonalData } from '@shared/access/personalData';
import { countries, findCountry, labelOf, personRoles, sexes, type Organization, type Person } from '@shared/domain';
import { splitSearchText } from '@shared/search/normalize';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listPeople } from '../../db/people';
import { listOrganizations, organizationName } from '../../db/reads';
import { useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { FilterSelect } from '../../ui/FilterSelect';
import { ListResults } from '../../ui/ListResults';
import { RecordPicker, type PickerOption } from '../../ui/RecordPicker';
import { SearchField } from '../../ui/SearchField';
import { VirtualTable } from '../../ui/VirtualTable';
import { useRepositoryData } from '../history/useRepositoryData';
import { ExportButtons, type ExportColumn } from '../spreadsheets/ExportButtons';
import { emptyPersonFilter, filterPeople, indexPeople, type PersonFilter } from './personSearch';

async function loadPeople() {
  const [people, organizations] = await Promise.all([listPeople(), listOrganizations()]);
  return { indexed: indexPeople(people), organizations: new Map(organizations.map((o) => [o.id, o])) };
}

export function PeopleListPage() {
  const { t } = useTranslation('people');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const principal = usePrincipal();
  const pickerId = useId();
  const [searchParams] = useSearchParams();
  // An organization's page links here with `?organization=<id>`: its people.
  const [filter, setFilter] = useState<PersonFilter>(() => ({ ...emptyPersonFilter(), organizationId: searchParams.get('organization') ?? '' }));
  const deferred = useDeferredValue(filter);
  const data = useRepositoryData('people', loadPeople, (changes) => changes.some((c) => c.entity === 'person' || c.entity === 'organization'));
  const ready = data.phase === 'ready' ? data.data : undefined;
  const rows = useMemo(() => (ready ? filterPeople(ready.indexed, deferred) : undefined), [ready, deferred]);
  const organizationOptions = useMemo<PickerOption[]>(
    () =>
      [...(ready?.organizations.values() ?? [])]
        .map((o) => ({ id: o.id, label: `${organizationName(o, language)} · ${o.country}`, search: splitSearchText([...Object.values(o.name), o.acronym]) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [ready, language],
  );

  const organizationOf = (person: Person): Organization | undefined => (person.organizationId ? ready?.organizations.get(person.organizationId) : undefined);
  const rolesOf = (person: Person) => person.roles.map((role) => label(labelOf(personRoles, role))).join(', ');
  const countryName = (code: string | undefined) => (code ? label(findCountry(code)?.label) : '');
  // Contact columns only for roles that work with personal data, and in them only what each row allows.
  const personal = (person: Person, value: string | number | undefined) => (canSeePersonalData(principal, person) ? value : undefined);
  const columns: ExportColumn<Person>[] = [
    { header: t('fields.nameNative'), value: (p) => p.nameNative },
    { header: t('fields.nameRomanized'), value: (p) => p.nameRomanized },
    { header: t('fields.sex'), value: (p) => label(labelOf(sexes, p.sex)) },
    { header: t('fields.country'), value: (p) => countryName(p.country) },
    { header: t('fields.nationality'), value: (p) => countryName(p.nationality) },
    { header: t('fields.organization'), value: (p) => organizationName(organizationOf(p), language) },
    { header: t('fields.position'), value: (p) => p.position },
    { header: t('fields.roles'), value: rolesOf },
    ...(mayHandlePersonalData(principal)
      ? [
          { header: t('fields.birthYear'), value: (p: Person) => personal(p, p.birthYear) },
          { header: t('fields.email'), value: (p: Person) => personal(p, p.email) },
          { header: t('fields.phone'), value: (p: Person) => personal(p, p.phone) },
        ]
      : []),
    { header: t('list.idColumn'), value: (p) => p.id },
  ];
  const total = ready?.indexed.length;
  const filtered = Boolean(filter.text || filter.country || filter.role || filter.organizationId || filter.sex);

  return (
    <section className="page page-list" aria-labelledby="people-heading">
      <div className="page-header">
        <h1 id="people-heading">{t('list.title')}</h1>
        <div className="actions">
          {rows && rows.length > 0 && <ExportButtons fileName="people" columns={columns} rows={() => rows} />}
          <Link className="button primary" to="/people/new" data-testid="new-person">
            {t('list.new')}
          </Link>
        </div>
      </div>
      <div className="filters" role="search">
        <SearchField label={t('list.search')} placeholder={t('list.searchPlaceholder')} value={filter.text} onChange={(text) => setFilter({ ...filter, text })} testId="person-search" showLabel />
        <FilterSelect
          label={t('fields.country')}
          anyLabel={t('list.any')}
          value={filter.country}
          onChange={(country) => setFilter({ ...filter, country })}
          options={countries.map((c) => ({ value: c.code, label: label(c.label) }))}
          testId="filter-person-country"
        />
        <FilterSelect
          label={t('list.role')}
          anyLabel={t('list.any')}
          value={filter.role}
          onChange={(role) => setFilter({ ...filter, role })}
          options={personRoles.map((role) => ({ value: role.code, label: label(role.label) }))}
          testId="filter-person-role"
        />
        <FilterSelect
          label={t('fields.sex')}
          anyLabel={t('list.any')}
          value={filter.sex}
          onChange={(sex) => setFilter({ ...filter, sex })}
          options={sexes.map((sex) => ({ value: sex.code, label: label(sex.label) }))}
          testId="filter-person-sex"
        />
        <div className="filter-picker" style={{ display: 'flex', flexDirection: 'column' }}>
          <label htmlFor={pickerId}>
            <span className="filter-label">{t('fields.organization')}</span>
          </label>
          <RecordPicker
            id={pickerId}
            options={organizationOptions}
            value={filter.organizationId || undefined}
            onChange={(organizationId) => setFilter({ ...filter, organizationId: organizationId ?? '' })}
            placeholder={t('list.anyOrganization')}
            clearLabel={t('form.clear')}
            unknownLabel={t('common:form.unknownRecord')}
          />
        </div>
        {filtered && (
          <button type="button" className="button" onClick={() => setFilter(emptyPersonFilter())}>
            {t('list.clearFilters')}
          </button>
        )}
      </div>
      <ListResults
        rows={rows}
        total={total}
        failed={data.phase === 'failed' ? t('list.loadFailed', { message: data.message }) : undefined}
        loading={t('list.loading')}
        empty={{
          title: t('list.emptyTitle'),
          body: t('list.emptyBody'),
          testId: 'people-empty',
          actions: (
            <>
              <Link className="button primary" to="/people/new">
                {t('list.new')}
              </Link>
              <Link className="button" to="/spreadsheets">
                {t('list.importSpreadsheet')}
              </Link>
            </>
          ),
        }}
        noMatch={{ title: t('list.noMatchTitle'), body: t('list.noMatchBody'), testId: 'people-no-match' }}
        count={(numbers) => t('list.count', numbers)}
        countTestId="person-count"
      >
        {(rows) => (
          <VirtualTable
            label={t('list.tableLabel')}
            rows={rows}
            rowKey={(person) => person.id}
            rowTestId="person-row"
            header={
              <>
                <div role="columnheader">{t('fields.name')}</div>
                <div role="columnheader">{t('fields.organization')}</div>
                <div role="columnheader">{t('fields.roles')}</div>
                <div role="columnheader">{t('fields.country')}</div>
                <div role="columnheader">{t('fields.sex')}</div>
                <div role="columnheader">{t('fields.nationality')}</div>
              </>
            }
            cells={(person) => (
              <>
                <div role="cell">
                  <Link to={`/people/${person.id}`} lang={person.nameRomanized ? undefined : person.nameNativeLanguage}>
                    {person.nameRomanized ?? person.nameNative}
                  </Link>
                  {person.nameRomanized && person.nameNative && (
                    <span className="muted" lang={person.nameNativeLanguage}>
                      {' '}
                      · {person.nameNative}
                    </span>
                  )}
                </div>
                <div role="cell">{organizationName(organizationOf(person), language)}</div>
                <div role="cell">{rolesOf(person)}</div>
                <div role="cell">{countryName(person.country)}</div>
                <div role="cell">{label(labelOf(sexes, person.sex))}</div>
                <div role="cell">{countryName(person.nationality)}</div>
              </>
            )}
          />
        )}
      </ListResults>
    </section>
  );
}
