import 'fake-indexeddb/auto';
import type { CellValue } from '@shared/spreadsheets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Repository } from './repository';
import { applyImport, dryRunImport, type ImportResult } from './spreadsheetImport';

let db: StepDatabase;
let repository: Repository;
let store: { db: StepDatabase; repository: Repository };
beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  repository = createRepository(db);
  store = { db, repository };
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function course(): Promise<string> {
  const outcome = await repository.create('activity', {
    title: { en: 'Rice post-harvest training course', zh: '水稻收获后处理培训班' },
    description: {},
    details: { kind: 'training-course', deliveryMode: 'in-person' },
    status: 'implementation',
    countries: ['TH', 'LA'],
    priorityAreas: ['tech/agriculture'],
    plannedStart: '2025-03-01',
    defaultCurrency: 'CNY',
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.record.id;
}

const asResult = (value: Awaited<ReturnType<typeof applyImport>>): ImportResult => {
  if ('ok' in value) throw new Error(`import refused: ${value.problem}`);
  return value;
};

const organizationSheet: CellValue[][] = [
  ['Name (English)', '名称（当地语言）', 'Acronym', 'Type', 'Country'],
  ['Kasetsart University', 'มหาวิทยาลัยเกษตรศาสตร์', 'KU', 'university', 'Thailand'],
  ['National University of Laos', 'ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ', 'NUOL', 'university', 'LA'],
  ['Broken', '', '', 'university', 'Atlantis'],
];

describe('spreadsheet import', () => {
  it('a dry run stores nothing and says what each row would do', async () => {
    const dry = await dryRunImport({ kind: 'organization', rows: organizationSheet }, {}, store);
    expect(dry.ok).toBe(true);
    if (!dry.ok) return;
    expect(dry.summary).toEqual({ rows: 3, new: 2, existing: 0, errors: 1 });
    expect(dry.rows[2]).toMatchObject({ row: 4, status: 'error', issues: [{ field: 'country', column: 'Country', message: 'v.notAllowed' }] });
    expect(await db.organizations.count()).toBe(0);
  });

  it('importing the same file twice adds nothing the second time', async () => {
    const first = asResult(await applyImport({ kind: 'organization', rows: organizationSheet }, {}, store));
    expect(first).toMatchObject({ imported: 2, existing: 0, organizations: 2, errors: [{ row: 4 }] });
    const stored = await db.organizations.toArray();
    expect(stored.map((o) => o.name).sort((a, b) => (a.en ?? '').localeCompare(b.en ?? ''))).toEqual([
      { en: 'Kasetsart University', th: 'มหาวิทยาลัยเกษตรศาสตร์' },
      { en: 'National University of Laos', lo: 'ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ' },
    ]);
    // Every write went through the sync engine: each record has its changes.
    expect(await db.changes.where('[entity+recordId]').between(['organization', ''], ['organization', '\uffff']).count()).toBeGreaterThan(0);

    const changesBefore = await db.changes.count();
    const dry = await dryRunImport({ kind: 'organization', rows: organizationSheet }, {}, store);
    expect(dry.ok && dry.summary).toEqual({ rows: 3, new: 0, existing: 2, errors: 1 });
    const second = asResult(await applyImport({ kind: 'organization', rows: organizationSheet }, {}, store));
    expect(second).toMatchObject({ imported: 0, existing: 2, organizations: 0 });
    expect(await db.organizations.count()).toBe(2);
    expect(await db.changes.count()).toBe(changesBefore);
  });

  it('enrols trainees: people already here are matched, nobody is enrolled twice, a re-import adds nothing', async () => {
    const activityId = await course();
    const known = await repository.create('person', { nameRomanized: 'Somphone Vongsavanh', nameNative: 'ສົມພອນ ວົງສະຫວັນ', sex: 'female', country: 'LA', roles: ['researcher'], email: 'somphone@example.org' });
    if (!known.ok) throw new Error('person');
    const sheet: CellValue[][] = [
      ['Name (native script)', 'Name (romanized)', 'Sex', 'Year of birth', 'Country', 'E-mail', 'Status', 'Certificate number', 'Completion date'],
      ['สมชาย ใจดี', 'Somchai Jaidee', 'male', 1988, 'TH', null, 'completed', 'TH-2025-001', new Date(Date.UTC(2025, 5, 30))],
      ['', 'Somphone V.', 'female', null, 'LA', 'SOMPHONE@example.org', null, null, null],
      ['王芳', 'Wang Fang', 'X', 1992, 'CN', null, null, null, null],
    ];
    const dry = await dryRunImport({ kind: 'trainee', rows: sheet, activityId }, {}, store);
    expect(dry.ok && dry.rows.map((r) => [r.row, r.status, r.status !== 'error' && r.kind === 'trainee' ? r.existingPersonId : undefined])).toEqual([
      [2, 'new', undefined],
      [3, 'new', known.record.id],
      [4, 'error', undefined],
    ]);

    const first = asResult(await applyImport({ kind: 'trainee', rows: sheet, activityId }, {}, store));
    expect(first).toMatchObject({ imported: 2, existing: 0, people: 1, participations: 2, errors: [{ row: 4, issues: [{ field: 'sex', column: 'Sex' }] }] });
    const participations = await db.participations.where('activityId').equals(activityId).toArray();
    expect(participations).toHaveLength(2);
    expect(participations.map((p) => p.personId)).toContain(known.record.id);
    const somchai = (await db.people.toArray()).find((p) => p.nameRomanized === 'Somchai Jaidee');
    expect(somchai).toMatchObject({ nameNative: 'สมชาย ใจดี', roles: ['trainee'], birthYear: 1988 });
    expect(participations.find((p) => p.personId === somchai?.id)).toMatchObject({ role: 'trainee', status: 'completed', certificateNumber: 'TH-2025-001', completedOn: '2025-06-30' });
    // The person already here is not changed by the import.
    expect(await db.people.get(known.record.id)).toEqual(known.record);

    const second = asResult(await applyImport({ kind: 'trainee', rows: sheet, activityId }, {}, store));
    expect(second).toMatchObject({ imported: 0, existing: 2, people: 0, participations: 0 });
    expect(await db.participations.count()).toBe(2);
    expect(await db.people.count()).toBe(2);
  });

  it('refuses a file without the columns every row needs, an empty one, and trainees of an unknown activity', async () => {
    expect(await dryRunImport({ kind: 'person', rows: [['Name (romanized)', 'Country']] }, {}, store)).toMatchObject({ ok: false, problem: 'missingColumns', header: { missing: [['sex'], ['roles']] } });
    expect(await dryRunImport({ kind: 'person', rows: [[], ['']] }, {}, store)).toEqual({ ok: false, problem: 'empty' });
    // Trainees go into an activity on this computer, never into one it does not know.
    const rows = [['Name (romanized)', 'Sex', 'Country'], ['Somchai', 'male', 'TH']];
    expect(await dryRunImport({ kind: 'trainee', rows, activityId: '0194a3b0-0000-7000-8000-0000000000ff' }, {}, store)).toEqual({ ok: false, problem: 'noActivity' });
    expect(await applyImport({ kind: 'trainee', rows }, {}, store)).toEqual({ ok: false, problem: 'noActivity' });
    expect(await db.people.count()).toBe(0);
  });

  it('imports large files in batches with progress, and stops between batches when asked', async () => {
    const rows: CellValue[][] = [['Name (romanized)', 'Sex', 'Country', 'Roles']];
    for (let i = 0; i < 1200; i += 1) rows.push([`Trainee ${i}`, i % 2 ? 'male' : 'female', 'VN', 'trainee']);
    const steps: number[] = [];
    const controller = new AbortController();
    const result = asResult(
      await applyImport(
        { kind: 'person', rows },
        {
          signal: controller.signal,
          onProgress: (done) => {
            steps.push(done);
            if (done >= 500) controller.abort();
          },
        },
        store,
      ),
    );
    expect(result.cancelled).toBe(true);
    expect(await db.people.count()).toBe(500);
    expect(steps).toEqual([0, 250, 500]);
    const rest = asResult(await applyImport({ kind: 'person', rows }, {}, store));
    expect(rest).toMatchObject({ imported: 700, existing: 500, cancelled: false });
    expect(await db.people.count()).toBe(1200);
  });

  it('two desks importing the same sheet offline create the same records (ids from natural keys), so sync merges them', async () => {
    const activityId = await course();
    const activity = await db.activities.get(activityId);
    const other = openStepDatabase(`test-${Math.random()}`);
    const otherStore = { db: other, repository: createRepository(other) };
    try {
      await otherStore.repository.importBatch([{ source: 1, value: activity }]);
      const sheet: CellValue[][] = [
        ['Name (native script)', 'Name (romanized)', 'Sex', 'Year of birth', 'Country', 'E-mail'],
        ['สมชาย ใจดี', 'Somchai Jaidee', 'male', 1988, 'TH', null],
        ['', 'Malee Srisuk', 'female', null, 'TH', 'malee@example.org'],
      ];
      asResult(await applyImport({ kind: 'trainee', rows: sheet, activityId }, {}, store));
      asResult(await applyImport({ kind: 'trainee', rows: sheet, activityId }, {}, otherStore));
      const ids = async (database: StepDatabase) => ({
        people: (await database.people.toArray()).map((p) => p.id).sort(),
        participations: (await database.participations.toArray()).map((p) => p.id).sort(),
      });
      const here = await ids(db);
      expect(here.people).toHaveLength(2);
      expect(here.participations).toHaveLength(2);
      expect(await ids(other)).toEqual(here);
    } finally {
      other.close();
      await other.delete();
    }
  });
});
