import { normalizeForSearch } from '../search/normalize';

/**
 * How a row of a spreadsheet is recognised as a record already on this computer (or as an earlier row
 * of the same file), so that importing a file twice adds nothing the second time:
 * - an organization by its country and its name (in any of its languages) or its acronym;
 * - a person by e-mail when the row has one, else by country, name and year of birth; the name is the
 *   romanized one, or the native-script one when that is all there is;
 * - a participation by activity and person (nobody is enrolled twice in one activity).
 * Names are compared normalized: case, width, Latin diacritics, punctuation and spacing do not count.
 */
export function normalizeKeyText(text: string): string {
  return normalizeForSearch(text)
    .replace(/[\p{P}\p{S}]+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

export interface OrganizationKeyFields {
  country: string;
  name: Partial<Record<string, string | undefined>>;
  acronym?: string;
}

export interface PersonKeyFields {
  country: string;
  nameNative?: string;
  nameRomanized?: string;
  birthYear?: number;
  email?: string;
}

export function organizationKeys(organization: OrganizationKeyFields): string[] {
  const keys = new Set<string>();
  for (const name of Object.values(organization.name)) {
    const normalized = name ? normalizeKeyText(name) : '';
    if (normalized) keys.add(`${organization.country}|name|${normalized}`);
  }
  const acronym = organization.acronym ? normalizeKeyText(organization.acronym) : '';
  if (acronym) keys.add(`${organization.country}|acronym|${acronym}`);
  return [...keys];
}

export const emailKey = (email: string) => `email|${email.trim().toLowerCase()}`;

/** The name keys of a person, the romanized one first. */
export function personNameKeys(person: PersonKeyFields): string[] {
  const keys: string[] = [];
  for (const [script, name] of [
    ['romanized', person.nameRomanized],
    ['native', person.nameNative],
  ] as const) {
    const normalized = name ? normalizeKeyText(name) : '';
    if (normalized) keys.push(`${person.country}|${script}|${normalized}|${person.birthYear ?? ''}`);
  }
  return keys;
}

export const participationKey = (activityId: string, personId: string) => `${activityId}|${personId}`;

/**
 * Records (or earlier rows) by their natural keys. `find*` answers the id a row stands for; `add*` makes
 * a record known (an import adds what it stores, so a later row finds it).
 */
export class NaturalKeyIndex {
  private readonly organizations = new Map<string, string>();
  private readonly emails = new Map<string, string>();
  private readonly names = new Map<string, { id: string; email?: string }[]>();
  private readonly participations = new Set<string>();

  addOrganization(id: string, organization: OrganizationKeyFields): void {
    for (const key of organizationKeys(organization)) if (!this.organizations.has(key)) this.organizations.set(key, id);
  }

  findOrganization(organization: OrganizationKeyFields): string | undefined {
    for (const key of organizationKeys(organization)) {
      const id = this.organizations.get(key);
      if (id) return id;
    }
    return undefined;
  }

  addPerson(id: string, person: PersonKeyFields): void {
    const email = person.email?.trim().toLowerCase() || undefined;
    if (email && !this.emails.has(emailKey(email))) this.emails.set(emailKey(email), id);
    for (const key of personNameKeys(person)) {
      const list = this.names.get(key) ?? [];
      list.push({ id, email });
      this.names.set(key, list);
    }
  }

  /**
   * With an e-mail: the person of that e-mail, or else one of the same name who has no e-mail on record
   * (two people of one name with different e-mails are two people). Without: the first of the same name.
   */
  findPerson(person: PersonKeyFields): string | undefined {
    const email = person.email?.trim().toLowerCase() || undefined;
    if (email) {
      const byEmail = this.emails.get(emailKey(email));
      if (byEmail) return byEmail;
    }
    for (const key of personNameKeys(person)) {
      const candidates = this.names.get(key) ?? [];
      const found = email ? candidates.find((c) => c.email === undefined) : candidates[0];
      if (found) return found.id;
    }
    return undefined;
  }

  addParticipation(activityId: string, personId: string): void {
    this.participations.add(participationKey(activityId, personId));
  }

  isEnrolled(activityId: string, personId: string): boolean {
    return this.participations.has(participationKey(activityId, personId));
  }
}
