import { describe, expect, it } from 'vitest';
import { matchesAllTerms, normalizeForSearch, searchTerms, searchableText } from './normalize';

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
