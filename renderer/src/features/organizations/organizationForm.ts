import type { ContentLanguage, Organization } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined as blank, compactLocalizedText, editedLanguages, localLanguageOf } from '../../ui/formValues';

/** The organization form's values, as typed (see activityForm.ts for why strings). */
export interface OrganizationFormValues {
  name: Partial<Record<ContentLanguage, string>>;
  localLanguage: ContentLanguage | '';
  acronym: string;
  type: string;
  country: string;
  city: string;
  address: string;
  website: string;
  email: string;
  phone: string;
  parentId: string;
  iatiIdentifier: string;
}

export const emptyOrganizationForm = (): OrganizationFormValues => ({
  name: {},
  localLanguage: '',
  acronym: '',
  type: '',
  country: '',
  city: '',
  address: '',
  website: '',
  email: '',
  phone: '',
  parentId: '',
  iatiIdentifier: '',
});

export function organizationToForm(o: Organization): OrganizationFormValues {
  return {
    name: { ...o.name },
    localLanguage: localLanguageOf(o.name),
    acronym: o.acronym ?? '',
    type: o.type,
    country: o.country,
    city: o.city ?? '',
    address: o.address ?? '',
    website: o.website ?? '',
    email: o.email ?? '',
    phone: o.phone ?? '',
    parentId: o.parentId ?? '',
    iatiIdentifier: o.iatiIdentifier ?? '',
  };
}

/** The draft to save; a name in a language the form does not show (`original`) survives an edit. */
export function toOrganizationDraft(values: OrganizationFormValues, original?: Organization): Draft<'organization'> {
  const languages = [...new Set([...editedLanguages(values.localLanguage), ...(Object.keys(original?.name ?? {}) as ContentLanguage[])])];
  return {
    name: compactLocalizedText(values.name, languages),
    acronym: blank(values.acronym),
    type: values.type as Organization['type'],
    country: values.country as Organization['country'],
    city: blank(values.city),
    address: blank(values.address),
    website: blank(values.website),
    email: blank(values.email),
    phone: blank(values.phone),
    parentId: blank(values.parentId),
    iatiIdentifier: blank(values.iatiIdentifier),
  };
}
