import { activityStatuses, countries, modalities, priorityAreas } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';

export function ActivityFilters({ years }: { years: number[] }) {
  const { t } = useTranslation('activities');
  const label = useLabel();
  const filter = useUiStore((state) => state.activityFilter);
  const setFilter = useUiStore((state) => state.setActivityFilter);
  const clear = useUiStore((state) => state.clearActivityFilter);
  const active = Object.values(filter).some(Boolean);

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
      <label>
        <span className="filter-label">{t('fields.country')}</span>
        <select value={filter.country} onChange={(event) => setFilter({ country: event.target.value })} data-testid="filter-country">
          <option value="">{t('list.any')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {label(country.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">{t('fields.priorityArea')}</span>
        <select value={filter.area} onChange={(event) => setFilter({ area: event.target.value })} data-testid="filter-area">
          <option value="">{t('list.any')}</option>
          {priorityAreas.map((area) => (
            <option key={area.code} value={area.code}>
              {area.depth > 0 ? '\u2003' : ''}
              {label(area.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">{t('fields.modality')}</span>
        <select value={filter.modality} onChange={(event) => setFilter({ modality: event.target.value })} data-testid="filter-modality">
          <option value="">{t('list.any')}</option>
          {modalities.map((modality) => (
            <option key={modality.code} value={modality.code}>
              {label(modality.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">{t('fields.status')}</span>
        <select value={filter.status} onChange={(event) => setFilter({ status: event.target.value })} data-testid="filter-status">
          <option value="">{t('list.any')}</option>
          {activityStatuses.map((status) => (
            <option key={status.code} value={status.code}>
              {label(status.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">{t('fields.year')}</span>
        <select value={filter.year} onChange={(event) => setFilter({ year: event.target.value })} data-testid="filter-year">
          <option value="">{t('list.any')}</option>
          {years.map((year) => (
            <option key={year} value={String(year)}>
              {year}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="link-button" onClick={clear}>
          {t('list.clearFilters')}
        </button>
      )}
    </div>
  );
}
