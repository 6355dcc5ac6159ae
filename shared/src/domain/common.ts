import { z } from 'zod';

/**
 * Validation messages are i18n keys (prefix `v.`), never prose: the renderer translates them, so a
 * message written here reads correctly in every UI language.
 */
export const uiLanguages = ['en', 'zh'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** Languages that program content (titles, descriptions, names) may be written in. */
export const contentLanguages = ['en', 'zh', 'id', 'ms', 'th', 'vi', 'km', 'lo', 'my', 'fil', 'tet', 'pt'] as const;
export const contentLanguageSchema = z.enum(contentLanguages);
export type ContentLanguage = z.infer<typeof contentLanguageSchema>;

/** Every reference label ships in at least the two first UI languages. */
export interface Labels {
  en: string;
  zh: string;
}

/** Text written in one or more languages; at least one non-empty. */
export const localizedTextSchema = z
  .partialRecord(contentLanguageSchema, z.string().trim().max(4000, { error: 'v.tooLong' }), {
    // A missing text is "required", like every other required field, not zod's "expected record".
    error: (issue) => (issue.input === undefined ? 'v.required' : undefined),
  })
  .refine((text) => Object.values(text).some((value) => value !== undefined && value.length > 0), {
    error: 'v.required',
  });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const optionalLocalizedTextSchema = z.partialRecord(
  contentLanguageSchema,
  z.string().trim().max(20000, { error: 'v.tooLong' }),
);

/** A calendar date, YYYY-MM-DD (the day is what matters in the field, not the instant). */
export const isoDateSchema = z.iso.date({ error: 'v.date' });
export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'v.dateTime' });

/** ISO 4217 alphabetic code. */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, { error: 'v.currency' });

export const moneySchema = z.object({
  amount: z.number({ error: 'v.number' }).finite().nonnegative({ error: 'v.nonNegative' }),
  currency: currencyCodeSchema,
});
export type Money = z.infer<typeof moneySchema>;

export const emailSchema = z.email({ error: 'v.email' });
export const urlSchema = z.url({ protocol: /^https?$/, error: 'v.url' });

/** Picks the best available text for a reader: their language, then English, then anything. */
export function pickText(text: Partial<Record<ContentLanguage, string>> | undefined, language: string): string {
  if (!text) return '';
  const preferred = text[language as ContentLanguage];
  if (preferred) return preferred;
  if (text.en) return text.en;
  for (const value of Object.values(text)) if (value) return value;
  return '';
}

/**
 * Options for a record's cross-field refinements (end before start, a name in one of two fields, ...):
 * run them even when other fields already have problems, so that a form or an import shows every
 * problem at once instead of revealing them one round at a time. Never on a value that is not an object.
 */
export const checkAlongsideFieldErrors = {
  when: (payload: { value: unknown }): boolean => typeof payload.value === 'object' && payload.value !== null,
} as const;

/** Checks that an optional end date is not before an optional start date. */
export function datesInOrder(start: string | undefined, end: string | undefined): boolean {
  return !start || !end || start <= end;
}
