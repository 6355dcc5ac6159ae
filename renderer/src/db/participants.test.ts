import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { activityParticipants, createAndEnrol, enrolPeople, enrolledTwice, planEnrolment } from './participants';
import { createRepository, type Draft, type Repository } from './repository';

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

const person = (fields: Partial<Draft<'person'>> = {}): Draft<'person'> => ({
  nameNative: 'ສົມພອນ ວົງສະຫວັນ',
  nameNativeLanguage: 'lo',
  nameRomanized: 'Somphone Vongsavanh',
  sex: 'female',
  country: 'LA',
  roles: ['researcher'],
  ...fields,
});

async function course(): Promise<string> {
  const outcome = await repository.create('activity', {
    title: { en: 'Rice seed quality training course' },
    description: {},
    details: { kind: 'training-course', deliveryMode: 'in-person' },
    status: 'implementation',
    countries: ['LA', 'CN'],
    priorityAreas: ['tech/agriculture/crop-breeding'],
    plannedStart: '2025-04-01',
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.record.id;
}

async function stored(draft: Draft<'person'>): Promise<string> {
  const outcome = await repository.create('person', draft);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.record.id;
}

describe('the enrolment model', () => {
  it('plans each chosen person once, and nobody already taking part', () => {
    expect(planEnrolment(['a', 'b', 'a', 'c'], [{ personId: 'c' }])).toEqual({ toEnrol: ['a', 'b'], alreadyEnrolled: ['c'] });
    expect(planEnrolment([], [{ personId: 'c' }])).toEqual({ toEnrol: [], alreadyEnrolled: [] });
  });

  it('names the people two computers enrolled twice', () => {
    expect([...enrolledTwice([{ personId: 'a' }, { personId: 'b' }, { personId: 'a' }])]).toEqual(['a']);
    expect(enrolledTwice([{ personId: 'a' }, { personId: 'b' }]).size).toBe(0);
  });

  it('enrols chosen people as "enrolled" in their role, and never a second time', async () => {
    const activityId = await course();
    const somphone = await stored(person());
    const wang = await stored(person({ nameNative: '王芳', nameNativeLanguage: 'zh', nameRomanized: 'Wang Fang', country: 'CN' }));

    const first = await enrolPeople(activityId, [somphone, wang, somphone], 'trainee', store);
    expect(first.enrolled.map((p) => [p.personId, p.role, p.status])).toEqual([
      [somphone, 'trainee', 'enrolled'],
      [wang, 'trainee', 'enrolled'],
    ]);
    expect(first.alreadyEnrolled).toEqual([]);

    const again = await enrolPeople(activityId, [wang], 'trainee', store);
    expect(again.enrolled).toEqual([]);
    expect(again.alreadyEnrolled).toEqual([wang]);

    const rows = await activityParticipants(activityId, store);
    expect(rows.map((row) => row.person?.nameRomanized).sort()).toEqual(['Somphone Vongsavanh', 'Wang Fang']);
    expect(await db.participations.count()).toBe(2);
  });

  it('creates a person and enrols them at once, adding the role; an invalid person stores nothing', async () => {
    const activityId = await course();
    const created = await createAndEnrol(activityId, person({ roles: [] }), 'trainee', store);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.person.roles).toEqual(['trainee']);
    expect(created.participation).toMatchObject({ activityId, personId: created.person.id, role: 'trainee', status: 'enrolled' });

    const refused = await createAndEnrol(activityId, person({ nameNative: undefined, nameRomanized: undefined }), 'trainee', store);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'nameRomanized', message: 'v.personName' })]);
    expect(await db.people.count()).toBe(1);
    expect(await db.participations.count()).toBe(1);
  });

  it('registers and enrols in one write: a refused participation leaves no person behind, so a second try makes one person', async () => {
    const activityId = await course();
    const changes: string[] = [];
    repository.subscribe((batch) => changes.push(batch.map((change) => `${change.entity}:${change.ids.length}`).join(',')));
    // A participation the write path refuses (here: no valid activity): nothing at all is stored.
    const refused = await createAndEnrol('not-an-activity', person(), 'trainee', store);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'activityId' })]);
    expect(await db.people.count()).toBe(0);
    expect(await db.participations.count()).toBe(0);

    // Tried again on the right activity: one person, one participation, written together (one committed change).
    const created = await createAndEnrol(activityId, person(), 'trainee', store);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await db.people.count()).toBe(1);
    expect(await db.participations.count()).toBe(1);
    expect(await db.people.get(created.person.id)).toEqual(created.person);
    expect(created.participation).toMatchObject({ activityId, personId: created.person.id, role: 'trainee', status: 'enrolled' });
    expect(changes).toEqual(['person:1,participation:1']);
    // Both are this device's changes, as a form's create would be: they sync.
    expect((await repository.changesBeyond({})).filter((change) => change.entity === 'person' || change.entity === 'participation').map((change) => change.recordId)).toEqual(
      expect.arrayContaining([created.person.id, created.participation.id]),
    );
  });

  it('registers only within the signed-in person’s countries, as a form would: refused, neither record is stored', async () => {
    const activityId = await course();
    repository.setPrincipal({ userId: 'u-somchai', role: 'field-officer', countries: ['LA'] });
    // A trainee of Viet Nam, registered by an officer of Laos.
    const vietnamese = await createAndEnrol(activityId, person({ country: 'VN', nameRomanized: 'Nguyen Van An' }), 'trainee', store);
    expect(vietnamese).toEqual({ ok: false, issues: [{ path: '', message: 'v.outOfScope', params: { country: 'VN' } }] });
    expect(await db.people.count()).toBe(0);
    expect(await db.participations.count()).toBe(0);

    // A trainee of his, in an activity that is not his: the participation is refused, and the person with it.
    repository.setPrincipal({ userId: 'u-lan', role: 'field-officer', countries: ['VN'] });
    const notHisActivity = await createAndEnrol(activityId, person({ country: 'VN', nameRomanized: 'Nguyen Van An' }), 'trainee', store);
    expect(notHisActivity).toEqual({ ok: false, issues: [{ path: '', message: 'v.outOfScope', params: { country: 'LA, CN' } }] });
    expect(await db.people.count()).toBe(0);

    repository.setPrincipal({ userId: 'u-somchai', role: 'field-officer', countries: ['LA'] });
    expect((await createAndEnrol(activityId, person(), 'trainee', store)).ok).toBe(true);
    expect(await db.people.count()).toBe(1);
    expect(await db.participations.count()).toBe(1);
  });

  it('the write path refuses a certificate number unless the participation is completed', async () => {
    const activityId = await course();
    const { enrolled } = await enrolPeople(activityId, [await stored(person())], 'trainee', store);
    const participation = enrolled[0]!;
    const { entity: _e, id, createdAt: _c, updatedAt, ...draft } = participation;
    const refused = await repository.replace('participation', id, { ...draft, certificateNumber: 'STEP-2025-001' }, updatedAt);
    expect(refused).toEqual({ ok: false, issues: [expect.objectContaining({ path: 'certificateNumber', message: 'v.certificateNeedsCompletion' })] });
    const completed = await repository.replace('participation', id, { ...draft, status: 'completed', completedOn: '2025-04-20', certificateNumber: 'STEP-2025-001' }, updatedAt);
    expect(completed.ok).toBe(true);
  });
});
