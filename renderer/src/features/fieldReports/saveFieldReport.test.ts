import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBlob } from '../../db/blobs';
import { openStepDatabase, type StepDatabase } from '../../db/database';
import { documentsOf } from '../../db/documents';
import { emptyFieldReportFilter, fieldReportDetail, filterRows, isMine, listFieldReports, type FieldReportRow } from '../../db/fieldReports';
import { draftHoldsBlob, formDraftStore } from '../../db/formDrafts';
import { createRepository, type Repository } from '../../db/repository';
import { draftKeyOf, emptyFieldReportForm, fieldReportToForm, type FieldReportFormValues, type FormPhoto } from './fieldReportForm';
import { saveFieldReport } from './saveFieldReport';

let db: StepDatabase;
let repository: Repository;
let store: { db: StepDatabase; repository: Repository };
let activityId: string;

beforeEach(async () => {
  db = openStepDatabase(`reports-${Math.random()}`);
  repository = createRepository(db, { author: 'user:somchai' });
  store = { db, repository };
  await db.open();
  const activity = await repository.create('activity', {
    title: { en: 'Cassava starch cooperative' },
    details: { kind: 'science-park', zoneType: 'demonstration-zone' },
    status: 'implementation',
    countries: ['TH'],
    priorityAreas: ['tech/agriculture'],
    plannedStart: '2025-01-01',
  } as never);
  if (!activity.ok) throw new Error(JSON.stringify(activity.issues));
  activityId = activity.record.id;
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function storedPhoto(byte: number, caption: string): Promise<FormPhoto> {
  const blob = await storeBlob(new Uint8Array([byte, byte, byte]), 'image/jpeg', db);
  return { sha256: blob.sha256, fileName: `photo-${byte}.jpg`, mimeType: 'image/jpeg', sizeBytes: blob.size, caption };
}

const form = (patch: Partial<FieldReportFormValues> = {}): FieldReportFormValues => ({
  ...emptyFieldReportForm('2025-05-03', activityId, 'TH'),
  latitude: '13.7563',
  longitude: '100.5018',
  narrative: 'Harvest started.',
  ...patch,
});

describe('saving a field report', () => {
  it('creates the report, then a document for each photo stored before, then lists them in order with captions', async () => {
    const photos = [await storedPhoto(1, 'Drying racks'), await storedPhoto(2, '')];
    const outcome = await saveFieldReport(form({ photos }), undefined, store);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const documents = await documentsOf({ entity: 'fieldReport', recordId: outcome.report.id }, store);
    expect(documents.map((d) => [d.sha256, d.caption, d.fileName])).toEqual([
      [photos[0]!.sha256, 'Drying racks', 'photo-1.jpg'],
      [photos[1]!.sha256, undefined, 'photo-2.jpg'],
    ]);
    const stored = await db.fieldReports.get(outcome.report.id);
    expect(stored?.photos).toEqual([
      { documentId: documents[0]!.id, caption: 'Drying racks' },
      { documentId: documents[1]!.id, caption: undefined },
    ]);
    expect(stored?.location).toEqual({ latitude: 13.7563, longitude: 100.5018, source: 'typed', placeName: undefined });
    expect(outcome.values.photos.every((p) => p.documentId)).toBe(true);
  });

  it('refuses an invalid report without writing anything, naming the fields', async () => {
    const outcome = await saveFieldReport(form({ latitude: '95', activityId: '' }), undefined, store);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toEqual(
      expect.arrayContaining([
        { path: 'activityId', message: 'v.required' },
        expect.objectContaining({ path: 'latitude', message: 'v.latitude' }),
      ]),
    );
    expect(await db.fieldReports.count()).toBe(0);
  });

  it('on edit: reorders, recaptions, adds and removes photos; a removed photo loses its document', async () => {
    const first = await saveFieldReport(form({ photos: [await storedPhoto(1, 'one'), await storedPhoto(2, 'two')] }), undefined, store);
    if (!first.ok) throw new Error('first save failed');
    const detail = await fieldReportDetail(first.report.id, db);
    const values = fieldReportToForm(detail!.report, detail!.photoDocuments);
    const [one, two] = values.photos;
    const added = await storedPhoto(3, 'three');
    const edited = await saveFieldReport({ ...values, photos: [added, { ...two!, caption: 'two, renamed' }] }, detail!.report, store);
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    const documents = await documentsOf({ entity: 'fieldReport', recordId: first.report.id }, store);
    expect(documents.map((d) => d.id)).not.toContain(one!.documentId);
    const byId = new Map(documents.map((d) => [d.id, d]));
    expect(edited.report.photos.map((p) => [byId.get(p.documentId)?.sha256, p.caption])).toEqual([
      [added.sha256, 'three'],
      [two!.sha256, 'two, renamed'],
    ]);
    expect(byId.get(two!.documentId!)?.caption).toBe('two, renamed');
  });

  it('does not overwrite a report changed meanwhile, and refuses a locked one', async () => {
    const first = await saveFieldReport(form(), undefined, store);
    if (!first.ok) throw new Error('first save failed');
    const opened = first.report;
    const meanwhile = await saveFieldReport(form({ narrative: 'Changed by a sync' }), opened, store);
    expect(meanwhile.ok).toBe(true);
    const stale = await saveFieldReport(form({ narrative: 'Mine' }), opened, store);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.issues).toEqual([{ path: '', message: 'v.changedElsewhere' }]);

    const current = (await db.fieldReports.get(opened.id))!;
    const at = '2025-05-04T00:00:00.000Z';
    for (const [action, actorRole, id] of [
      ['submit', 'field-officer', '0194a3b0-0000-7000-8000-0000000000e1'],
      ['approve', 'national-coordinator', '0194a3b0-0000-7000-8000-0000000000e2'],
    ] as const) {
      await db.approvals.put({ entity: 'approval', id, createdAt: at, updatedAt: at, target: { entity: 'fieldReport', recordId: opened.id }, action, actorUserId: 'x', actorRole, at: at.replace('00:00', action === 'submit' ? '00:00' : '01:00') });
    }
    const locked = await saveFieldReport(form({ narrative: 'After approval' }), current, store);
    expect(locked).toMatchObject({ ok: false, locked: true });
    expect((await db.fieldReports.get(opened.id))?.narrative).toBe('Changed by a sync');
  });
});

describe('a save cut short after the report is created', () => {
  it('leaves the draft on the created report, so finishing it edits that report instead of creating another', async () => {
    const values = form({ photos: [await storedPhoto(7, 'Seed store')] });
    // The form's draft, as typing left it.
    await formDraftStore(db).save(draftKeyOf(undefined), values);
    // The computer dies while the photo's document is being written.
    const crashing = {
      db,
      repository: { ...repository, create: ((entity, draft) => (entity === 'document' ? Promise.reject(new Error('power cut')) : repository.create(entity, draft))) as Repository['create'] },
    };
    const outcome = await saveFieldReport(values, undefined, crashing);

    const [created, ...others] = await db.fieldReports.toArray();
    expect(others).toEqual([]);
    // Not an error that leaves the form on a new report: an incomplete save of the created one, which the
    // form goes on from (its edit page), so Save again cannot create a second report.
    expect(outcome).toMatchObject({ ok: false, issues: [{ path: '', message: 'v.saveFailed', params: { message: 'power cut' } }] });
    if (outcome.ok) return;
    expect(outcome.report?.id).toBe(created!.id);
    expect(outcome.values?.photos).toEqual(values.photos);
    // No new-report draft is left to save a second time: the draft is the created report's, based on it.
    expect(await db.formDrafts.get(draftKeyOf(undefined))).toBeUndefined();
    const moved = await db.formDrafts.get(draftKeyOf(created!.id));
    expect(moved?.values).toEqual({ ...values, basedOn: created!.updatedAt });
    // The photo's bytes stay held by that draft.
    expect(await draftHoldsBlob(values.photos[0]!.sha256, db)).toBe(true);

    // After the restart, the edit page of that report restores the draft; saving it finishes the job.
    const detail = await fieldReportDetail(created!.id, db);
    const retried = await saveFieldReport(moved!.values as FieldReportFormValues, detail!.report, store);
    expect(retried.ok).toBe(true);
    expect(await db.fieldReports.count()).toBe(1);
    const documents = await documentsOf({ entity: 'fieldReport', recordId: created!.id }, store);
    expect(documents.map((d) => [d.sha256, d.caption])).toEqual([[values.photos[0]!.sha256, 'Seed store']]);
    expect((await db.fieldReports.get(created!.id))?.photos).toEqual([{ documentId: documents[0]!.id, caption: 'Seed store' }]);
  });

  it('anything failing after the create (a full disk) is an incomplete save of that report, and its retry creates nothing twice', async () => {
    const values = form({ photos: [await storedPhoto(4, 'Well'), await storedPhoto(5, 'Pump')] });
    let documentsWritten = 0;
    const diskFull = {
      db,
      repository: {
        ...repository,
        create: ((entity, draft) => {
          if (entity === 'document' && ++documentsWritten === 2) throw new Error('QuotaExceededError');
          return repository.create(entity, draft);
        }) as Repository['create'],
      },
    };
    const outcome = await saveFieldReport(values, undefined, diskFull);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const reports = await db.fieldReports.toArray();
    expect(reports.map((r) => r.id)).toEqual([outcome.report?.id]);
    expect(outcome.issues).toEqual([{ path: '', message: 'v.saveFailed', params: { message: 'QuotaExceededError' } }]);
    // The photo saved before the failure carries its document id; the other does not yet.
    const [first] = await documentsOf({ entity: 'fieldReport', recordId: reports[0]!.id }, store);
    expect(outcome.values?.photos.map((p) => p.documentId)).toEqual([first!.id, undefined]);

    // The form goes on from the created report (its edit page): saving again finishes it, no second report.
    const retried = await saveFieldReport(outcome.values!, outcome.report, store);
    expect(retried.ok).toBe(true);
    expect(await db.fieldReports.count()).toBe(1);
    const documents = await documentsOf({ entity: 'fieldReport', recordId: reports[0]!.id }, store);
    expect(documents.map((d) => [d.sha256, d.caption])).toEqual([
      [values.photos[0]!.sha256, 'Well'],
      [values.photos[1]!.sha256, 'Pump'],
    ]);
    expect((await db.fieldReports.get(reports[0]!.id))?.photos).toEqual(documents.map((d) => ({ documentId: d.id, caption: d.caption })));
  });

  it('a crash between the documents and the report listing them: the restored draft reuses those documents (no orphans)', async () => {
    const values = form({ photos: [await storedPhoto(11, 'Kiln'), await storedPhoto(12, 'Sacks')] });
    await formDraftStore(db).save(draftKeyOf(undefined), values);
    // The documents get written, then the computer dies before the report lists them.
    let reportWrites = 0;
    const crashing = {
      db,
      repository: {
        ...repository,
        replace: ((entity, id, draft, basedOn) => {
          if (entity === 'fieldReport' && ++reportWrites === 1) return Promise.reject(new Error('power cut'));
          return repository.replace(entity, id, draft, basedOn);
        }) as Repository['replace'],
      },
    };
    await saveFieldReport(values, undefined, crashing);
    const created = (await db.fieldReports.toArray())[0]!;
    expect(created.photos).toEqual([]);
    const written = await documentsOf({ entity: 'fieldReport', recordId: created.id }, store);
    expect(written).toHaveLength(2);

    // After the restart: the report's own draft (its photos without document ids), one caption changed meanwhile.
    const restored = (await db.formDrafts.get(draftKeyOf(created.id)))!.values as FieldReportFormValues;
    expect(restored.photos.every((p) => p.documentId === undefined)).toBe(true);
    const edited = { ...restored, photos: [restored.photos[0]!, { ...restored.photos[1]!, caption: 'Sacks, weighed' }] };
    const retried = await saveFieldReport(edited, (await db.fieldReports.get(created.id))!, store);
    expect(retried.ok).toBe(true);

    const documents = await documentsOf({ entity: 'fieldReport', recordId: created.id }, store);
    expect(documents.map((d) => d.id)).toEqual(written.map((d) => d.id));
    expect(documents.map((d) => d.caption)).toEqual(['Kiln', 'Sacks, weighed']);
    expect((await db.fieldReports.get(created.id))?.photos).toEqual([
      { documentId: written[0]!.id, caption: 'Kiln' },
      { documentId: written[1]!.id, caption: 'Sacks, weighed' },
    ]);
  });

  it('a full save of a new report leaves no draft behind', async () => {
    await formDraftStore(db).save(draftKeyOf(undefined), form());
    const outcome = await saveFieldReport(form({ photos: [await storedPhoto(8, '')] }), undefined, store);
    expect(outcome.ok).toBe(true);
    expect(await db.formDrafts.count()).toBe(0);
  });

  it('an invalid new report keeps its draft where it was (nothing was created)', async () => {
    await formDraftStore(db).save(draftKeyOf(undefined), form({ latitude: '95' }));
    const outcome = await saveFieldReport(form({ latitude: '95' }), undefined, store);
    expect(outcome.ok).toBe(false);
    expect((await db.formDrafts.toArray()).map((draft) => draft.key)).toEqual([draftKeyOf(undefined)]);
  });
});

describe('reading field reports', () => {
  it('lists mine first, with their review state, author and activity', async () => {
    const mine = await saveFieldReport(form({ visitDate: '2025-01-01' }), undefined, store);
    repository.setAuthor('user:malee');
    const theirs = await saveFieldReport(form({ visitDate: '2025-06-01' }), undefined, store);
    if (!mine.ok || !theirs.ok) throw new Error('save failed');
    const at = '2025-06-02T00:00:00.000Z';
    await db.approvals.put({ entity: 'approval', id: '0194a3b0-0000-7000-8000-0000000000e3', createdAt: at, updatedAt: at, target: { entity: 'fieldReport', recordId: theirs.report.id }, action: 'submit', actorUserId: 'malee', actorRole: 'field-officer', at });

    const rows = await listFieldReports({ userId: 'somchai', deviceId: 'not-this-one' }, db);
    expect(rows.map((r) => [r.id, r.mine, r.author, r.state, r.activityTitle?.en])).toEqual([
      [mine.report.id, true, 'user:somchai', 'draft', 'Cassava starch cooperative'],
      [theirs.report.id, false, 'user:malee', 'submitted', 'Cassava starch cooperative'],
    ]);
  });

  it("tells the reader's own reports: by their user once enrolled, by this device before", () => {
    expect(isMine('device:d1', { deviceId: 'd1' })).toBe(true);
    expect(isMine('user:somchai', { deviceId: 'd1' })).toBe(false);
    expect(isMine('user:somchai', { userId: 'somchai', deviceId: 'd1' })).toBe(true);
    expect(isMine('device:d2', { userId: 'somchai', deviceId: 'd1' })).toBe(false);
    expect(isMine(undefined, { userId: 'somchai', deviceId: 'd1' })).toBe(false);
  });

  it('filters rows by activity, country, state, dates and author', () => {
    const row = (patch: Partial<FieldReportRow>): FieldReportRow => ({ id: 'r', activityId: 'a1', country: 'TH', visitDate: '2025-03-01', mine: false, state: 'draft', photoCount: 0, updatedAt: '', ...patch });
    const rows = [row({ id: '1' }), row({ id: '2', activityId: 'a2', country: 'LA', visitDate: '2025-05-01', state: 'submitted', mine: true })];
    const ids = (patch: Partial<typeof emptyFieldReportFilter>) => filterRows(rows, { ...emptyFieldReportFilter, ...patch }).map((r) => r.id);
    expect(ids({})).toEqual(['1', '2']);
    expect(ids({ activityId: 'a2' })).toEqual(['2']);
    expect(ids({ country: 'TH' })).toEqual(['1']);
    expect(ids({ state: 'submitted' })).toEqual(['2']);
    expect(ids({ from: '2025-03-02' })).toEqual(['2']);
    expect(ids({ to: '2025-03-01' })).toEqual(['1']);
    expect(ids({ mineOnly: true })).toEqual(['2']);
  });
});
