import { describe, expect, it } from 'vitest';
import { contrastLocalized, fieldNameText, formatValue, formatValues, isLocalizedText, narrowToChanges, referencesIn, shortAuthor, shortDevice, type ValueContext } from './formatValue';

const words = { yes: 'Yes', no: 'No', empty: '—', metres: 'm' };
const en: ValueContext = { language: 'en', entity: 'activity', words };
const zh: ValueContext = { language: 'zh', entity: 'activity', words: { yes: '是', no: '否', empty: '—', metres: '米' } };
const as = (entity: ValueContext['entity'], context: ValueContext = en): ValueContext => ({ ...context, entity });

const orgId = '0194a3b0-0000-7000-8000-00000000a001';
const personId = '0194a3b0-0000-7000-8000-00000000b002';
const names: Record<string, string> = { [`organization:${orgId}`]: 'National University of Laos', [`person:${personId}`]: 'Li Wei · 李伟' };
const withNames = (context: ValueContext): ValueContext => ({ ...context, recordName: (entity, id) => names[`${entity}:${id}`] });

describe('formatValue', () => {
  it('shows nothing as a dash, booleans as words and numbers in the reader’s language', () => {
    expect(formatValue('plannedEnd', null, en)).toBe('—');
    expect(formatValue('plannedEnd', undefined, en)).toBe('—');
    expect(formatValue('iatiIdentifier', '', en)).toBe('—');
    expect(formatValue('_deleted', true, en)).toBe('Yes');
    expect(formatValue('_deleted', false, zh)).toBe('否');
    expect(formatValue('capacity', 12500, en)).toBe('12,500');
  });

  it('shows a text by language in the reader’s language, else English, else any', () => {
    const title = { en: 'Rice lab', zh: '水稻实验室', th: '' };
    expect(formatValue('title', title, en)).toBe('Rice lab');
    expect(formatValue('title', title, zh)).toBe('水稻实验室');
    expect(formatValue('title', { th: 'ห้องแล็บข้าว' }, zh)).toBe('ห้องแล็บข้าว');
    expect(formatValue('description', {}, en)).toBe('—');
  });

  it('tells texts by language apart by the languages that differ when the reader’s reads the same', () => {
    const before = { en: 'Rice lab', zh: '水稻实验室', th: 'ห้องแล็บ' };
    const after = { en: 'Rice lab', zh: '水稻实验室', th: 'ห้องแล็บข้าว' };
    expect(contrastLocalized([before, after], en)).toEqual(['Thai: ห้องแล็บ', 'Thai: ห้องแล็บข้าว']);
    expect(contrastLocalized([before, after], zh)).toEqual(['泰语: ห้องแล็บ', '泰语: ห้องแล็บข้าว']);
    // A language added on one side only: the other side says it had none.
    expect(contrastLocalized([{ en: 'A' }, { en: 'A', zh: '甲' }], en)).toEqual(['Chinese: —', 'Chinese: 甲']);
    // Readings that differ are shown as they are; values that are no texts are not contrasted.
    expect(formatValues('title', [{ en: 'A', zh: '甲' }, { en: 'B', zh: '甲' }], en)).toEqual(['A', 'B']);
    expect(formatValues('title', [{ en: 'A', zh: '甲' }, { en: 'B', zh: '甲' }], zh)).toEqual(['英语: A', '英语: B']);
    expect(contrastLocalized([undefined, { en: 'A' }], en)).toBeUndefined();
    expect(formatValues('status', ['closed', 'pipeline'], en)).toEqual(['Closed', 'Pipeline']);
  });

  it('shows country, priority area and status codes by their labels, lists joined', () => {
    expect(formatValue('countries', ['LA', 'CN'], en)).toBe('Lao PDR, China');
    expect(formatValue('countries', ['LA', 'CN'], zh)).toBe('老挝, 中国');
    expect(formatValue('countries', [], en)).toBe('—');
    expect(formatValue('priorityAreas', ['tech/agriculture/crop-breeding'], en)).not.toContain('tech/');
    expect(formatValue('status', 'implementation', en)).toBe('Implementation');
    // An unknown code is shown as it is, not dropped.
    expect(formatValue('countries', ['XX'], en)).toBe('XX');
  });

  it('reads a field name only in the kind of record it belongs to', () => {
    expect(formatValue('status', 'implementation', { ...en, entity: 'budget' })).toBe('implementation');
    expect(formatValue('status', 'committed', as('budget'))).toBe('Committed');
    expect(formatValue('status', 'negotiating', as('technologyMatch'))).toBe('Negotiating');
    expect(formatValue('status', 'negotiating', as('technologyMatch', zh))).toBe('洽谈中');
    expect(formatValue('status', 'did-not-complete', as('participation'))).toBe('Did not complete');
  });

  it('shows the codes of every kind of record by their labels', () => {
    expect(formatValue('sex', 'female', as('person', zh))).toBe('女');
    expect(formatValue('roles', ['trainee', 'expert'], as('person'))).toBe('Trainee, Expert');
    expect(formatValue('nameNativeLanguage', 'lo', as('person'))).toBe('Lao');
    expect(formatValue('role', 'implementing', as('participatingOrganization'))).toBe('Implementing');
    expect(formatValue('side', 'asean', as('participatingOrganization', zh))).toBe('东盟方');
    expect(formatValue('role', 'trainee', as('participation'))).toBe('Trainee');
    expect(formatValue('source', 'chinese-government', as('budget'))).toBe('Chinese government');
    expect(formatValue('budgetType', 'revised', as('budget'))).toBe('Revised');
    expect(formatValue('transactionType', 'incoming-funds', as('transaction'))).toBe('Incoming funds or contribution');
    expect(formatValue('form', 'in-kind', as('transaction'))).toBe('In kind');
    expect(formatValue('inKindCategory', 'equipment', as('transaction', zh))).toBe('设备');
    expect(formatValue('resultType', 'outcome', as('result'))).toBe('Outcome');
    expect(formatValue('measure', 'percentage', as('indicator'))).toBe('Percentage');
    expect(formatValue('disaggregations', ['sex', 'country'], as('indicator'))).toBe('Sex, Country');
    expect(formatValue('intellectualProperty', 'patent-pending', as('technologyOffer'))).toBe('Patent pending');
    expect(formatValue('action', 'approve', as('approval'))).toBe('Approved');
    expect(formatValue('actorRole', 'national-coordinator', as('approval'))).toBe('National coordinator');
    expect(formatValue('type', 'university', as('organization'))).toBe('University or academic institution');
  });

  it('shows years as years, sizes as sizes and readiness levels as numbers', () => {
    expect(formatValue('birthYear', 1985, as('person'))).toBe('1985');
    expect(formatValue('baselineYear', 2023, as('indicator'))).toBe('2023');
    expect(formatValue('sizeBytes', 2_621_440, as('document'))).toBe('2.5 MB');
    expect(formatValue('readinessLevel', 6, as('technologyOffer'))).toBe('6');
  });

  it('formats dates, instants and money', () => {
    expect(formatValue('plannedStart', '2024-03-01', en)).toBe('1 Mar 2024');
    expect(formatValue('statusDate', '2025-03-15', as('technologyMatch'))).toBe('15 Mar 2025');
    expect(formatValue('createdAt', '2024-03-01T10:00:00.000Z', en)).toMatch(/2024/);
    expect(formatValue('value', { amount: 1500, currency: 'EUR' }, en)).toBe('€1,500.00');
    // The amount with its currency, whatever the currency; never another one's symbol.
    expect(formatValue('value', { amount: 250000, currency: 'LAK' }, as('transaction'))).toMatch(/^LAK\s?250,000(\.00)?$/);
    expect(formatValue('value', { amount: 1200.5, currency: 'CNY' }, as('budget', zh))).toMatch(/1,200\.50/);
  });

  it('shows a location as its coordinates ± their accuracy, with its place and where the fix came from', () => {
    const location = { latitude: 19.8856, longitude: 102.1347, accuracyMeters: 12.4, source: 'device', placeName: 'Ban Phonxay' };
    expect(formatValue('location', location, as('fieldReport'))).toBe('Ban Phonxay · 19.88560, 102.13470 ± 12 m (Location from the computer)');
    expect(formatValue('location', { latitude: -8.5569, longitude: 125.5603, source: 'typed' }, as('fieldReport', zh))).toBe('-8.55690, 125.56030 (手动输入的坐标)');
    expect(formatValue('location', { ...location, accuracyMeters: 1500 }, as('fieldReport', zh))).toContain('± 1,500 米');
  });

  it('shows ids as the names of the records they point to, or the end of the id when this computer has no name', () => {
    expect(formatValue('providerOrganizationId', orgId, withNames(as('technologyOffer')))).toBe('National University of Laos');
    expect(formatValue('brokerPersonId', personId, withNames(as('technologyMatch')))).toBe('Li Wei · 李伟');
    expect(formatValue('offerId', '0194a3b0-0000-7000-8000-0000deadbeef', withNames(as('technologyMatch')))).toBe('…deadbeef');
    expect(formatValue('details', { kind: 'task-force-mission', hostOrganizationId: orgId }, withNames(en))).toBe('Kind of activity: Technical Task Force mission · Host organization: National University of Laos');
    expect(formatValue('attachedTo', { entity: 'organization', recordId: orgId }, withNames(as('document')))).toBe('Organization: National University of Laos');
    expect(formatValue('target', { entity: 'person', recordId: personId }, withNames(as('approval', zh)))).toBe('人员: Li Wei · 李伟');
    // A record's own id is no reference.
    expect(formatValue('id', orgId, withNames(as('organization')))).toBe(orgId);
  });

  it('labels the keys inside lists of objects and sets the items apart', () => {
    const indicatorId = '0194a3b0-0000-7000-8000-0000000c0003';
    const context: ValueContext = { ...as('fieldReport'), recordName: (entity, id) => (entity === 'indicator' && id === indicatorId ? 'Farmers trained' : undefined) };
    expect(formatValue('indicatorValues', [{ indicatorId, value: 42, note: 'first day' }, { indicatorId, value: 7 }], context)).toBe(
      'Indicator: Farmers trained · Value: 42 · Note: first day; Indicator: Farmers trained · Value: 7',
    );
    expect(formatValue('breakdown', [{ sex: 'female', target: 10, actual: 12 }], as('indicatorPeriod', zh))).toBe('性别: 女 · 目标值: 10 · 实际值: 12');
  });

  it('labels the keys of other objects and asks the caller for translated codes first', () => {
    const context: ValueContext = {
      ...en,
      keyLabel: (key) => ({ kind: 'Kind', deliveryMode: 'Delivery' })[key] ?? key,
      codeLabel: (field, code) => (field === 'deliveryMode' && code === 'online' ? 'Online' : undefined),
    };
    expect(formatValue('details', { kind: 'training-course', deliveryMode: 'online', capacity: 20 }, context)).toBe('Kind: Training course · Delivery: Online · Places: 20');
    // Without the caller's words, the shared catalogue's.
    expect(formatValue('details', { kind: 'forum-event', format: 'hybrid', expectedAttendance: 300 }, zh)).toBe('活动类型: 论坛或活动 · 形式: 线上线下结合 · 预计参会人数: 300');
  });
});

describe('narrowToChanges', () => {
  it('keeps only the keys of an object value that changed', () => {
    const before = { kind: 'joint-lab', researchLines: ['Drought'], equipment: [] };
    const after = { kind: 'joint-lab', researchLines: ['Drought', 'Salinity'], equipment: [] };
    expect(narrowToChanges(before, after)).toEqual([{ researchLines: ['Drought'] }, { researchLines: ['Drought', 'Salinity'] }]);
  });

  it('shows a key that appeared or disappeared on its side only', () => {
    expect(narrowToChanges({ kind: 'x', venue: 'Hanoi' }, { kind: 'x', capacity: 3 })).toEqual([{ venue: 'Hanoi' }, { capacity: 3 }]);
  });

  it('leaves amounts, locations and pointers to records whole', () => {
    const before = { amount: 10, currency: 'USD' };
    const after = { amount: 12, currency: 'USD' };
    expect(narrowToChanges(before, after)).toEqual([before, after]);
    const place = { latitude: 1, longitude: 2, source: 'device' };
    expect(narrowToChanges(place, { ...place, latitude: 3 })).toEqual([place, { ...place, latitude: 3 }]);
  });

  it('leaves texts by language, plain values and first values whole', () => {
    const title = [{ en: 'A', zh: '甲' }, { en: 'B', zh: '甲' }] as const;
    expect(narrowToChanges(title[0], title[1])).toEqual([title[0], title[1]]);
    expect(narrowToChanges('a', 'b')).toEqual(['a', 'b']);
    expect(narrowToChanges(undefined, { kind: 'x' })).toEqual([undefined, { kind: 'x' }]);
  });
});

describe('fieldNameText', () => {
  it('names the fields of every kind of record, and paths into their values, in the reader’s language', () => {
    expect(fieldNameText('technologyMatch', 'statusDate', 'en')).toBe('Status since');
    expect(fieldNameText('technologyMatch', 'statusDate', 'zh')).toBe('状态日期');
    expect(fieldNameText('participation', 'certificateNumber', 'en')).toBe('Certificate no.');
    expect(fieldNameText('transaction', 'inKindCategory', 'zh')).toBe('实物出资内容');
    expect(fieldNameText('activity', 'details.venue', 'en')).toBe('Kind-specific details › Venue');
    expect(fieldNameText('fieldReport', 'photos.0.caption', 'en')).toBe('Photos › Caption');
    expect(fieldNameText('budget', 'value.currency', 'zh')).toBe('金额 › 币种');
    expect(fieldNameText('technologyNeed', 'title.th', 'en')).toBe('Title › Thai');
    // A field this desk does not know (from a newer one) keeps its name rather than vanishing.
    expect(fieldNameText('person', 'pronouns', 'en')).toBe('pronouns');
  });
});

describe('referencesIn', () => {
  it('finds the records the ids of a value point to, at any depth, and nothing in a record’s own id', () => {
    expect(referencesIn('technologyMatch', 'brokerPersonId', personId)).toEqual([{ entity: 'person', id: personId }]);
    expect(referencesIn('activity', 'details', { kind: 'joint-lab', chineseHostId: orgId, researchLines: ['Rice'] })).toEqual([{ entity: 'organization', id: orgId }]);
    expect(referencesIn('fieldReport', 'photos', [{ documentId: orgId, caption: 'x' }])).toEqual([{ entity: 'document', id: orgId }]);
    expect(referencesIn('approval', 'target', { entity: 'person', recordId: personId })).toEqual([{ entity: 'person', id: personId }]);
    expect(referencesIn('organization', 'id', orgId)).toEqual([]);
    expect(referencesIn('activity', 'title', { en: orgId })).toEqual([]);
    expect(referencesIn('budget', 'activityId', undefined)).toEqual([]);
  });
});

describe('devices and authors', () => {
  it('tells devices apart by the end of their id (UUIDv7s minted the same day share their start)', () => {
    expect(shortDevice('0190f0c2-6a4e-7b3c-9d2e-1a2b3c4d5e6f')).toBe('…3c4d5e6f');
    expect(shortDevice('laptop-1')).toBe('laptop-1');
    expect(shortAuthor('device:0190f0c2-6a4e-7b3c-9d2e-1a2b3c4d5e6f')).toBe('device:…3c4d5e6f');
    expect(shortAuthor('Nguyen Van An')).toBe('Nguyen Van An');
  });

  it('recognizes texts by language only when every key is a content language', () => {
    expect(isLocalizedText({ en: 'a', zh: 'b' })).toBe(true);
    expect(isLocalizedText({ en: 'a', kind: 'b' })).toBe(false);
    expect(isLocalizedText(['en'])).toBe(false);
  });
});
