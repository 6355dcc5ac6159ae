import type { Person } from '../domain/entities/person';
import type { Principal } from './rules';

/**
 * Who sees a person's personal data, beyond what the program's statistics need.
 *
 * A person's record holds two kinds of fields:
 * - what the program reports on (name, sex, country, nationality, organization, position, roles): every
 *   role that may see the record sees these, as statistics need them (people trained, by sex and country);
 * - personal data in the narrow sense (`personalDataFields`: e-mail, phone, birth year), which lets
 *   someone contact or identify a trainee beyond what the program needs to report.
 *
 * Data minimisation (the ASEAN member states' personal data protection laws: Singapore's and Malaysia's
 * PDPA, Thailand's PDPA, Indonesia's PDP law, Viet Nam's Decree 13, the Philippines' Data Privacy Act...;
 * China's PIPL on the Chinese side) says: only to those who need it for their task. So:
 * - field officers and national coordinators of the person's country see it: they enrol trainees,
 *   contact them and certify their completion;
 * - the Secretariat and administrators do not: their work (review, statistics, evaluation) needs the
 *   program fields only, and they are global, so seeing it would expose every country's trainees;
 * - a desk not enrolled (a single local desk, no signed-in person) sees everything it holds: it is the
 *   desk of whoever typed it in, and nobody else's data reaches it without an enrollment.
 *
 * The desk's screens and exports follow this rule (hidden, and never overwritten by a form that did not
 * show it); records keep these fields whoever looks at them, so that sync never loses them.
 */
export const personalDataFields = ['email', 'phone', 'birthYear'] as const satisfies readonly (keyof Person)[];
export type PersonalDataField = (typeof personalDataFields)[number];

/** Whether this role ever works with people's personal data (of its own countries). */
export function mayHandlePersonalData(principal: Pick<Principal, 'role'> | undefined): boolean {
  if (!principal) return true;
  return principal.role === 'field-officer' || principal.role === 'national-coordinator';
}

/** Whether the principal (undefined: a desk not enrolled) may see this person's personal data. */
export function canSeePersonalData(principal: Principal | undefined, person: Pick<Person, 'country'>): boolean {
  if (!principal) return true;
  if (!mayHandlePersonalData(principal)) return false;
  return (principal.countries as readonly string[]).includes(person.country);
}

/** The person as the principal may see it: personal data fields removed when not allowed. */
export function visiblePerson<P extends Pick<Person, 'country'>>(principal: Principal | undefined, person: P): P {
  if (canSeePersonalData(principal, person)) return person;
  const copy = { ...person } as Record<string, unknown>;
  for (const field of personalDataFields) delete copy[field];
  return copy as P;
}
