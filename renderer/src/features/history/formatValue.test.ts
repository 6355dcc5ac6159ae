import { describe, expect, it } from 'vitest';
import { formatValue, isLocalizedText, narrowToChanges, shortAuthor, shortDevice, type ValueContext } from './formatValue';

const words = { yes: 'Yes', no: 'No', empty: '—' };
const en: ValueContext = { language: 'en', entity: 'activity', words };
const zh: ValueContext = { language: 'zh', entity: 'activity', words: { yes: '是', no: '否', empty: '—' } };

describe('formatValue', () => {
  it('shows nothing as a dash, booleans as words and numbers in the reader’s language', () => {
    expect(formatValue('plannedEnd', null, en)).toBe('—');
    expect(formatValue('plannedEnd', undefined, en)).toBe('—');
    expect(formatValue('iatiIdentifier', '', en)).toBe('—');
    expect(formatValue('_deleted', true, en)).toBe('Yes');
    expect(formatValue('_deleted', false, zh)).toBe('否');
    expect(formatValue('capacity', 12500, en)).toBe('12,500');
  });

  it('shows texts by language as "en: … · zh: …", skipping empty ones', () => {
    expect(formatValue('title', { en: 'Rice lab', zh: '水稻实验室', th: '' }, en)).toBe('en: Rice lab · zh: 水稻实验室');
    expect(formatValue('description', {}, en)).toBe('—');
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
  });

  it('formats dates, instants and money', () => {
    expect(formatValue('plannedStart', '2024-03-01', en)).toBe('1 Mar 2024');
    expect(formatValue('createdAt', '2024-03-01T10:00:00.000Z', en)).toMatch(/2024/);
    expect(formatValue('value', { amount: 1500, currency: 'EUR' }, en)).toBe('€1,500.00');
  });

  it('labels the keys of other objects and asks the caller for translated codes first', () => {
    const context: ValueContext = {
      ...en,
      keyLabel: (key) => ({ kind: 'Kind', deliveryMode: 'Delivery' })[key] ?? key,
      codeLabel: (field, code) => (field === 'deliveryMode' && code === 'online' ? 'Online' : undefined),
    };
    expect(formatValue('details', { kind: 'training-course', deliveryMode: 'online', capacity: 20 }, context)).toBe('Kind: Training course · Delivery: Online · capacity: 20');
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

  it('leaves texts by language, plain values and first values whole', () => {
    const title = [{ en: 'A', zh: '甲' }, { en: 'B', zh: '甲' }] as const;
    expect(narrowToChanges(title[0], title[1])).toEqual([title[0], title[1]]);
    expect(narrowToChanges('a', 'b')).toEqual(['a', 'b']);
    expect(narrowToChanges(undefined, { kind: 'x' })).toEqual([undefined, { kind: 'x' }]);
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
