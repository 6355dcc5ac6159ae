import { countries, findCountry, findPriorityArea, matchStatuses, pickText, priorityAreas } from '@shared/domain';
import { useDeferredValue, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { organizationName } from '../../db/reads';
import { personName, type MatchRow, type NeedRow, type OfferRow } from '../../db/technology';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { EmptyState } from '../../ui/EmptyState';
import { FilterSelect } from '../../ui/FilterSelect';
import { formatDate, formatNumber } from '../../ui/format';
import { VirtualTable } from '../../ui/VirtualTable';
import { ExportButtons, type ExportColumn } from '../spreadsheets/ExportButtons';
import { filterMatches, filterNeeds, filterOffers, matchCountries, type TechnologyFilter } from './technologyFilter';
import { useTechnologyFilter, useTechnologyLists } from './useTechnologyFilter';

type Section = 'offers' | 'needs' | 'matches';
const sections: Section[] = ['offers', 'needs', 'matches'];

/** The three lists of the Technology Transfer Center, as links (each list has its own address). */
export function TechnologySections() {
  const { t } = useTranslation('technology');
  return (
    <nav aria-label={t('sections.label')}>
      <ul className="actions" style={{ listStyle: 'none', padding: 0, margin: '0 0 1rem' }}>
        {sections.map((section) => (
          <li key={section}>
            <NavLink to={`/technology/${section}`} end className={({ isActive }) => `button${isActive ? ' primary' : ''}`} data-testid={`tab-${section}`}>
              {t(`sections.${section}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What the three lists share: heading, sections, filters, count, the empty and no-match states. */
function ListFrame<Row>({
  section,
  filter,
  setFilter,
  clear,
  rows,
  total,
  columns,
  extraFilters,
  children,
}: {
  section: Section;
  filter: TechnologyFilter;
  setFilter: (patch: Partial<TechnologyFilter>) => void;
  clear: () => void;
  rows: Row[] | undefined;
  total: number;
  columns: ExportColumn<Row>[];
  extraFilters?: ReactNode;
  children: (rows: Row[]) => ReactNode;
}) {
  const { t } = useTranslation('technology');
  const label = useLabel();
  const language = useUiStore((s) => s.language);
  const any = t('list.any');
  const newPath = `/technology/${section}/new`;
  const active = Object.values(filter).some(Boolean);

  return (
    <section className="page page-list" aria-labelledby="technology-heading" data-testid={`technology-${section}`}>
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('title')}</p>
          <h1 id="technology-heading">{t(`list.${section}Title`)}</h1>
        </div>
        <div className="actions">
          {rows && rows.length > 0 && <ExportButtons fileName={`technology-${section}`} columns={columns} rows={() => rows} />}
          <Link className="button primary" to={newPath} data-testid={`new-${section}`}>
            {t(`list.${section}New`)}
          </Link>
        </div>
      </div>
      <TechnologySections />
      <div className="filters" role="search">
        <label className="search-field">
          <span className="visually-hidden">{t('list.search')}</span>
          <input type="search" value={filter.text} placeholder={t('list.searchPlaceholder')} onChange={(e) => setFilter({ text: e.target.value })} data-testid="technology-search" />
        </label>
        <FilterSelect
          label={t('fields.country')}
          anyLabel={any}
          value={filter.country}
          onChange={(country) => setFilter({ country })}
          options={countries.map((c) => ({ value: c.code, label: label(c.label) }))}
          testId="technology-filter-country"
        />
        <FilterSelect
          label={t('fields.priorityArea')}
          anyLabel={any}
          value={filter.area}
          onChange={(area) => setFilter({ area })}
          options={priorityAreas.map((a) => ({ value: a.code, label: label(a.label), indent: a.depth > 0 }))}
          testId="technology-filter-area"
        />
        {extraFilters}
        {active && (
          <button type="button" className="link-button" onClick={clear}>
            {t('list.clearFilters')}
          </button>
        )}
      </div>
      {rows === undefined ? (
        <p className="muted">{t('list.loading')}</p>
      ) : total === 0 ? (
        <EmptyState title={t(`list.${section}EmptyTitle`)} testId={`${section}-empty`}>
          <p>{t(`list.${section}EmptyBody`)}</p>
          <p className="actions">
            <Link className="button primary" to={newPath}>
              {t(`list.${section}New`)}
            </Link>
            <Link className="button" to="/data?action=demo">
              {t('list.loadDemo')}
            </Link>
          </p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={t('list.noMatchTitle')} testId={`${section}-no-match`}>
          <p>{t('list.noMatchBody')}</p>
          <button type="button" className="button" onClick={clear}>
            {t('list.clearFilters')}
          </button>
        </EmptyState>
      ) : (
        <>
          <p className="result-count" role="status" data-testid={`${section}-count`}>
            {t('list.count', { shown: formatNumber(rows.length, language), total: formatNumber(total, language) })}
          </p>
          {children(rows)}
        </>
      )}
    </section>
  );
}

function useList() {
  const lists = useTechnologyLists();
  const { filter, setFilter, clear } = useTechnologyFilter();
  const deferred = useDeferredValue(filter);
  const language = useUiStore((s) => s.language);
  return { data: lists.phase === 'ready' ? lists.data : undefined, failed: lists.phase === 'failed', filter, deferred, setFilter, clear, language };
}

const areasText = (codes: readonly string[], label: ReturnType<typeof useLabel>) => codes.map((code) => label(findPriorityArea(code)?.label)).join('; ');

export function OffersListPage() {
  const { t } = useTranslation('technology');
  const label = useLabel();
  const { data, failed, filter, deferred, setFilter, clear, language } = useList();
  const rows = data && filterOffers(data.offers, deferred, language);
  const columns: ExportColumn<OfferRow>[] = [
    { header: t('fields.title'), value: (row) => pickText(row.offer.title, language) },
    { header: t('fields.provider'), value: (row) => organizationName(row.provider, language) },
    { header: t('fields.country'), value: (row) => label(findCountry(row.offer.country)?.label) },
    { header: t('fields.priorityAreas'), value: (row) => areasText(row.offer.priorityAreas, label) },
    { header: t('fields.readinessLevel'), value: (row) => row.offer.readinessLevel },
    { header: t('fields.intellectualProperty'), value: (row) => (row.offer.intellectualProperty ? t(`ip.${row.offer.intellectualProperty}`) : '') },
    { header: t('fields.postedOn'), value: (row) => row.offer.postedOn },
    { header: t('fields.matches'), value: (row) => row.matchCount },
  ];
  if (failed) return <LoadFailed />;
  return (
    <ListFrame section="offers" filter={filter} setFilter={setFilter} clear={clear} rows={rows} total={data?.offers.length ?? 0} columns={columns}>
      {(shown) => (
        <VirtualTable
          label={t('list.offersTitle')}
          rows={shown}
          rowKey={(row) => row.offer.id}
          rowTestId="offer-row"
          header={
            <>
              <div role="columnheader">{t('fields.title')}</div>
              <div role="columnheader">{t('fields.provider')}</div>
              <div role="columnheader">{t('fields.country')}</div>
              <div role="columnheader">{t('fields.readinessShort')}</div>
              <div role="columnheader">{t('fields.matches')}</div>
              <div role="columnheader">{t('fields.postedOn')}</div>
            </>
          }
          cells={(row) => (
            <>
              <div role="cell">
                <Link to={`/technology/offers/${row.offer.id}`}>{pickText(row.offer.title, language) || t('list.untitled')}</Link>
              </div>
              <div role="cell">{organizationName(row.provider, language) || t('detail.unknownRecord')}</div>
              <div role="cell">{label(findCountry(row.offer.country)?.label)}</div>
              <div role="cell">{row.offer.readinessLevel}</div>
              <div role="cell">{formatNumber(row.matchCount, language)}</div>
              <div role="cell">{formatDate(row.offer.postedOn, language)}</div>
            </>
          )}
        />
      )}
    </ListFrame>
  );
}

export function NeedsListPage() {
  const { t } = useTranslation('technology');
  const label = useLabel();
  const { data, failed, filter, deferred, setFilter, clear, language } = useList();
  const rows = data && filterNeeds(data.needs, deferred, language);
  const columns: ExportColumn<NeedRow>[] = [
    { header: t('fields.title'), value: (row) => pickText(row.need.title, language) },
    { header: t('fields.seeker'), value: (row) => organizationName(row.seeker, language) },
    { header: t('fields.country'), value: (row) => label(findCountry(row.need.country)?.label) },
    { header: t('fields.priorityAreas'), value: (row) => areasText(row.need.priorityAreas, label) },
    { header: t('fields.postedOn'), value: (row) => row.need.postedOn },
    { header: t('fields.matches'), value: (row) => row.matchCount },
  ];
  if (failed) return <LoadFailed />;
  return (
    <ListFrame section="needs" filter={filter} setFilter={setFilter} clear={clear} rows={rows} total={data?.needs.length ?? 0} columns={columns}>
      {(shown) => (
        <VirtualTable
          label={t('list.needsTitle')}
          rows={shown}
          rowKey={(row) => row.need.id}
          rowTestId="need-row"
          header={
            <>
              <div role="columnheader">{t('fields.title')}</div>
              <div role="columnheader">{t('fields.seeker')}</div>
              <div role="columnheader">{t('fields.country')}</div>
              <div role="columnheader">{t('fields.priorityAreas')}</div>
              <div role="columnheader">{t('fields.matches')}</div>
              <div role="columnheader">{t('fields.postedOn')}</div>
            </>
          }
          cells={(row) => (
            <>
              <div role="cell">
                <Link to={`/technology/needs/${row.need.id}`}>{pickText(row.need.title, language) || t('list.untitled')}</Link>
              </div>
              <div role="cell">{organizationName(row.seeker, language) || t('detail.unknownRecord')}</div>
              <div role="cell">{label(findCountry(row.need.country)?.label)}</div>
              <div role="cell" title={areasText(row.need.priorityAreas, label)}>
                {areasText(row.need.priorityAreas, label)}
              </div>
              <div role="cell">{formatNumber(row.matchCount, language)}</div>
              <div role="cell">{formatDate(row.need.postedOn, language)}</div>
            </>
          )}
        />
      )}
    </ListFrame>
  );
}

export function MatchesListPage() {
  const { t } = useTranslation('technology');
  const { data, failed, filter, deferred, setFilter, clear, language } = useList();
  const rows = data && filterMatches(data.matches, deferred, language);
  const unknown = t('detail.unknownRecord');
  const columns: ExportColumn<MatchRow>[] = [
    { header: t('fields.offer'), value: (row) => pickText(row.offer?.title, language) },
    { header: t('fields.provider'), value: (row) => organizationName(row.provider, language) },
    { header: t('fields.need'), value: (row) => pickText(row.need?.title, language) },
    { header: t('fields.seeker'), value: (row) => organizationName(row.seeker, language) },
    { header: t('fields.countries'), value: (row) => matchCountries(row).join(', ') },
    { header: t('fields.status'), value: (row) => t(`status.${row.match.status}`) },
    { header: t('fields.statusDate'), value: (row) => row.match.statusDate },
    { header: t('fields.broker'), value: (row) => personName(row.broker) },
    { header: t('fields.notes'), value: (row) => row.match.notes },
  ];
  if (failed) return <LoadFailed />;
  return (
    <ListFrame
      section="matches"
      filter={filter}
      setFilter={setFilter}
      clear={clear}
      rows={rows}
      total={data?.matches.length ?? 0}
      columns={columns}
      extraFilters={
        <FilterSelect
          label={t('fields.status')}
          anyLabel={t('list.any')}
          value={filter.status}
          onChange={(status) => setFilter({ status })}
          options={matchStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          testId="technology-filter-status"
        />
      }
    >
      {(shown) => (
        <VirtualTable
          label={t('list.matchesTitle')}
          rows={shown}
          rowKey={(row) => row.match.id}
          rowTestId="match-row"
          header={
            <>
              <div role="columnheader">{t('fields.offer')}</div>
              <div role="columnheader">{t('fields.need')}</div>
              <div role="columnheader">{t('fields.countries')}</div>
              <div role="columnheader">{t('fields.status')}</div>
              <div role="columnheader">{t('fields.statusDate')}</div>
              <div role="columnheader">{t('fields.broker')}</div>
            </>
          }
          cells={(row) => (
            <>
              <div role="cell">
                <Link to={`/technology/matches/${row.match.id}`}>{pickText(row.offer?.title, language) || unknown}</Link>
              </div>
              <div role="cell">{pickText(row.need?.title, language) || unknown}</div>
              <div role="cell">{matchCountries(row).join(' → ')}</div>
              <div role="cell">
                <span className={`badge match-${row.match.status}`}>{t(`status.${row.match.status}`)}</span>
              </div>
              <div role="cell">{formatDate(row.match.statusDate, language)}</div>
              <div role="cell">{personName(row.broker)}</div>
            </>
          )}
        />
      )}
    </ListFrame>
  );
}

function LoadFailed() {
  const { t } = useTranslation('technology');
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="notice error" role="alert">
        {t('list.loadFailed')}
      </p>
    </section>
  );
}
