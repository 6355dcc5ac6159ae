import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchCorpus } from './corpus';
import { matchesSplitQuery, splitQuery, splitSearchText } from './normalize';

describe('SearchCorpus', () => {
  const texts = [['Rice breeding course', 'หลักสูตรปรับปรุงพันธุ์ข้าว'], ['Water lab', '水处理联合实验室'], ['Rice mill'], [], ['riceberry']].map((parts) =>
    splitSearchText(parts),
  );
  const corpus = new SearchCorpus(texts);
  const hits = (query: string) => [...corpus.match(splitQuery(query))].flatMap((hit, i) => (hit ? [i] : []));

  it('finds every entry holding every term, in any script', () => {
    expect(hits('rice')).toEqual([0, 2, 4]);
    expect(hits('rice course')).toEqual([0]);
    expect(hits('水处理')).toEqual([1]);
    expect(hits('ข้าว rice')).toEqual([0]);
    expect(hits('')).toEqual([0, 1, 2, 3, 4]);
    expect(hits('zebra')).toEqual([]);
  });

  it('never matches across the boundary of two entries', () => {
    const pair = new SearchCorpus([splitSearchText(['abc']), splitSearchText(['def'])]);
    expect([...pair.match(splitQuery('cd'))]).toEqual([0, 0]);
    expect([...pair.match(splitQuery('c'))]).toEqual([1, 0]);
  });

  it('agrees with searching each entry on its own (property)', () => {
    const alphabet = ['a', 'b', 'c', ' ', '水', '稻', 'ก', '1'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), text, (entries, query) => {
        const split = entries.map((entry) => splitSearchText([entry]));
        const compiled = splitQuery(query);
        const expected = split.map((entry) => (matchesSplitQuery(entry, compiled) ? 1 : 0));
        expect([...new SearchCorpus(split).match(compiled)]).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
