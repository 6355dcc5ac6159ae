import 'fake-indexeddb/auto';
import type { Activity } from '@shared/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { readActivityDetail } from './activityDetail';
import type { Draft } from './repository';
import { getStore } from './store';
import { matchOptions, readMatchDetail, readNeedDetail, readOfferDetail, readTechnologyLists } from './technology';

async function create<E extends Parameters<ReturnType<typeof getStore>['repository']['create']>[0]>(entity: E, draft: Draft<E>): Promise<string> {
  const outcome = await getStore().repository.create(entity, draft);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.record.id;
}

const activity = (title: string, details: Draft<'activity'>['details'], plannedStart = '2024-03-01'): Draft<'activity'> => ({
  title: { en: title },
  details,
  status: 'implementation',
  countries: ['LA'],
  priorityAreas: ['tech/agriculture/agro-processing'],
  plannedStart,
});

let ids: Record<string, string>;
beforeEach(async () => {
  const { db } = getStore();
  await Promise.all(db.tables.map((table) => table.clear()));
  const provider = await create('organization', { name: { en: 'Yunnan Academy of Agricultural Sciences' }, acronym: 'YAAS', type: 'public-research-institute', country: 'CN' });
  const seeker = await create('organization', { name: { en: 'National University of Laos', lo: 'ມະຫາວິທະຍາໄລແຫ່ງຊາດ' }, type: 'university', country: 'LA' });
  const broker = await create('person', { nameRomanized: 'Li Wei', nameNative: '李伟', sex: 'male', country: 'CN', roles: ['staff'] });
  const offer = await create('technologyOffer', { title: { en: 'Solar rice dryer', zh: '太阳能稻谷干燥机' }, providerOrganizationId: provider, country: 'CN', priorityAreas: ['tech/agriculture/agro-processing'], readinessLevel: 8, postedOn: '2024-01-10' });
  const lonely = await create('technologyOffer', { title: { en: 'Drip irrigation kit' }, providerOrganizationId: provider, country: 'CN', priorityAreas: ['tech/water/conservation'], readinessLevel: 9, postedOn: '2024-02-10' });
  const need = await create('technologyNeed', { title: { en: 'Drying paddy after harvest' }, seekerOrganizationId: seeker, country: 'LA', priorityAreas: ['tech/agriculture/agro-processing'], postedOn: '2024-01-20' });
  const match = await create('technologyMatch', { offerId: offer, needId: need, status: 'contacted', statusDate: '2024-02-01', brokerPersonId: broker });
  const followUp = await create('activity', activity('Pilot solar dryers in Vientiane', { kind: 'technology-transfer-match', matchId: match, sector: 'Agro-processing' }));
  const center = await create('activity', activity('Vientiane agricultural training center', { kind: 'training-center', hostOrganizationId: seeker, trainingFields: [] }, '2022-01-01'));
  const course = await create('activity', activity('Post-harvest course', { kind: 'training-course', trainingCenterId: center, deliveryMode: 'in-person' }, '2024-05-01'));
  await create('activity', activity('Another center’s course', { kind: 'training-course', deliveryMode: 'online' }));
  ids = { provider, seeker, broker, offer, lonely, need, match, followUp, center, course };
});

const kindFieldsOf = (a: Activity) =>
  ({
    'training-center': [{ name: 'hostOrganizationId', type: 'organization' }],
    'training-course': [{ name: 'trainingCenterId', type: 'activity' }],
    'technology-transfer-match': [{ name: 'matchId', type: 'technologyMatch' }],
  })[a.details.kind as string] ?? [];

describe('technology reads', () => {
  it('lists offers, needs and matches with the names they show and how often each side is matched', async () => {
    const { offers, needs, matches } = await readTechnologyLists();
    expect(offers.map((row) => [row.offer.id, row.provider?.acronym, row.matchCount])).toEqual(
      expect.arrayContaining([
        [ids.offer, 'YAAS', 1],
        [ids.lonely, 'YAAS', 0],
      ]),
    );
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({ matchCount: 1, seeker: { id: ids.seeker } });
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ offer: { id: ids.offer }, need: { id: ids.need }, broker: { nameNative: '李伟' } });
    // Searchable by the other side's organization, in its own script.
    expect(matches[0]!.search.other).toContain('ມະຫາວິທະຍາໄລ');
  });

  it('shows an offer with its matches and the need of each, and a need with the offer of each', async () => {
    const offer = await readOfferDetail(ids.offer!);
    expect(offer?.matches.map((side) => [side.match.status, side.other?.id, side.organization?.id])).toEqual([['contacted', ids.need, ids.seeker]]);
    expect((await readOfferDetail(ids.lonely!))?.matches).toEqual([]);
    const need = await readNeedDetail(ids.need!);
    expect(need?.matches.map((side) => [side.other?.id, side.organization?.id])).toEqual([[ids.offer, ids.provider]]);
    expect(await readOfferDetail('0194a3b0-0000-7000-8000-00000000dead')).toBeUndefined();
  });

  it('shows a match with both sides, its broker and the activities that follow it up', async () => {
    const detail = await readMatchDetail(ids.match!);
    expect(detail).toMatchObject({ offer: { id: ids.offer }, need: { id: ids.need }, provider: { id: ids.provider }, seeker: { id: ids.seeker }, broker: { id: ids.broker } });
    expect(detail?.activities.map((a) => a.id)).toEqual([ids.followUp]);
    expect(await matchOptions('zh', '?')).toEqual([expect.objectContaining({ id: ids.match, label: '太阳能稻谷干燥机 → Drying paddy after harvest' })]);
  });
});

describe('the activity detail read', () => {
  it('a training center lists its own courses, not other centers’', async () => {
    const detail = await readActivityDetail(ids.center!, kindFieldsOf, 'en', '?');
    expect(detail?.courses.map((a) => a.id)).toEqual([ids.course]);
    expect(detail?.references[ids.seeker!]).toEqual({ name: 'National University of Laos', path: `/organizations/${ids.seeker}`, found: true });
  });

  it('a course names its center, and a technology-transfer activity links to its match with both sides', async () => {
    const course = await readActivityDetail(ids.course!, kindFieldsOf, 'en', '?');
    expect(course?.references[ids.center!]).toMatchObject({ name: 'Vientiane agricultural training center', path: `/activities/${ids.center}` });
    const followUp = await readActivityDetail(ids.followUp!, kindFieldsOf, 'en', '?');
    expect(followUp?.references[ids.match!]).toEqual({ name: 'Solar rice dryer → Drying paddy after harvest', path: `/technology/matches/${ids.match}`, found: true });
    expect(followUp?.match).toMatchObject({ match: { status: 'contacted' }, offer: { id: ids.offer }, need: { id: ids.need } });
  });

  it('says a named record is not on this computer rather than hiding the link', async () => {
    const missing = '0194a3b0-0000-7000-8000-00000000beef';
    const id = await create('activity', activity('Orphan course', { kind: 'training-course', trainingCenterId: missing, deliveryMode: 'online' }));
    expect((await readActivityDetail(id, kindFieldsOf, 'en', '?'))?.references[missing]).toMatchObject({ found: false });
  });
});
