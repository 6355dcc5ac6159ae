import type { ContentLanguage } from '@shared/domain';

/** An empty or blank input means "not given": the schemas see no value rather than an empty string. */
export const blankToUndefined = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** Keeps the non-blank texts in the languages the form edits. */
export function compactLocalizedText(text: Partial<Record<ContentLanguage, string>>, languages: readonly ContentLanguage[]): Partial<Record<ContentLanguage, string>> {
  const out: Partial<Record<ContentLanguage, string>> = {};
  for (const language of languages) {
    const value = blankToUndefined(text[language]);
    if (value) out[language] = value;
  }
  return out;
}

/** The languages a multilingual text field edits: English, Chinese, and one local language if chosen. */
export function editedLanguages(localLanguage: ContentLanguage | ''): ContentLanguage[] {
  return localLanguage ? ['en', 'zh', localLanguage] : ['en', 'zh'];
}

/** The local language a record's text is already written in, if any (besides English and Chinese). */
export function localLanguageOf(text: Partial<Record<ContentLanguage, string>>): ContentLanguage | '' {
  return (Object.keys(text).find((language) => language !== 'en' && language !== 'zh') as ContentLanguage | undefined) ?? '';
}
