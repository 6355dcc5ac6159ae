import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityIndex, emptyActivityFilter, type ActivityFilter } from './activityIndex';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Draft, type Repository } from './repository';

const draft = (title: Draft<'activity'>['title'], overrides: Partial<Draft<'activity'>> = {}): Draft<'activity'> => ({
  title,
  details: { kind: 'training-course', deliveryMode: 'in-person' },
  status: 'implementation',
  countries: ['TH'],
  priorityAreas: ['tech/agriculture/crop-breeding'],
  plannedStart: '2023-05-01',
  ...overrides,
});

let db: StepDatabase;
let repository: Repository;
let index: ActivityIndex;
beforeEach(async () => {
  db = openStepDatabase(`index-${Math.random()}`);
  repository = createRepository(db);
  index = new ActivityIndex(db, repository);
  await repository.create('activity', draft({ en: 'Rice breeding course', th: 'หลักสูตรการปรับปรุงพันธุ์ข้าว' }));
  await repository.create('activity', draft({ en: 'Water sanitation lab', zh: '水处理联合实验室' }, { details: { kind: 'joint-lab', researchLines: [], equipment: [] }, countries: ['VN', 'CN'], priorityAreas: ['tech/water/sanitation'], plannedStart: '2021-01-10', status: 'closed' }));
  await repository.create('activity', draft({ en: 'Landslide early warning mission' }, { details: { kind: 'task-force-mission' }, countries: ['LA'], priorityAreas: ['tech/disaster/landslide'], plannedStart: '2024-09-01', actualStart: '2024-10-02' }));
  await index.load();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const titles = (filter: Partial<ActivityFilter>, sort = { key: 'title' as const, direction: 'asc' as const }) =>
  index.query({ ...emptyActivityFilter, ...filter }, sort, 'en').map((row) => row.title.en);

describe('the activity list index', () => {
  it('filters by country, priority area (with its sub-fields), modality, status and year', () => {
    expect(titles({ country: 'CN' })).toEqual(['Water sanitation lab']);
    expect(titles({ area: 'tech/agriculture' })).toEqual(['Rice breeding course']);
    expect(titles({ modality: 'technical-services' })).toEqual(['Landslide early warning mission']);
    expect(titles({ kind: 'joint-lab' })).toEqual(['Water sanitation lab']);
    expect(titles({ modality: 'human-resources', kind: 'training-course' })).toEqual(['Rice breeding course']);
    expect(titles({ modality: 'human-resources', kind: 'fellowship' })).toEqual([]);
    expect(titles({ status: 'closed' })).toEqual(['Water sanitation lab']);
    expect(titles({ year: '2024' })).toEqual(['Landslide early warning mission']);
    expect(titles({ country: 'TH', status: 'closed' })).toEqual([]);
  });

  it('searches every language of titles, including scripts without spaces', () => {
    expect(titles({ text: 'ปรับปรุงพันธุ์' })).toEqual(['Rice breeding course']);
    expect(titles({ text: '水处理' })).toEqual(['Water sanitation lab']);
    expect(titles({ text: 'early LANDSLIDE' })).toEqual(['Landslide early warning mission']);
  });

  it('sorts by any column, both ways', () => {
    expect(titles({})).toEqual(['Landslide early warning mission', 'Rice breeding course', 'Water sanitation lab']);
    expect(titles({}, { key: 'start', direction: 'desc' } as never)).toEqual(['Landslide early warning mission', 'Rice breeding course', 'Water sanitation lab']);
    expect(titles({}, { key: 'start', direction: 'asc' } as never)).toEqual(['Water sanitation lab', 'Rice breeding course', 'Landslide early warning mission']);
  });

  it('follows writes made through the repository without reloading', async () => {
    const changed = new Promise<void>((resolve) => index.subscribe(resolve));
    const created = await repository.create('activity', draft({ en: 'Biodiversity forum' }, { details: { kind: 'forum-event', format: 'hybrid' } }));
    await changed;
    expect(titles({ text: 'biodiversity' })).toEqual(['Biodiversity forum']);
    if (!created.ok) throw new Error('create failed');
    const removed = new Promise<void>((resolve) => index.subscribe(resolve));
    await repository.remove('activity', created.record.id);
    await removed;
    expect(titles({ text: 'biodiversity' })).toEqual([]);
    expect(index.years()).toEqual([2024, 2023, 2021]);
  });
});

describe('typing a longer query', () => {
  it('narrows the previous answer and still answers exactly', () => {
    const all = ['Landslide early warning mission', 'Rice breeding course', 'Water sanitation lab'];
    expect(titles({ text: 'r' })).toEqual(all);
    expect(titles({ text: 'ri' })).toEqual(['Rice breeding course']);
    expect(titles({ text: 'ri course' })).toEqual(['Rice breeding course']);
    expect(titles({ text: 'ri lab' })).toEqual([]);
    expect(titles({ text: 'r' })).toEqual(all);
    expect(titles({ text: 'ri', country: 'VN' })).toEqual([]);
  });
});
