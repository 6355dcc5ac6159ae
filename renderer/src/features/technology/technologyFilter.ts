import { findCountry, findPriorityArea, isWithinArea, matchStatuses, pickText } from '@shared/domain';
import { matchesSplitQuery, splitQuery } from '@shared/search/normalize';
import type { MatchRow, NeedRow, OfferRow } from '../../db/technology';

/**
 * The filters of the three technology lists. They live in the URL (`/technology/matches?status=agreed`),
 * like the activity list's, so a filtered list can be shared and Back undoes a choice.
 */
export interface TechnologyFilter {
  text: string;
  country: string;
  area: string;
  /** Matches only. */
  status: string;
}

export const emptyTechnologyFilter: TechnologyFilter = { text: '', country: '', area: '', status: '' };

const parameterOf = { country: 'country', area: 'area', status: 'status', text: 'q' } as const satisfies Record<keyof TechnologyFilter, string>;

/** The filter a URL asks for; codes this desk does not know are left out. */
export function technologyFilterFromSearch(search: URLSearchParams): TechnologyFilter {
  const get = (field: keyof TechnologyFilter) => search.get(parameterOf[field])?.trim() ?? '';
  return {
    text: search.get(parameterOf.text) ?? '',
    country: findCountry(get('country')) ? get('country') : '',
    area: findPriorityArea(get('area')) ? get('area') : '',
    status: (matchStatuses as readonly string[]).includes(get('status')) ? get('status') : '',
  };
}

/** The query that shows `filter`: only the fields that are set, in a fixed order. */
export function technologySearchFromFilter(filter: TechnologyFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const [field, parameter] of Object.entries(parameterOf) as [keyof TechnologyFilter, string][]) {
    if (filter[field].trim() !== '') search.set(parameter, filter[field]);
  }
  return search;
}

const inArea = (codes: readonly string[], area: string) => !area || codes.some((code) => isWithinArea(code, area));
const byNewest = <T>(date: (row: T) => string, title: (row: T) => string) => (a: T, b: T) =>
  date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : title(a).localeCompare(title(b));

/** Offers that pass the filter, newest posted first. */
export function filterOffers(rows: readonly OfferRow[], filter: TechnologyFilter, language: string): OfferRow[] {
  const query = splitQuery(filter.text);
  return rows
    .filter(({ offer, search }) => (!filter.country || offer.country === filter.country) && inArea(offer.priorityAreas, filter.area) && matchesSplitQuery(search, query))
    .sort(byNewest((row) => row.offer.postedOn, (row) => pickText(row.offer.title, language)));
}

/** Needs that pass the filter, newest posted first. */
export function filterNeeds(rows: readonly NeedRow[], filter: TechnologyFilter, language: string): NeedRow[] {
  const query = splitQuery(filter.text);
  return rows
    .filter(({ need, search }) => (!filter.country || need.country === filter.country) && inArea(need.priorityAreas, filter.area) && matchesSplitQuery(search, query))
    .sort(byNewest((row) => row.need.postedOn, (row) => pickText(row.need.title, language)));
}

/** The countries a match concerns: the offer's and the need's. */
export function matchCountries(row: Pick<MatchRow, 'offer' | 'need'>): string[] {
  return [...new Set([row.offer?.country, row.need?.country].filter((code): code is NonNullable<typeof code> => Boolean(code)))];
}

/**
 * Matches that pass the filter, most recent status change first. A match is in a country or a priority
 * area when either side is: a Lao need met by a Chinese offer shows under Laos and under China.
 */
export function filterMatches(rows: readonly MatchRow[], filter: TechnologyFilter, language: string): MatchRow[] {
  const query = splitQuery(filter.text);
  return rows
    .filter(
      (row) =>
        (!filter.status || row.match.status === filter.status) &&
        (!filter.country || matchCountries(row).includes(filter.country)) &&
        inArea([...(row.offer?.priorityAreas ?? []), ...(row.need?.priorityAreas ?? [])], filter.area) &&
        matchesSplitQuery(row.search, query),
    )
    .sort(byNewest((row) => row.match.statusDate, (row) => pickText(row.offer?.title, language)));
}
