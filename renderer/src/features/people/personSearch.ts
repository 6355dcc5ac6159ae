import type { Person } from '@shared/domain';
import { matchesSplitQuery, normalizeForSearch, splitQuery, splitSearchText, type SplitSearchText } from '@shared/search/normalize';

/** What the people list is filtered by; an empty value means "any". */
export interface PersonFilter {
  text: string;
  country: string;
  role: string;
  organizationId: string;
  sex: string;
}

export const emptyPersonFilter = (): PersonFilter => ({ text: '', country: '', role: '', organizationId: '', sex: '' });

export interface IndexedPerson {
  person: Person;
  search: SplitSearchText;
  sortKey: string;
}

/** How a person record is named (db/people.ts), here beside how people are found. */
export { personName } from '../../db/people';

/**
 * The text a person is found by: the native-script name (Lao, Thai, Khmer, Burmese and Chinese write no
 * spaces between words, so matching is by substring, never by word) and the romanized one, also without
 * its spaces ("Wang Fang" is often typed "wangfang").
 */
export function personSearchText(person: Pick<Person, 'nameNative' | 'nameRomanized'>): SplitSearchText {
  const romanized = person.nameRomanized;
  return splitSearchText([person.nameNative, romanized, romanized && /\s/.test(romanized) ? romanized.replace(/\s+/g, '') : undefined]);
}

/** Indexes people once (normalized search text, sort key), sorted by name: filtering keeps the order. */
export function indexPeople(people: readonly Person[]): IndexedPerson[] {
  return people
    .map((person) => ({ person, search: personSearchText(person), sortKey: normalizeForSearch(person.nameRomanized ?? person.nameNative ?? '') }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

/** The people that match every filter and every word of the text, in either script. */
export function filterPeople(indexed: readonly IndexedPerson[], filter: PersonFilter): Person[] {
  const query = splitQuery(filter.text);
  const out: Person[] = [];
  for (const { person, search } of indexed) {
    if (filter.country && person.country !== filter.country) continue;
    if (filter.sex && person.sex !== filter.sex) continue;
    if (filter.organizationId && person.organizationId !== filter.organizationId) continue;
    if (filter.role && !(person.roles as readonly string[]).includes(filter.role)) continue;
    if (!matchesSplitQuery(search, query)) continue;
    out.push(person);
  }
  return out;
}
