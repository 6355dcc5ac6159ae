import 'fake-indexeddb/auto';
import { newRecordId } from '@shared/domain';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Draft, type Repository } from './repository';

const activityDraft = (overrides: Partial<Draft<'activity'>> = {}): Draft<'activity'> => ({
  title: { en: 'Joint laboratory for rice breeding', zh: '水稻育种联合实验室' },
  description: { en: 'Breeding climate-resilient rice varieties.' },
  details: { kind: 'joint-lab', researchLines: ['Drought tolerance'], equipment: [] },
  status: 'implementation',
  countries: ['LA', 'CN'],
  priorityAreas: ['tech/agriculture/crop-breeding'],
  plannedStart: '2024-03-01',
  plannedEnd: '2027-02-28',
  defaultCurrency: 'CNY',
  ...overrides,
});

let db: StepDatabase;
let repository: Repository;
beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  repository = createRepository(db);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('repository: the one write path', () => {
  it('validates before storing: an invalid draft stores nothing and says which field is wrong', async () => {
    const outcome = await repository.create('activity', activityDraft({ title: {}, plannedEnd: '2020-01-01' }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'title', message: 'v.required' }),
        expect.objectContaining({ path: 'plannedEnd', message: 'v.endBeforeStart' }),
      ]),
    );
    expect(await db.activities.count()).toBe(0);
    expect(await db.activityRows.count()).toBe(0);
  });

  it('mints a UUIDv7 id and timestamps on create, and keeps the list row in step', async () => {
    const outcome = await repository.create('activity', activityDraft());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await db.activities.get(outcome.record.id)).toEqual(outcome.record);
    const row = await db.activityRows.get(outcome.record.id);
    expect(row).toMatchObject({ kind: 'joint-lab', modality: 'joint-labs', year: 2024, countries: ['LA', 'CN'] });
    expect(row?.search.latin).toContain('rice breeding');
  });

  it('replaces a record, keeps its identity and creation time, and moves updatedAt forward even with a clock behind', async () => {
    const clockTimes = [new Date('2025-06-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z')];
    const skewed = createRepository(db, { now: () => (clockTimes.shift() ?? new Date()).getTime() });
    const created = await skewed.create('activity', activityDraft());
    if (!created.ok) throw new Error('create failed');
    const replaced = await skewed.replace('activity', created.record.id, activityDraft({ status: 'closed' }));
    if (!replaced.ok) throw new Error('replace failed');
    expect(replaced.record.createdAt).toBe(created.record.createdAt);
    expect(replaced.record.updatedAt > created.record.updatedAt).toBe(true);
    expect((await db.activityRows.get(created.record.id))?.status).toBe('closed');
  });

  it('refuses an invalid replacement and leaves the stored record untouched', async () => {
    const created = await repository.create('activity', activityDraft());
    if (!created.ok) throw new Error('create failed');
    const outcome = await repository.replace('activity', created.record.id, activityDraft({ countries: [] }));
    expect(outcome.ok).toBe(false);
    expect(await db.activities.get(created.record.id)).toEqual(created.record);
  });

  it('deletes a record with its list row and tells listeners after commit', async () => {
    const seen: string[] = [];
    repository.subscribe((changes) => seen.push(...changes.map((c) => `${c.entity}:${c.deleted}`)));
    const created = await repository.create('activity', activityDraft());
    if (!created.ok) throw new Error('create failed');
    await repository.remove('activity', created.record.id);
    expect(await db.activities.count()).toBe(0);
    expect(await db.activityRows.count()).toBe(0);
    expect(seen).toEqual(['activity:false', 'activity:true']);
  });

  it('imports a batch idempotently, rejects invalid items with reasons, and never overwrites a newer record', async () => {
    const now = '2025-05-01T10:00:00.000Z';
    // A stored record's updatedAt is the time of its latest change on this device: pin that clock.
    repository = createRepository(db, { now: () => Date.parse(now) });
    const organization = {
      entity: 'organization',
      id: newRecordId(),
      createdAt: now,
      updatedAt: now,
      name: { en: 'National University of Laos', lo: 'ມະຫາວິທະຍາໄລແຫ່ງຊາດ' },
      type: 'university',
      country: 'LA',
    };
    const bad = { ...organization, id: newRecordId(), country: 'XX' };
    const first = await repository.importBatch([
      { source: 1, value: organization },
      { source: 2, value: bad },
      { source: 3, value: { entity: 'spaceship' } },
    ]);
    expect(first).toMatchObject({ stored: 1, unchanged: 0, keptNewer: 0 });
    expect(first.rejected.map((r) => r.source)).toEqual([2, 3]);
    expect(first.rejected[0]?.issues[0]).toMatchObject({ path: 'country', message: 'v.country' });

    const again = await repository.importBatch([{ source: 1, value: organization }]);
    expect(again).toMatchObject({ stored: 0, unchanged: 1 });

    const sameMomentElsewhere = { ...organization, updatedAt: '2025-05-01T17:00:00.000+07:00' };
    expect(await repository.importBatch([{ source: 1, value: sameMomentElsewhere }])).toMatchObject({ stored: 0, unchanged: 1 });
    const sameMomentOtherContent = await repository.importBatch([{ source: 9, value: { ...organization, acronym: 'ODD' } }]);
    expect(sameMomentOtherContent).toMatchObject({ stored: 0, unchanged: 0 });
    expect(sameMomentOtherContent.rejected).toEqual([{ source: 9, issues: [{ path: 'updatedAt', message: 'v.sameTimeDifferentContent' }] }]);
    const older = { ...organization, updatedAt: '2025-05-01T16:00:00+07:00', acronym: 'OLD' };
    expect(await repository.importBatch([{ source: 1, value: older }])).toMatchObject({ stored: 0, keptNewer: 1 });
    expect((await db.organizations.get(organization.id))?.acronym).toBeUndefined();
    expect(await db.organizations.count()).toBe(1);
  });

  it('writes a record, its list row and its change records atomically: a failure leaves none of them', async () => {
    const originalBulkPut = db.activityRows.bulkPut.bind(db.activityRows);
    db.activityRows.bulkPut = (() => Promise.reject(new Error('disk full'))) as unknown as typeof originalBulkPut;
    await expect(repository.create('activity', activityDraft())).rejects.toThrow('disk full');
    db.activityRows.bulkPut = originalBulkPut;
    expect(await db.activities.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
    expect(await db.recordMeta.count()).toBe(0);
    // And the device's counters did not move: the next change still gets seq 1 (no gap).
    const created = await repository.create('activity', activityDraft());
    expect(created.ok).toBe(true);
    expect((await db.changes.toArray()).map((c) => c.seq).sort((a, b) => a - b)[0]).toBe(1);
  });

  it('records every write as field-level changes: creation, the edited fields only, and a tombstone', async () => {
    const created = await repository.create('activity', activityDraft());
    if (!created.ok) throw new Error('create failed');
    const afterCreate = await db.changes.toArray();
    expect(new Set(afterCreate.map((c) => c.field))).toEqual(new Set(['title', 'description', 'details', 'status', 'countries', 'priorityAreas', 'plannedStart', 'plannedEnd', 'defaultCurrency', 'createdAt']));
    expect(afterCreate.every((c) => c.scope.join() === 'LA,CN' && c.seen.length === 0)).toBe(true);

    await repository.replace('activity', created.record.id, activityDraft({ status: 'closed' }));
    const edit = (await db.changes.toArray()).filter((c) => !afterCreate.some((a) => a.seq === c.seq));
    expect(edit.map((c) => [c.field, c.value])).toEqual([['status', 'closed']]);
    expect(edit[0]?.seen).toEqual([afterCreate.find((c) => c.field === 'status')?.stamp]);

    await repository.remove('activity', created.record.id);
    const history = await repository.history('activity', created.record.id);
    expect(history.at(-1)).toMatchObject({ field: '_deleted', value: true });
    expect((await db.recordMeta.get(['activity', created.record.id]))?.deleted).toBe(true);
    const seqs = (await db.changes.toArray()).map((c) => c.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('keeps only the newest copy when one batch holds the same record twice, in either order', async () => {
    const id = newRecordId();
    const version = (updatedAt: string, acronym: string) => ({ entity: 'organization', id, createdAt: '2024-01-01T00:00:00.000Z', updatedAt, name: { en: 'Vientiane Science Park' }, type: 'science-park', country: 'LA', acronym });
    const result = await repository.importBatch([
      { source: 1, value: version('2025-06-01T00:00:00.000Z', 'NEW') },
      { source: 2, value: version('2024-06-01T00:00:00.000Z', 'OLD') },
    ]);
    expect(result).toMatchObject({ stored: 1, keptNewer: 1 });
    expect((await db.organizations.get(id))?.acronym).toBe('NEW');
  });

  it('refuses to overwrite a record changed since the form loaded it', async () => {
    const created = await repository.create('activity', activityDraft());
    if (!created.ok) throw new Error('create failed');
    const loadedAt = created.record.updatedAt;
    await repository.replace('activity', created.record.id, activityDraft({ status: 'closed' }));
    const stale = await repository.replace('activity', created.record.id, activityDraft({ status: 'suspended' }), loadedAt);
    expect(stale).toEqual({ ok: false, issues: [{ path: '', message: 'v.changedElsewhere' }] });
    expect((await db.activities.get(created.record.id))?.status).toBe('closed');
  });

  it('refuses to delete a record that others still refer to, and deletes it once they are gone', async () => {
    const parent = await repository.create('activity', activityDraft());
    if (!parent.ok) throw new Error('create failed');
    const child = await repository.create('activity', activityDraft({ parentId: parent.record.id, title: { en: 'Drought tolerance training' } }));
    if (!child.ok) throw new Error('create failed');
    expect(await repository.remove('activity', parent.record.id)).toEqual({ ok: false, issues: [{ path: '', message: 'v.hasDependents', params: { count: 1 } }] });
    expect(await db.activities.count()).toBe(2);
    expect(await repository.remove('activity', child.record.id)).toEqual({ ok: true });
    expect(await repository.remove('activity', parent.record.id)).toEqual({ ok: true });
    expect(await db.activities.count()).toBe(0);
  });

  it('refuses a parent that would make a loop', async () => {
    const top = await repository.create('activity', activityDraft());
    if (!top.ok) throw new Error('create failed');
    const middle = await repository.create('activity', activityDraft({ parentId: top.record.id }));
    if (!middle.ok) throw new Error('create failed');
    const loop = await repository.replace('activity', top.record.id, activityDraft({ parentId: middle.record.id }));
    expect(loop).toEqual({ ok: false, issues: [{ path: 'parentId', message: 'v.parentCycle' }] });
    expect((await db.activities.get(top.record.id))?.parentId).toBeUndefined();
  });

  it('adopts records stored before the change log existed, once', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    await db.organizations.put({ entity: 'organization', id: newRecordId(), createdAt: at, updatedAt: at, name: { en: 'Lao Academy of Sciences' }, type: 'public-research-institute', country: 'LA' });
    expect(await repository.adoptUntracked()).toBe(1);
    expect((await db.changes.toArray()).every((c) => c.entity === 'organization' && c.scope.join() === 'LA')).toBe(true);
    const scans = db.organizations.toArray.bind(db.organizations);
    let scanned = false;
    db.organizations.toArray = (() => ((scanned = true), scans())) as typeof scans;
    expect(await repository.adoptUntracked()).toBe(0);
    expect(scanned).toBe(false);
  });

  it('takes in another device\'s changes, lists a conflict, and resolves it through IndexedDB', async () => {
    const created = await repository.create('activity', activityDraft());
    if (!created.ok) throw new Error('create failed');
    const id = created.record.id;
    const other = new SyncEngine(new MemoryStorage(), 'other-laptop', 'officer-2', () => Date.now() + 1000);
    await other.apply(await repository.changesBeyond({}));
    await other.recordLocal([{ kind: 'write', entity: 'activity', recordId: id, fields: { status: 'suspended' }, scope: ['LA', 'CN'] }]);
    await repository.replace('activity', id, activityDraft({ status: 'closed' }));
    const applied = await repository.applyRemote(await other.changesBeyond(await repository.vector()));
    expect(applied.applied).toBe(1);

    const [conflict] = await repository.conflicts();
    expect(conflict?.heads.map((h) => h.value).sort()).toEqual(['closed', 'suspended']);
    expect(await db.conflicts.count()).toBe(1);
    await repository.resolve(conflict!, { keep: conflict!.heads.find((h) => h.value === 'closed')!.stamp });
    expect(await repository.conflicts()).toEqual([]);
    expect((await db.activities.get(id))?.status).toBe('closed');
    expect((await db.activityRows.get(id))?.status).toBe('closed');

    // The other laptop receives the resolution and agrees.
    await other.apply(await repository.changesBeyond(await other.vector()));
    expect(await other.conflicts()).toEqual([]);
  });
});
