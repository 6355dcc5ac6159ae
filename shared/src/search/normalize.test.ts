import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isEmptyQuery, matchesAllTerms, matchesSplitQuery, normalizeForSearch, searchTerms, searchableText, splitQuery, splitSearchText } from './normalize';

const find = (haystack: string, query: string) => matchesAllTerms(searchableText([haystack]), searchTerms(query));

describe('search normalization', () => {
  it('folds Vietnamese diacritics and đ so a romanized query matches', () => {
    expect(find('Trung tâm đào tạo Hà Nội', 'dao tao ha noi')).toBe(true);
    expect(normalizeForSearch('Đà Nẵng')).toBe('da nang');
  });

  it('finds Thai, Lao and Khmer words inside text that has no spaces between words', () => {
    expect(find('โครงการวิจัยร่วมด้านการเกษตร', 'เกษตร')).toBe(true);
    expect(find('ສູນຝຶກອົບຮົມເຕັກໂນໂລຊີ', 'ຝຶກອົບຮົມ')).toBe(true);
    expect(find('មជ្ឈមណ្ឌលបណ្តុះបណ្តាល', 'បណ្តុះ')).toBe(true);
    expect(find('โครงการวิจัยร่วมด้านการเกษตร', 'ประมง')).toBe(false);
  });

  it('finds Chinese substrings and folds full-width Latin', () => {
    expect(find('中国—东盟联合实验室', '联合实验室')).toBe(true);
    expect(find('ＡＢＣ Lab', 'abc')).toBe(true);
  });

  it('requires every term of a multi-word query, in any order', () => {
    expect(find('Rice breeding training course, Vientiane', 'vientiane rice')).toBe(true);
    expect(find('Rice breeding training course, Vientiane', 'vientiane cassava')).toBe(false);
  });

  it('keeps the marks that are letters in Thai (a different vowel is a different word)', () => {
    expect(normalizeForSearch('กิน')).not.toBe(normalizeForSearch('กน'));
  });
});

const isLatin1 = (text: string) => [...text].every((c) => c.charCodeAt(0) < 0x100);

describe('search split by script', () => {
  const find = (parts: string[], query: string) => matchesSplitQuery(splitSearchText(parts), splitQuery(query));

  it('keeps Latin runs and other-script runs apart, so each query scans only its own script', () => {
    const text = splitSearchText(['Rice breeding lab', '水稻育种联合实验室', 'ASEAN 东盟 forum']);
    expect(isLatin1(text.latin)).toBe(true);
    expect(text.other).not.toMatch(/[a-z]/);
    expect(text.latin).toContain('rice breeding lab');
    expect(text.other).toContain('水稻育种联合实验室');
  });

  it('finds single-script terms exactly as the plain search does', () => {
    expect(find(['Trung tâm đào tạo Hà Nội', 'หลักสูตรการเกษตร'], 'dao tao เกษตร')).toBe(true);
    expect(find(['Trung tâm đào tạo Hà Nội', 'หลักสูตรการเกษตร'], 'dao ประมง')).toBe(false);
    expect(find(['Rice lab'], 'rice lab')).toBe(true);
    expect(find(['Rice lab'], 'rice-lab')).toBe(false);
  });

  it('matches a term mixing scripts by each of its runs', () => {
    expect(find(['第2届中国—东盟技术转移论坛'], '2届中')).toBe(true);
    expect(find(['第3届中国—东盟技术转移论坛'], '2届中')).toBe(false);
  });

  it('is a superset of nothing: an empty query matches everything, a blank one too', () => {
    expect(isEmptyQuery(splitQuery('   '))).toBe(true);
    expect(find(['anything'], '')).toBe(true);
  });
});

describe('split search agrees with plain search (property)', () => {
  it('finds what the plain search finds for single-script terms', () => {
    const alphabet = ['a', 'b', 'ệ', 'đ', ' ', '水', '稻', 'ก', 'ข', '1', '-'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, text, (haystack, needle) => {
        const terms = searchTerms(needle);
        const singleScript = terms.every((term) => isLatin1(term) || [...term].every((c) => !isLatin1(c)));
        fc.pre(singleScript);
        expect(matchesSplitQuery(splitSearchText([haystack]), splitQuery(needle))).toBe(matchesAllTerms(searchableText([haystack]), terms));
      }),
      { numRuns: 500 },
    );
  });
});
