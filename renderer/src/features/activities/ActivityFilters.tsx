import { activityKinds, activityStatuses, countries, modalities, priorityAreas } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import type { ActivityFilter } from '../../db/activityIndex';
import { useLabel } from '../../i18n';
import { FilterSelect } from '../../ui/FilterSelect';

/** The list's filters; the page keeps them (in its URL) and hears of each change. */
export function ActivityFilters({
  years,
  filter,
  setFilter,
  clear,
}: {
  years: number[];
  filter: ActivityFilter;
  setFilter: (patch: Partial<ActivityFilter>) => void;
  clear: () => void;
}) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const active = Object.values(filter).some(Boolean);
  // The kinds of the chosen modality; all of them when none is chosen.
  const kinds = activityKinds.filter((kind) => !filter.modality || kind.modality === filter.modality);
  const any = t('list.any');

  return (
    <div className="filters" role="search">
      <label className="search-field">
        <span className="visually-hidden">{t('list.search')}</span>
        <input
          type="search"
          value={filter.text}
          placeholder={t('list.searchPlaceholder')}
          onChange={(event) => setFilter({ text: event.target.value })}
          data-testid="activity-search"
        />
      </label>
      <FilterSelect
        label={t('fields.country')}
        anyLabel={any}
        value={filter.country}
        onChange={(country) => setFilter({ country })}
        options={countries.map((c) => ({ value: c.code, label: label(c.label) }))}
        testId="filter-country"
      />
      <FilterSelect
        label={t('fields.priorityArea')}
        anyLabel={any}
        value={filter.area}
        onChange={(area) => setFilter({ area })}
        options={priorityAreas.map((a) => ({ value: a.code, label: label(a.label), indent: a.depth > 0 }))}
        testId="filter-area"
      />
      <FilterSelect
        label={t('fields.modality')}
        anyLabel={any}
        value={filter.modality}
        onChange={(modality) => setFilter({ modality })}
        options={modalities.map((m) => ({ value: m.code, label: label(m.label) }))}
        testId="filter-modality"
      />
      {kinds.length > 1 && (
        <FilterSelect
          label={t('fields.kind')}
          anyLabel={any}
          value={filter.kind ?? ''}
          onChange={(kind) => setFilter({ kind })}
          options={kinds.map((k) => ({ value: k.code, label: label(k.label) }))}
          testId="filter-kind"
        />
      )}
      <FilterSelect
        label={t('fields.status')}
        anyLabel={any}
        value={filter.status}
        onChange={(status) => setFilter({ status })}
        options={activityStatuses.map((s) => ({ value: s.code, label: label(s.label) }))}
        testId="filter-status"
      />
      <FilterSelect
        label={t('fields.year')}
        anyLabel={any}
        value={filter.year}
        onChange={(year) => setFilter({ year })}
        options={years.map((year) => ({ value: String(year), label: String(year) }))}
        testId="filter-year"
      />
      {active && (
        <button type="button" className="link-button" onClick={clear}>
          {t('list.clearFilters')}
        </button>
      )}
    </div>
  );
}
