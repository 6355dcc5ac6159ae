import 'fake-indexeddb/auto';
import type { Principal } from '@shared/access/rules';
import { exampleRecords } from '@shared/demo/examples';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import validationEn from '../i18n/validation/en.json';
import validationZh from '../i18n/validation/zh.json';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Draft, type Repository } from './repository';

/**
 * The desk's write path follows the server's access rules (@shared/access/rules writeRefusal) for the
 * signed-in person: nobody saves here what the server would refuse for its countries.
 */
const thaiOfficer: Principal = { userId: 'u-somchai', role: 'field-officer', countries: ['TH'] };
const secretariat: Principal = { userId: 'u-mei', role: 'secretariat', countries: [] };

const organization = (country: 'TH' | 'VN', name = 'Khon Kaen University'): Draft<'organization'> => ({ name: { en: name }, type: 'university', country });
const activityDraft = (countries: ('TH' | 'VN' | 'CN')[]): Draft<'activity'> => ({
  title: { en: 'Cassava starch cooperative' },
  description: { en: 'A cooperative for cassava starch.' },
  details: { kind: 'joint-lab', researchLines: ['Starch'], equipment: [] },
  status: 'implementation',
  countries,
  priorityAreas: ['tech/agriculture/crop-breeding'],
  plannedStart: '2024-03-01',
  plannedEnd: '2027-02-28',
  defaultCurrency: 'CNY',
});

let db: StepDatabase;
let repository: Repository;
beforeEach(async () => {
  db = openStepDatabase(`scope-${Math.random()}`);
  await db.open();
  repository = createRepository(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const issuesOf = (outcome: { ok: boolean; issues?: unknown }) => (outcome.ok ? [] : outcome.issues);
async function created<E extends 'organization' | 'activity'>(entity: E, draft: Draft<E>) {
  const outcome = await repository.create(entity, draft);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.record;
}

describe('the write path and the signed-in person’s countries', () => {
  it('lets a Thai officer create a record of Thailand, not one of Viet Nam; nothing is stored or recorded for it', async () => {
    repository.setPrincipal(thaiOfficer);
    expect((await repository.create('organization', organization('TH'))).ok).toBe(true);
    const changes = (await repository.changesBeyond({})).length;
    expect(issuesOf(await repository.create('organization', organization('VN', 'Hanoi University of Science')))).toEqual([
      { path: '', message: 'v.outOfScope', params: { country: 'VN' } },
    ]);
    expect(await db.organizations.count()).toBe(1);
    expect((await repository.changesBeyond({})).length).toBe(changes);
    // A record that takes its countries from another (a budget from its activity) is judged by those.
    const vietnam = await (async () => {
      repository.setPrincipal(undefined);
      const activity = await created('activity', activityDraft(['VN']));
      repository.setPrincipal(thaiOfficer);
      return activity;
    })();
    const { entity: _e, id: _i, createdAt: _c, updatedAt: _u, ...budget } = exampleRecords.budget;
    expect(issuesOf(await repository.create('budget', { ...budget, activityId: vietnam.id }))).toEqual([{ path: '', message: 'v.outOfScope', params: { country: 'VN' } }]);
    expect(await db.budgets.count()).toBe(0);
  });

  it('refuses to move a record of his out of his countries, and to change or delete one that is not his', async () => {
    repository.setPrincipal(thaiOfficer);
    const mine = await created('organization', organization('TH'));
    const { entity: _e, id: _i, createdAt: _c, updatedAt: _u, ...draft } = mine;
    expect(issuesOf(await repository.replace('organization', mine.id, { ...draft, country: 'VN' }))).toEqual([
      { path: '', message: 'v.movesOutOfScope', params: { country: 'VN' } },
    ]);
    expect((await db.organizations.get(mine.id))?.country).toBe('TH');
    // Shared with Viet Nam is still his; taken away from Thailand is not.
    const shared = await created('activity', activityDraft(['TH', 'CN']));
    const { entity: _ae, id: _ai, createdAt: _ac, updatedAt: _au, ...activity } = shared;
    expect((await repository.replace('activity', shared.id, { ...activity, countries: ['TH', 'VN'] })).ok).toBe(true);
    expect(issuesOf(await repository.replace('activity', shared.id, { ...activity, countries: ['VN', 'CN'] }))).toEqual([
      { path: '', message: 'v.movesOutOfScope', params: { country: 'VN, CN' } },
    ]);

    // A Vietnamese record on his desk (typed before enrollment): his to read, not to change or delete.
    repository.setPrincipal(undefined);
    const theirs = await created('organization', organization('VN', 'Hanoi University of Science'));
    repository.setPrincipal(thaiOfficer);
    const { entity: _te, id: _ti, createdAt: _tc, updatedAt: _tu, ...theirDraft } = theirs;
    expect(issuesOf(await repository.replace('organization', theirs.id, { ...theirDraft, country: 'TH' }))).toEqual([
      { path: '', message: 'v.outOfScope', params: { country: 'VN' } },
    ]);
    expect(issuesOf(await repository.remove('organization', theirs.id))).toEqual([{ path: '', message: 'v.outOfScope', params: { country: 'VN' } }]);
    expect(await db.organizations.get(theirs.id)).toEqual(theirs);
    expect((await repository.remove('organization', mine.id)).ok).toBe(true);
  });

  it('lets the Secretariat write anything, and checks nothing on a desk nobody is signed in to', async () => {
    for (const who of [secretariat, undefined]) {
      repository.setPrincipal(who);
      const record = await created('organization', organization('VN'));
      const { entity: _e, id: _i, createdAt: _c, updatedAt: _u, ...draft } = record;
      expect((await repository.replace('organization', record.id, { ...draft, country: 'TH' })).ok).toBe(true);
      expect((await repository.remove('organization', record.id)).ok).toBe(true);
    }
  });

  it('does not judge remote changes: another replica’s record of Viet Nam is taken in as it comes', async () => {
    repository.setPrincipal(thaiOfficer);
    const other = new SyncEngine(new MemoryStorage(), 'other-laptop', 'user:u-lan', () => Date.now());
    const id = '019700aa-0000-7000-8000-00000000a001';
    const at = new Date().toISOString();
    await other.recordLocal([{ kind: 'write', entity: 'organization', recordId: id, fields: { createdAt: at, name: { en: 'Hanoi University of Science' }, type: 'university', country: 'VN' }, scope: ['VN'] }]);
    expect((await repository.applyRemote(await other.changesBeyond({}))).applied).toBeGreaterThan(0);
    expect((await db.organizations.get(id))?.country).toBe('VN');
  });

  it('says so in English and Chinese', () => {
    for (const tree of [validationEn, validationZh]) {
      expect(tree.v.outOfScope).toContain('{{country}}');
      expect(tree.v.movesOutOfScope).toContain('{{country}}');
    }
  });
});
