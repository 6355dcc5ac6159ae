import { splitSearchText } from '@shared/search/normalize';
import type { TechnologyMatch, TechnologyNeed, TechnologyOffer } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import type { MatchRow, NeedRow, OfferRow } from '../../db/technology';
import { emptyTechnologyFilter, filterMatches, filterNeeds, filterOffers, matchCountries, technologyFilterFromSearch, technologySearchFromFilter } from './technologyFilter';

const offer = (id: string, title: string, country: string, areas: string[], postedOn: string) =>
  ({ entity: 'technologyOffer', id, title: { en: title }, description: {}, country, priorityAreas: areas, postedOn, readinessLevel: 7, providerOrganizationId: 'p' }) as unknown as TechnologyOffer;
const need = (id: string, title: string, country: string, areas: string[], postedOn: string) =>
  ({ entity: 'technologyNeed', id, title: { en: title }, description: {}, country, priorityAreas: areas, postedOn, seekerOrganizationId: 's' }) as unknown as TechnologyNeed;

const solar = offer('o1', 'Solar dryer', 'CN', ['tech/agriculture/agro-processing'], '2024-01-01');
const drip = offer('o2', 'Drip irrigation', 'CN', ['tech/water/conservation'], '2024-05-01');
const laoDryer = need('n1', 'Rice drying', 'LA', ['tech/agriculture/agro-processing'], '2024-02-01');
const thaiWater = need('n2', 'ระบบน้ำ water saving', 'TH', ['tech/water/conservation'], '2024-03-01');

const offerRows: OfferRow[] = [solar, drip].map((o) => ({ offer: o, provider: undefined, matchCount: 0, search: splitSearchText(Object.values(o.title)) }));
const needRows: NeedRow[] = [laoDryer, thaiWater].map((n) => ({ need: n, seeker: undefined, matchCount: 0, search: splitSearchText(Object.values(n.title)) }));
const matchRow = (id: string, o: TechnologyOffer, n: TechnologyNeed, status: TechnologyMatch['status'], statusDate: string): MatchRow => ({
  match: { entity: 'technologyMatch', id, offerId: o.id, needId: n.id, status, statusDate } as TechnologyMatch,
  offer: o,
  need: n,
  provider: undefined,
  seeker: undefined,
  broker: undefined,
  search: splitSearchText([...Object.values(o.title), ...Object.values(n.title)]),
});
const matchRows = [matchRow('m1', solar, laoDryer, 'negotiating', '2024-04-01'), matchRow('m2', drip, thaiWater, 'agreed', '2024-06-01')];

const f = (patch: Partial<typeof emptyTechnologyFilter>) => ({ ...emptyTechnologyFilter, ...patch });

describe('technology list filters', () => {
  it('offers: by country, priority area (with sub-fields) and text; newest first', () => {
    expect(filterOffers(offerRows, f({}), 'en').map((r) => r.offer.id)).toEqual(['o2', 'o1']);
    expect(filterOffers(offerRows, f({ area: 'tech/agriculture' }), 'en').map((r) => r.offer.id)).toEqual(['o1']);
    expect(filterOffers(offerRows, f({ country: 'LA' }), 'en')).toEqual([]);
    expect(filterOffers(offerRows, f({ text: 'DRIP' }), 'en').map((r) => r.offer.id)).toEqual(['o2']);
  });

  it('needs: by country and by text in a script without spaces', () => {
    expect(filterNeeds(needRows, f({ country: 'LA' }), 'en').map((r) => r.need.id)).toEqual(['n1']);
    expect(filterNeeds(needRows, f({ text: 'น้ำ' }), 'en').map((r) => r.need.id)).toEqual(['n2']);
  });

  it('matches: in a country or area when either side is, and by status; latest step first', () => {
    expect(filterMatches(matchRows, f({}), 'en').map((r) => r.match.id)).toEqual(['m2', 'm1']);
    expect(filterMatches(matchRows, f({ country: 'CN' }), 'en').map((r) => r.match.id)).toEqual(['m2', 'm1']);
    expect(filterMatches(matchRows, f({ country: 'LA' }), 'en').map((r) => r.match.id)).toEqual(['m1']);
    expect(filterMatches(matchRows, f({ status: 'agreed' }), 'en').map((r) => r.match.id)).toEqual(['m2']);
    expect(filterMatches(matchRows, f({ area: 'tech/water', status: 'negotiating' }), 'en')).toEqual([]);
    expect(matchCountries(matchRows[0]!)).toEqual(['CN', 'LA']);
  });
});

describe('technology list filters in the URL', () => {
  it('round-trips a filter and leaves out unknown codes', () => {
    const filter = f({ text: 'rice ', country: 'LA', area: 'tech/agriculture', status: 'negotiating' });
    expect(technologyFilterFromSearch(technologySearchFromFilter(filter))).toEqual(filter);
    expect(technologyFilterFromSearch(new URLSearchParams('status=signed&country=FR&area=x'))).toEqual(emptyTechnologyFilter);
    expect(technologySearchFromFilter(emptyTechnologyFilter).toString()).toBe('');
  });
});
