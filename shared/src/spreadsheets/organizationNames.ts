import { normalizeKeyText } from './naturalKeys';

export interface NamedOrganization {
  id: string;
  country: string;
  name: Partial<Record<string, string | undefined>>;
  acronym?: string;
}

export type OrganizationReference = { id: string } | { problem: 'v.organizationNotFound' | 'v.organizationAmbiguous' };

/**
 * Finds the organization a person's "Organization" cell names: its record id, any of its names, or its
 * acronym (normalized). Several matches are narrowed to the person's country; still several is ambiguous.
 */
export class OrganizationNames {
  private readonly byText = new Map<string, NamedOrganization[]>();
  private readonly byId = new Map<string, NamedOrganization>();

  constructor(organizations: Iterable<NamedOrganization> = []) {
    for (const organization of organizations) this.add(organization);
  }

  add(organization: NamedOrganization): void {
    this.byId.set(organization.id, organization);
    const texts = new Set([...Object.values(organization.name), organization.acronym].map((text) => (text ? normalizeKeyText(text) : '')).filter(Boolean));
    for (const text of texts) {
      const list = this.byText.get(text) ?? [];
      list.push(organization);
      this.byText.set(text, list);
    }
  }

  resolve(text: string, country: string | undefined): OrganizationReference {
    const exact = this.byId.get(text.trim());
    if (exact) return { id: exact.id };
    const candidates = this.byText.get(normalizeKeyText(text)) ?? [];
    const inCountry = candidates.filter((o) => o.country === country);
    const pick = inCountry.length > 0 ? inCountry : candidates;
    if (pick.length === 1) return { id: (pick[0] as NamedOrganization).id };
    return { problem: pick.length === 0 ? 'v.organizationNotFound' : 'v.organizationAmbiguous' };
  }
}
