import { newRecordId, type FieldIssue, type Organization, type ParticipatingOrganization, type Participation, type Person, type PersonRole } from '@shared/domain';
import { tableOf } from './database';
import type { Draft } from './repository';
import { getStore, type Store } from './store';

/**
 * The people and organizations taking part in an activity: reads, and enrolment (no person enrolled twice
 * in one activity). Every write goes through the repository.
 */

export interface ParticipantRow {
  participation: Participation;
  /** Undefined when the person is not on this computer (outside its scope, or not synced yet). */
  person: Person | undefined;
}

export interface PartnerRow {
  partner: ParticipatingOrganization;
  organization: Organization | undefined;
}

/** The people taking part in an activity, with their person records. */
export async function activityParticipants(activityId: string, store: Pick<Store, 'db'> = getStore()): Promise<ParticipantRow[]> {
  const participations = await tableOf(store.db, 'participation').where('activityId').equals(activityId).toArray();
  const people = await tableOf(store.db, 'person').bulkGet(participations.map((p) => p.personId));
  return participations.map((participation, i) => ({ participation, person: people[i] }));
}

/** The organizations taking part in an activity, with their organization records. */
export async function activityPartners(activityId: string, store: Pick<Store, 'db'> = getStore()): Promise<PartnerRow[]> {
  const partners = await tableOf(store.db, 'participatingOrganization').where('activityId').equals(activityId).toArray();
  const organizations = await tableOf(store.db, 'organization').bulkGet(partners.map((p) => p.organizationId));
  return partners.map((partner, i) => ({ partner, organization: organizations[i] }));
}

/**
 * Who of the chosen people to enrol: each person once, and nobody already taking part in the activity
 * (whatever their status: a person who withdrew is re-enrolled by changing the status, not twice).
 */
export function planEnrolment(chosen: readonly string[], participations: readonly Pick<Participation, 'personId'>[]): { toEnrol: string[]; alreadyEnrolled: string[] } {
  const enrolled = new Set(participations.map((p) => p.personId));
  const toEnrol: string[] = [];
  const alreadyEnrolled: string[] = [];
  for (const personId of new Set(chosen)) (enrolled.has(personId) ? alreadyEnrolled : toEnrol).push(personId);
  return { toEnrol, alreadyEnrolled };
}

/**
 * People enrolled more than once in one activity: enrolment here never does it, but two computers
 * enrolling the same trainee offline both send their record. Shown, so that someone removes one.
 */
export function enrolledTwice(participations: readonly Pick<Participation, 'personId'>[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { personId } of participations) (seen.has(personId) ? twice : seen).add(personId);
  return twice;
}

export interface EnrolmentResult {
  enrolled: Participation[];
  /** Chosen people who already take part: not enrolled again. */
  alreadyEnrolled: string[];
  /** People whose participation the write path refused, with its reasons. */
  refused: { personId: string; issues: FieldIssue[] }[];
}

/** Enrols people in an activity with a role, status "enrolled"; never a second time. */
export async function enrolPeople(
  activityId: string,
  personIds: readonly string[],
  role: PersonRole,
  store: Pick<Store, 'db' | 'repository'> = getStore(),
): Promise<EnrolmentResult> {
  const existing = await tableOf(store.db, 'participation').where('activityId').equals(activityId).toArray();
  const { toEnrol, alreadyEnrolled } = planEnrolment(personIds, existing);
  const result: EnrolmentResult = { enrolled: [], alreadyEnrolled, refused: [] };
  for (const personId of toEnrol) {
    const outcome = await store.repository.create('participation', { activityId, personId, role, status: 'enrolled' });
    if (outcome.ok) result.enrolled.push(outcome.record);
    else result.refused.push({ personId, issues: outcome.issues });
  }
  return result;
}

export type CreateAndEnrolOutcome = { ok: true; person: Person; participation: Participation } | { ok: false; issues: FieldIssue[] };

/**
 * Registers a new person and enrols them at once (a trainee who turns up on the day): both records or
 * neither. Each is validated in full first (the person's problems, then the participation's); then both
 * are written in one transaction (the repository's importBatch, with ids and times minted here), so a
 * refused participation never leaves a person behind that a second try would register again. The
 * person's roles include the participation's role. The signed-in person's countries hold as for `create`
 * (v.outOfScope: a Thai officer does not register a Vietnamese trainee).
 */
export async function createAndEnrol(
  activityId: string,
  draft: Draft<'person'>,
  role: PersonRole,
  store: Pick<Store, 'db' | 'repository'> = getStore(),
): Promise<CreateAndEnrolOutcome> {
  const roles = draft.roles.includes(role) ? draft.roles : [...draft.roles, role];
  const personDraft: Draft<'person'> = { ...draft, roles };
  const personIssues = store.repository.validateDraft('person', personDraft);
  if (personIssues.length > 0) return { ok: false, issues: personIssues };
  const at = new Date().toISOString();
  const person = { ...personDraft, entity: 'person' as const, id: newRecordId(), createdAt: at, updatedAt: at };
  const participationDraft: Draft<'participation'> = { activityId, personId: person.id, role, status: 'enrolled' };
  const participationIssues = store.repository.validateDraft('participation', participationDraft);
  if (participationIssues.length > 0) return { ok: false, issues: participationIssues };
  const participation = { ...participationDraft, entity: 'participation' as const, id: newRecordId(), createdAt: at, updatedAt: at };

  // One source for both: refused for the signed-in person's countries, neither is stored.
  const result = await store.repository.importBatch(
    [
      { source: 0, value: person },
      { source: 0, value: participation },
    ],
    { enforceScope: true },
  );
  if (result.rejected.length > 0) return { ok: false, issues: result.rejected.flatMap((rejection) => rejection.issues) };
  const [storedPerson, storedParticipation] = await Promise.all([tableOf(store.db, 'person').get(person.id), tableOf(store.db, 'participation').get(participation.id)]);
  if (!storedPerson || !storedParticipation) return { ok: false, issues: [{ path: '', message: 'v.notFound' }] };
  return { ok: true, person: storedPerson, participation: storedParticipation };
}
