import { pickText, type Activity, type Organization, type Person, type TechnologyMatch, type TechnologyNeed, type TechnologyOffer } from '@shared/domain';
import { splitSearchText, type SplitSearchText } from '@shared/search/normalize';
import { tableOf } from './database';
import type { RecordOption } from './pickerOptions';
import { organizationName } from './reads';
import type { RecordChange } from './repository';
import { getStore } from './store';

/**
 * Reads of the Technology Transfer Center's records: offers, needs and the matches between them. There
 * are hundreds of each, not hundreds of thousands, so lists are read whole and filtered in memory.
 */

export interface OfferRow {
  offer: TechnologyOffer;
  provider: Organization | undefined;
  matchCount: number;
  /** Titles in every language and the provider's names, normalized once. */
  search: SplitSearchText;
}

export interface NeedRow {
  need: TechnologyNeed;
  seeker: Organization | undefined;
  matchCount: number;
  search: SplitSearchText;
}

export interface MatchRow {
  match: TechnologyMatch;
  offer: TechnologyOffer | undefined;
  need: TechnologyNeed | undefined;
  provider: Organization | undefined;
  seeker: Organization | undefined;
  broker: Person | undefined;
  search: SplitSearchText;
}

export interface TechnologyLists {
  offers: OfferRow[];
  needs: NeedRow[];
  matches: MatchRow[];
}

/** The entities whose changes the technology lists must re-read for (names of organizations and people included). */
const technologyEntities = new Set(['technologyOffer', 'technologyNeed', 'technologyMatch', 'organization', 'person']);
export const affectsTechnology = (changes: RecordChange[]) => changes.some((change) => technologyEntities.has(change.entity));
/** A match's page also lists the activities that follow it up. */
export const affectsMatchDetail = (changes: RecordChange[]) => affectsTechnology(changes) || changes.some((change) => change.entity === 'activity');

/** A broker is named as every person is (db/people.ts). */
export { personName } from './people';

const orgSearch = (organization: Organization | undefined) => (organization ? [...Object.values(organization.name), organization.acronym] : []);

async function byId<T extends { id: string }>(load: (ids: string[]) => Promise<(T | undefined)[]>, ids: Iterable<string | undefined>): Promise<Map<string, T>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  const found = await load(unique);
  return new Map(found.filter((record): record is T => Boolean(record)).map((record) => [record.id, record]));
}

/** Every offer, need and match with the organizations and people they name. */
export async function readTechnologyLists(): Promise<TechnologyLists> {
  const { db } = getStore();
  const [offers, needs, matches] = await Promise.all([
    tableOf(db, 'technologyOffer').toArray(),
    tableOf(db, 'technologyNeed').toArray(),
    tableOf(db, 'technologyMatch').toArray(),
  ]);
  const organizations = await byId((ids) => tableOf(db, 'organization').bulkGet(ids), [...offers.map((o) => o.providerOrganizationId), ...needs.map((n) => n.seekerOrganizationId)]);
  const people = await byId((ids) => tableOf(db, 'person').bulkGet(ids), matches.map((m) => m.brokerPersonId));
  const offerById = new Map(offers.map((offer) => [offer.id, offer]));
  const needById = new Map(needs.map((need) => [need.id, need]));
  const count = (key: 'offerId' | 'needId') => {
    const counts = new Map<string, number>();
    for (const match of matches) counts.set(match[key], (counts.get(match[key]) ?? 0) + 1);
    return counts;
  };
  const matchesOfOffer = count('offerId');
  const matchesOfNeed = count('needId');

  return {
    offers: offers.map((offer) => {
      const provider = organizations.get(offer.providerOrganizationId);
      return { offer, provider, matchCount: matchesOfOffer.get(offer.id) ?? 0, search: splitSearchText([...Object.values(offer.title), ...Object.values(offer.description), ...orgSearch(provider)]) };
    }),
    needs: needs.map((need) => {
      const seeker = organizations.get(need.seekerOrganizationId);
      return { need, seeker, matchCount: matchesOfNeed.get(need.id) ?? 0, search: splitSearchText([...Object.values(need.title), ...Object.values(need.description), ...orgSearch(seeker)]) };
    }),
    matches: matches.map((match) => {
      const offer = offerById.get(match.offerId);
      const need = needById.get(match.needId);
      const provider = offer && organizations.get(offer.providerOrganizationId);
      const seeker = need && organizations.get(need.seekerOrganizationId);
      const broker = match.brokerPersonId ? people.get(match.brokerPersonId) : undefined;
      return {
        match,
        offer,
        need,
        provider,
        seeker,
        broker,
        search: splitSearchText([
          ...Object.values(offer?.title ?? {}),
          ...Object.values(need?.title ?? {}),
          ...orgSearch(provider),
          ...orgSearch(seeker),
          broker?.nameRomanized,
          broker?.nameNative,
          match.notes,
        ]),
      };
    }),
  };
}

export interface MatchSide<T> {
  match: TechnologyMatch;
  other: T | undefined;
  organization: Organization | undefined;
}

/** One offer with its provider and its matches (each with the need on the other side). */
export async function readOfferDetail(id: string) {
  const { db } = getStore();
  const offer = await tableOf(db, 'technologyOffer').get(id);
  if (!offer) return undefined;
  const [provider, matches] = await Promise.all([tableOf(db, 'organization').get(offer.providerOrganizationId), tableOf(db, 'technologyMatch').where('offerId').equals(id).toArray()]);
  const needs = await tableOf(db, 'technologyNeed').bulkGet(matches.map((m) => m.needId));
  const seekers = await byId((ids) => tableOf(db, 'organization').bulkGet(ids), needs.map((n) => n?.seekerOrganizationId));
  const sides: MatchSide<TechnologyNeed>[] = matches.map((match, i) => ({ match, other: needs[i], organization: seekers.get(needs[i]?.seekerOrganizationId ?? '') }));
  return { offer, provider, matches: sides };
}

/** One need with its seeker and its matches (each with the offer on the other side). */
export async function readNeedDetail(id: string) {
  const { db } = getStore();
  const need = await tableOf(db, 'technologyNeed').get(id);
  if (!need) return undefined;
  const [seeker, matches] = await Promise.all([tableOf(db, 'organization').get(need.seekerOrganizationId), tableOf(db, 'technologyMatch').where('needId').equals(id).toArray()]);
  const offers = await tableOf(db, 'technologyOffer').bulkGet(matches.map((m) => m.offerId));
  const providers = await byId((ids) => tableOf(db, 'organization').bulkGet(ids), offers.map((o) => o?.providerOrganizationId));
  const sides: MatchSide<TechnologyOffer>[] = matches.map((match, i) => ({ match, other: offers[i], organization: providers.get(offers[i]?.providerOrganizationId ?? '') }));
  return { need, seeker, matches: sides };
}

/** Activities that follow up a match (technology-transfer-match activities whose details name it). */
export async function activitiesFollowingMatch(matchId: string): Promise<Activity[]> {
  return tableOf(getStore().db, 'activity')
    .where('details.kind')
    .equals('technology-transfer-match')
    .filter((activity) => activity.details.kind === 'technology-transfer-match' && activity.details.matchId === matchId)
    .toArray();
}

/** One match with both sides, their organizations, the broker and the activities that follow it up. */
export async function readMatchDetail(id: string) {
  const { db } = getStore();
  const match = await tableOf(db, 'technologyMatch').get(id);
  if (!match) return undefined;
  const [offer, need, broker, activities] = await Promise.all([
    tableOf(db, 'technologyOffer').get(match.offerId),
    tableOf(db, 'technologyNeed').get(match.needId),
    match.brokerPersonId ? tableOf(db, 'person').get(match.brokerPersonId) : undefined,
    activitiesFollowingMatch(id),
  ]);
  const [provider, seeker] = await Promise.all([
    offer ? tableOf(db, 'organization').get(offer.providerOrganizationId) : undefined,
    need ? tableOf(db, 'organization').get(need.seekerOrganizationId) : undefined,
  ]);
  return { match, offer, need, provider, seeker, broker, activities };
}

/** A match as a person names it: "offer → need". */
export function matchLabel(offer: TechnologyOffer | undefined, need: TechnologyNeed | undefined, language: string, unknown: string): string {
  return `${pickText(offer?.title, language) || unknown} → ${pickText(need?.title, language) || unknown}`;
}

/** Offers to choose from in a match form: title, provider, country. */
export async function offerOptions(language: string): Promise<RecordOption[]> {
  const { offers } = await readTechnologyLists();
  return offers
    .map(({ offer, provider, search }) => ({ id: offer.id, label: `${pickText(offer.title, language)} · ${organizationName(provider, language) || offer.country}`, search }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Needs to choose from in a match form. */
export async function needOptions(language: string): Promise<RecordOption[]> {
  const { needs } = await readTechnologyLists();
  return needs
    .map(({ need, seeker, search }) => ({ id: need.id, label: `${pickText(need.title, language)} · ${organizationName(seeker, language) || need.country}`, search }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Matches to choose from (the activity form links a technology-transfer activity to one). */
export async function matchOptions(language: string, unknown: string): Promise<RecordOption[]> {
  const { matches } = await readTechnologyLists();
  return matches
    .map(({ match, offer, need, search }) => ({ id: match.id, label: matchLabel(offer, need, language, unknown), search }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
