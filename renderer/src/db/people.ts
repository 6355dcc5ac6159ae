import type { Activity, Organization, ParticipatingOrganization, Participation, Person, TechnologyNeed, TechnologyOffer } from '@shared/domain';
import { tableOf } from './database';
import { getStore, type Store } from './store';

/**
 * Reads of the registry: people, organizations, and the relations between them and with activities.
 * Every write goes through the repository (getStore().repository).
 */

/**
 * A person's name as colleagues read it: romanized first (everyone reads it), then the native script. The
 * one way a person record is named on screens, in exports and in the review queue. (A desk user, known by
 * an account id, is named by review/lockModel's userDisplayName.)
 */
export function personName(person: Pick<Person, 'nameNative' | 'nameRomanized'> | undefined): string {
  if (!person) return '';
  return [person.nameRomanized, person.nameNative].filter(Boolean).join(' · ');
}

/** Every person on this computer (tens of thousands at most), for the people list and pickers. */
export function listPeople(store: Pick<Store, 'db'> = getStore()): Promise<Person[]> {
  return tableOf(store.db, 'person').toArray();
}

export interface PersonParticipation {
  participation: Participation;
  /** Undefined when the activity is not on this computer (outside its scope, or not synced yet). */
  activity: Activity | undefined;
}

export interface PersonRelations {
  organization: Organization | undefined;
  participations: PersonParticipation[];
}

/** What a person's page shows besides the person: their organization and the activities they take part in. */
export async function personRelations(person: Person, store: Pick<Store, 'db'> = getStore()): Promise<PersonRelations> {
  const { db } = store;
  const [organization, participations] = await Promise.all([
    person.organizationId ? tableOf(db, 'organization').get(person.organizationId) : Promise.resolve(undefined),
    tableOf(db, 'participation').where('personId').equals(person.id).toArray(),
  ]);
  const activities = await tableOf(db, 'activity').bulkGet(participations.map((p) => p.activityId));
  return {
    organization,
    participations: participations
      .map((participation, i) => ({ participation, activity: activities[i] }))
      .sort((a, b) => (b.activity?.plannedStart ?? '').localeCompare(a.activity?.plannedStart ?? '')),
  };
}

export interface OrganizationPartnership {
  partner: ParticipatingOrganization;
  activity: Activity | undefined;
}

export interface OrganizationRelations {
  parent: Organization | undefined;
  children: Organization[];
  /** The people of the organization (all of them: the page shows the first ones and links to the list). */
  people: Person[];
  partnerships: OrganizationPartnership[];
  offers: TechnologyOffer[];
  needs: TechnologyNeed[];
}

/** What an organization's page shows: its place in its tree, its people, the activities it takes part in, what it posted. */
export async function organizationRelations(organization: Organization, store: Pick<Store, 'db'> = getStore()): Promise<OrganizationRelations> {
  const { db } = store;
  const id = organization.id;
  const [parent, children, people, partners, offers, needs] = await Promise.all([
    organization.parentId ? tableOf(db, 'organization').get(organization.parentId) : Promise.resolve(undefined),
    tableOf(db, 'organization').where('parentId').equals(id).toArray(),
    tableOf(db, 'person').where('organizationId').equals(id).toArray(),
    tableOf(db, 'participatingOrganization').where('organizationId').equals(id).toArray(),
    tableOf(db, 'technologyOffer').where('providerOrganizationId').equals(id).toArray(),
    tableOf(db, 'technologyNeed').where('seekerOrganizationId').equals(id).toArray(),
  ]);
  const activities = await tableOf(db, 'activity').bulkGet(partners.map((p) => p.activityId));
  return {
    parent,
    children,
    people,
    partnerships: partners
      .map((partner, i) => ({ partner, activity: activities[i] }))
      .sort((a, b) => (b.activity?.plannedStart ?? '').localeCompare(a.activity?.plannedStart ?? '')),
    offers: offers.sort((a, b) => b.postedOn.localeCompare(a.postedOn)),
    needs: needs.sort((a, b) => b.postedOn.localeCompare(a.postedOn)),
  };
}
