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

const partSeparator = '\u0001';

/** Joins the searchable parts of a record into one normalized haystack. */
export function searchableText(parts: readonly (string | undefined)[]): string {
  return normalizeForSearch(parts.filter(Boolean).join(partSeparator));
}

/**
 * A haystack split by script, for lists of 100,000 records. Once normalized, Latin-script text
 * (English, Vietnamese, Bahasa, Filipino, Tetum) is Latin-1, which JavaScript engines store one byte per
 * character; any other script makes a whole string two bytes per character. Keeping the Latin-1 runs
 * and the other runs apart, a query scans only the runs of its own script: a fraction of the bytes.
 */
export interface SplitSearchText {
  latin: string;
  other: string;
}

export interface SplitQuery {
  latin: string[];
  other: string[];
}

const isLatin1 = (code: number) => code < 0x100;

function runsByScript(text: string): SplitSearchText {
  const latin: string[] = [];
  const other: string[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i += 1) {
    if (i < text.length && isLatin1(text.charCodeAt(i)) === isLatin1(text.charCodeAt(start))) continue;
    (isLatin1(text.charCodeAt(start)) ? latin : other).push(text.slice(start, i));
    start = i;
  }
  return { latin: latin.join(partSeparator), other: other.join(partSeparator) };
}

export function splitSearchText(parts: readonly (string | undefined)[]): SplitSearchText {
  return runsByScript(searchableText(parts));
}

/**
 * Compiles a query for split haystacks. A term in one script is found exactly; a term that mixes scripts
 * ("2届中") matches records that contain each of its script runs.
 */
export function splitQuery(query: string): SplitQuery {
  const compiled: SplitQuery = { latin: [], other: [] };
  for (const term of searchTerms(query)) {
    const runs = runsByScript(term);
    compiled.latin.push(...runs.latin.split(partSeparator).filter(Boolean));
    compiled.other.push(...runs.other.split(partSeparator).filter(Boolean));
  }
  return compiled;
}

export function isEmptyQuery(query: SplitQuery): boolean {
  return query.latin.length === 0 && query.other.length === 0;
}

export function matchesSplitQuery(text: SplitSearchText, query: SplitQuery): boolean {
  return matchesAllTerms(text.latin, query.latin) && matchesAllTerms(text.other, query.other);
}
