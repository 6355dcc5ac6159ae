import { activityStatuses, findActivityKind, findCountry, findPriorityArea, kindsOfModality, modalities, modalityOfKind, type ActivityKind, type ModalityCode } from '@shared/domain';
import { emptyActivityFilter, type ActivityFilter } from '../../db/activityIndex';
import { isReferenceField, kindFields } from './kindFields';

/**
 * The activity list's filter lives in the URL (`/activities?modality=joint-research&country=LA`), so a
 * link to a modality, a filtered list sent to a colleague and the browser's Back button all show the
 * same list. These functions are the one mapping between the two, both ways.
 */

/** Query parameter of each filter field, in the order they are written. */
const parameterOf = { modality: 'modality', kind: 'kind', country: 'country', area: 'area', status: 'status', year: 'year', text: 'q' } as const satisfies Record<keyof ActivityFilter, string>;

const isModality = (code: string): code is ModalityCode => modalities.some((m) => m.code === code);
const isKind = (code: string): code is ActivityKind => findActivityKind(code) !== undefined;
const isStatus = (code: string) => activityStatuses.some((s) => s.code === code);

/**
 * The filter a URL asks for. Values this desk does not know (a typo, a code from a newer version) are
 * left out rather than showing an empty list; a kind that is not of the given modality is left out too.
 */
export function filterFromSearch(search: URLSearchParams): ActivityFilter {
  const get = (field: keyof ActivityFilter) => search.get(parameterOf[field])?.trim() ?? '';
  const modality = isModality(get('modality')) ? get('modality') : '';
  const kindCode = get('kind');
  const kind = isKind(kindCode) && (!modality || modalityOfKind(kindCode) === modality) ? kindCode : '';
  return {
    // Typed text is kept as typed (a trailing space is the start of the next word).
    text: search.get(parameterOf.text) ?? '',
    country: findCountry(get('country')) ? get('country') : '',
    area: findPriorityArea(get('area')) ? get('area') : '',
    modality,
    kind,
    status: isStatus(get('status')) ? get('status') : '',
    year: /^\d{4}$/.test(get('year')) ? get('year') : '',
  };
}

/** The query that shows `filter`: only the fields that are set, always in the same order. */
export function searchFromFilter(filter: ActivityFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const [field, parameter] of Object.entries(parameterOf) as [keyof ActivityFilter, string][]) {
    const value = filter[field];
    if (value && (field !== 'text' || value.trim() !== '')) search.set(parameter, value);
  }
  return search;
}

/** The list's path for a filter: `/activities` alone when nothing is filtered. */
export function activityListPath(filter: ActivityFilter): string {
  const query = searchFromFilter(filter).toString();
  return query ? `/activities?${query}` : '/activities';
}

/**
 * A change of one or more filters, kept consistent: choosing a kind also chooses its modality; choosing
 * another modality forgets a kind that is not one of its kinds.
 */
export function changeFilter(filter: ActivityFilter, patch: Partial<ActivityFilter>): ActivityFilter {
  const next = { ...emptyActivityFilter, ...filter, ...patch };
  if (patch.kind && isKind(patch.kind)) next.modality = modalityOfKind(patch.kind);
  else if (next.kind && isKind(next.kind) && next.modality && modalityOfKind(next.kind) !== next.modality) next.kind = '';
  return next;
}

/** The kind a new activity starts with on this list: the filtered kind, or the modality's only kind. */
export function kindForNewActivity(filter: ActivityFilter): ActivityKind | undefined {
  if (filter.kind && isKind(filter.kind)) return filter.kind;
  if (!isModality(filter.modality)) return undefined;
  const kinds = kindsOfModality(filter.modality);
  return kinds.length === 1 ? kinds[0] : undefined;
}

/** Where the list's "New activity" button goes. */
export function newActivityPath(filter: ActivityFilter): string {
  const kind = kindForNewActivity(filter);
  return kind ? `/activities/new?kind=${kind}` : '/activities/new';
}

/** The kind a new activity form was asked to start with (`/activities/new?kind=joint-lab`), if it is one. */
export function kindFromSearch(search: URLSearchParams): ActivityKind | '' {
  const kind = search.get('kind') ?? '';
  return isKind(kind) ? kind : '';
}

const recordIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Links the kind's details to records named in the URL, for a new activity started from another page:
 * a course from its training center (`?kind=training-course&trainingCenterId=…`), a follow-up from its
 * technology match (`?kind=technology-transfer-match&matchId=…`). Only the kind's record fields are read.
 */
export function detailsFromSearch(kind: ActivityKind | '', search: URLSearchParams): Record<string, string> {
  if (!kind) return {};
  const details: Record<string, string> = {};
  for (const field of kindFields[kind].filter(isReferenceField)) {
    const value = search.get(field.name)?.trim();
    if (value && recordIdPattern.test(value)) details[field.name] = value;
  }
  return details;
}
