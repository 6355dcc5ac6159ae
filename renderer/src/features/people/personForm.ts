import { countries, type ContentLanguage, type Person, type PersonRole } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined as blank } from '../../ui/formValues';

/** The person form's values, as typed (strings: an empty input is "not given"). */
export interface PersonFormValues {
  nameNative: string;
  nameNativeLanguage: ContentLanguage | '';
  nameRomanized: string;
  sex: string;
  birthYear: string;
  country: string;
  nationality: string;
  organizationId: string;
  position: string;
  roles: PersonRole[];
  email: string;
  phone: string;
  /**
   * Whether the form shows (and so saves) the person's personal data (e-mail, phone, birth year): decided
   * from the signed-in person's role when the form opens (shared/src/access/personalData.ts). A form that
   * did not show them keeps the stored values on save, never blanks them.
   */
  personalShown: boolean;
}

export const emptyPersonForm = (personalShown: boolean, roles: PersonRole[] = []): PersonFormValues => ({
  nameNative: '',
  nameNativeLanguage: '',
  nameRomanized: '',
  sex: '',
  birthYear: '',
  country: '',
  nationality: '',
  organizationId: '',
  position: '',
  roles,
  email: '',
  phone: '',
  personalShown,
});

export function personToForm(person: Person, personalShown: boolean): PersonFormValues {
  return {
    nameNative: person.nameNative ?? '',
    nameNativeLanguage: person.nameNativeLanguage ?? '',
    nameRomanized: person.nameRomanized ?? '',
    sex: person.sex,
    birthYear: personalShown && person.birthYear !== undefined ? String(person.birthYear) : '',
    country: person.country,
    nationality: person.nationality ?? '',
    organizationId: person.organizationId ?? '',
    position: person.position ?? '',
    roles: [...person.roles],
    email: personalShown ? (person.email ?? '') : '',
    phone: personalShown ? (person.phone ?? '') : '',
    personalShown,
  };
}

const yearOf = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value.trim()));

/** The draft to save; personal data the form did not show comes from the stored record (`original`). */
export function toPersonDraft(values: PersonFormValues, original?: Person): Draft<'person'> {
  const nameNative = blank(values.nameNative);
  return {
    nameNative,
    // A language only says something about a name written in it.
    nameNativeLanguage: nameNative && values.nameNativeLanguage ? values.nameNativeLanguage : undefined,
    nameRomanized: blank(values.nameRomanized),
    sex: values.sex as Person['sex'],
    country: values.country as Person['country'],
    nationality: (blank(values.nationality) as Person['nationality']) ?? undefined,
    organizationId: blank(values.organizationId),
    position: blank(values.position),
    roles: values.roles,
    ...(values.personalShown
      ? { birthYear: yearOf(values.birthYear), email: blank(values.email), phone: blank(values.phone) }
      : { birthYear: original?.birthYear, email: original?.email, phone: original?.phone }),
  };
}

/** The language names of a country's people are most often written in (Lao for Laos, Chinese for China). */
export function nativeLanguageOf(countryCode: string): ContentLanguage | '' {
  return countries.find((country) => country.code === countryCode)?.languages[0] ?? '';
}
