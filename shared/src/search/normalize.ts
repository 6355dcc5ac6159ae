/**
 * Search that works for every script the program writes in. Thai, Lao, Khmer, Burmese and Chinese put
 * no spaces between words, so matching is by substring on a normalized form, never by word tokens.
 * Normalizing folds case, width (full-width Latin, half-width kana) and Latin diacritics, so that
 * "ha noi" finds "Hà Nội"; marks of other scripts are kept, because there they are letters.
 */
const latinCombiningMarks = /[\u0300-\u036f]/g;

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(latinCombiningMarks, '')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFC')
    .toLowerCase();
}

/** Splits a query into normalized terms; a record matches when it contains every term. */
export function searchTerms(query: string): string[] {
  return normalizeForSearch(query)
    .split(/\s+/u)
    .filter((term) => term.length > 0);
}

export function matchesAllTerms(normalizedText: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!normalizedText.includes(term)) return false;
  return true;
}

/** Joins the searchable parts of a record into one normalized haystack. */
export function searchableText(parts: readonly (string | undefined)[]): string {
  return normalizeForSearch(parts.filter(Boolean).join('\u0001'));
}
