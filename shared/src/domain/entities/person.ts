import { z } from 'zod';
import { contentLanguageSchema, emailSchema, checkAlongsideFieldErrors } from '../common';
import { countryCodeSchema } from '../taxonomy/countries';
import { personRoleSchema, sexSchema } from '../taxonomy/roles';
import { optionalText, recordBase, recordIdSchema } from './base';

export const personSchema = z
  .object({
    ...recordBase('person'),
    /** The name as its owner writes it (ສົມພອນ ວົງສະຫວັນ, 王芳, ...). */
    nameNative: optionalText(200),
    nameNativeLanguage: contentLanguageSchema.optional(),
    /** The same name in Latin letters, for colleagues who cannot read the native script. */
    nameRomanized: optionalText(200),
    /** Recorded for the program's sex-disaggregated statistics. */
    sex: sexSchema,
    birthYear: z.number().int().min(1900, { error: 'v.birthYear' }).max(2100, { error: 'v.birthYear' }).optional(),
    /** Country the person lives and works in; decides who may see the record. */
    country: countryCodeSchema,
    nationality: countryCodeSchema.optional(),
    organizationId: recordIdSchema.optional(),
    position: optionalText(200),
    roles: z.array(personRoleSchema).min(1, { error: 'v.atLeastOne' }),
    email: emailSchema.optional(),
    phone: optionalText(40),
  })
  .refine((person) => Boolean(person.nameNative || person.nameRomanized), {
    error: 'v.personName',
    path: ['nameRomanized'],
    ...checkAlongsideFieldErrors,
  });
export type Person = z.infer<typeof personSchema>;
