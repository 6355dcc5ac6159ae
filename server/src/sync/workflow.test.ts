import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecordId, type RecordRef, type UserRole } from '@shared/domain';
import { workflowOf } from '@shared/workflow/workflow';
import { bundleForServer } from '../bundles/testBundles';
import { importBundle } from '../bundles/import';
import { startTestServer, type TestDevice, type TestServer, type TestUser } from '../testing';
import { approvalsAbout } from './workflow';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

const minute = 60_000;
/** A moment `minutes` from now (negative: before). */
const at = (minutes: number) => new Date(Date.now() + minutes * minute).toISOString();

/** Records a review step on the device's desk, as the desk's write path would: answers the step's id. */
async function step(
  device: TestDevice,
  target: RecordRef,
  action: 'submit' | 'return' | 'approve' | 'accept' | 'unlock',
  when: string,
  actor: { userId?: string; role?: UserRole } = {},
): Promise<string> {
  const id = newRecordId();
  await device.update('approval', id, {
    createdAt: when,
    target,
    action,
    ...(action === 'return' ? { comment: 'Please add the photos of the plots.' } : {}),
    actorUserId: actor.userId ?? device.user.id,
    actorRole: actor.role ?? device.user.role,
    at: when,
  }, ['TH']);
  return id;
}

const stateOf = async (target: RecordRef) => workflowOf((await approvalsAbout(server.db, [target])).get(`${target.entity}:${target.recordId}`) ?? []).state;
const statusOf = async (target: RecordRef) => (await server.db.query<{ data: { status?: string; name?: unknown }; deleted: boolean }>('select data, deleted from records where entity = $1 and record_id = $2', [target.entity, target.recordId]))[0];

interface Team {
  officer: TestDevice;
  coordinator: TestDevice;
  secretariat: TestDevice;
  coordinatorUser: TestUser;
}
async function team(country: 'TH' | 'VN' = 'TH'): Promise<Team> {
  const coordinatorUser = await server.createUser({ role: 'national-coordinator', countries: [country] });
  return {
    officer: await server.enroll(await server.createUser({ role: 'field-officer', countries: [country] })),
    coordinator: await server.enroll(coordinatorUser),
    secretariat: await server.enroll(await server.createUser({ role: 'secretariat' })),
    coordinatorUser,
  };
}

/** An organization of Thailand the officer registered and submitted (pushed). */
async function submitted({ officer }: Team): Promise<RecordRef> {
  const organization = await officer.create('organization', { country: 'TH' });
  const target = { entity: 'organization', recordId: organization.id } as const;
  await step(officer, target, 'submit', at(-30));
  expect((await officer.push()).refused).toEqual([]);
  return target;
}

describe('the review workflow on the server', () => {
  it('accepts an officer’s submit and a coordinator’s approve of a submitted record in her country', async () => {
    const people = await team();
    const target = await submitted(people);
    expect(await stateOf(target)).toBe('submitted');
    await step(people.coordinator, target, 'approve', at(-20));
    const result = await people.coordinator.push();
    expect(result.refused).toEqual([]);
    expect(result.accepted).toBeGreaterThan(0);
    expect(await stateOf(target)).toBe('approved');
  });

  it('refuses an officer’s approve, whatever the record’s state', async () => {
    const people = await team();
    const target = await submitted(people);
    const id = await step(people.officer, target, 'approve', at(-20));
    const result = await people.officer.push();
    expect(result.accepted).toBe(0);
    expect(result.refused.length).toBeGreaterThan(0);
    expect(result.refused.every((refusal) => refusal.reason === 'workflow' && refusal.recordId === id)).toBe(true);
    expect(result.refused[0]!.detail).toContain('field-officer may not approve');
    expect(await stateOf(target)).toBe('submitted');
  });

  it('refuses a step taken in someone else’s name, or with a role the sender does not have', async () => {
    const people = await team();
    const target = await submitted(people);
    const otherCoordinator = await server.createUser({ role: 'national-coordinator', countries: ['TH'] });
    await step(people.officer, target, 'approve', at(-20), { userId: otherCoordinator.id, role: 'national-coordinator' });
    await step(people.officer, target, 'approve', at(-19), { role: 'national-coordinator' });
    const result = await people.officer.push();
    expect(result.accepted).toBe(0);
    expect(new Set(result.refused.map((refusal) => refusal.reason))).toEqual(new Set(['workflow']));
    expect(result.refused.map((refusal) => refusal.detail)).toContainEqual(expect.stringContaining(`in the name of ${otherCoordinator.id}`));
    expect(await stateOf(target)).toBe('submitted');
  });

  it('refuses a coordinator’s approve of a record outside her countries (the access rules still apply)', async () => {
    const people = await team();
    const target = await submitted(people);
    const vietnam = await server.enroll(await server.createUser({ role: 'national-coordinator', countries: ['VN'] }));
    await step(vietnam, target, 'approve', at(-20));
    const result = await vietnam.push();
    expect(result.accepted).toBe(0);
    expect(new Set(result.refused.map((refusal) => refusal.reason))).toEqual(new Set(['out-of-scope']));
    expect(await stateOf(target)).toBe('submitted');
  });

  it('refuses edits and deletes of an approved record with "locked", and keeps the record as it was', async () => {
    const people = await team();
    const target = await submitted(people);
    await step(people.coordinator, target, 'approve', at(-20));
    await people.coordinator.push();
    const before = await statusOf(target);

    const [edit] = await people.officer.update('organization', target.recordId, { city: 'Udon Thani' });
    const [remove] = await people.officer.remove('organization', target.recordId);
    const result = await people.officer.push();
    expect(result.accepted).toBe(0);
    expect(result.refused.map((refusal) => [refusal.seq, refusal.reason])).toEqual([
      [edit!.seq, 'locked'],
      [remove!.seq, 'locked'],
    ]);
    expect(result.refused[0]!.detail).toContain('is approved');
    expect(await statusOf(target)).toEqual(before);
  });

  it('refuses an edit of a submitted record with "locked": it is corrected after a return', async () => {
    const people = await team();
    const target = await submitted(people);
    const [edit] = await people.officer.update('organization', target.recordId, { city: 'Changed under review' });
    const result = await people.officer.push();
    expect(result.refused.map((refusal) => [refusal.seq, refusal.reason])).toEqual([[edit!.seq, 'locked']]);
    expect(result.refused[0]!.detail).toContain('is submitted: only national-coordinator or secretariat can unlock or return it');
    expect((await statusOf(target))!.data).not.toMatchObject({ city: 'Changed under review' });

    await step(people.coordinator, target, 'return', at(-10));
    expect((await people.coordinator.push()).refused).toEqual([]);
    await people.officer.update('organization', target.recordId, { city: 'Corrected after the return' });
    expect((await people.officer.push()).refused).toEqual([]);
    expect((await statusOf(target))!.data).toMatchObject({ city: 'Corrected after the return' });
  });

  it('accepts an unlock then an edit in one push, and refuses an edit after an approve in one push', async () => {
    const people = await team();
    const target = await submitted(people);
    await step(people.coordinator, target, 'approve', at(-20));
    await people.coordinator.push();

    await step(people.coordinator, target, 'unlock', at(-10));
    await people.coordinator.update('organization', target.recordId, { city: 'Khon Kaen city' });
    const unlocked = await people.coordinator.push();
    expect(unlocked.refused).toEqual([]);
    expect(await stateOf(target)).toBe('draft');
    expect((await statusOf(target))!.data).toMatchObject({ city: 'Khon Kaen city' });

    // Submit, approve, then edit: the edit comes after the approval locked the record.
    await step(people.coordinator, target, 'submit', at(-5));
    await step(people.coordinator, target, 'approve', at(-4));
    const [late] = await people.coordinator.update('organization', target.recordId, { city: 'Too late' });
    const locked = await people.coordinator.push();
    expect(locked.refused.map((refusal) => [refusal.seq, refusal.reason])).toEqual([[late!.seq, 'locked']]);
    expect(await stateOf(target)).toBe('approved');
  });

  it('refuses any change to a step already taken: steps are immutable', async () => {
    const people = await team();
    const organization = await people.officer.create('organization', { country: 'TH' });
    const target = { entity: 'organization', recordId: organization.id } as const;
    const id = await step(people.officer, target, 'submit', at(-30));
    await people.officer.push();
    const [comment] = await people.officer.update('approval', id, { comment: 'Changed my mind' });
    const [remove] = await people.officer.remove('approval', id);
    const result = await people.officer.push();
    expect(result.refused.map((refusal) => [refusal.seq, refusal.reason])).toEqual([
      [comment!.seq, 'workflow'],
      [remove!.seq, 'workflow'],
    ]);
    expect(await stateOf(target)).toBe('submitted');
  });

  it('keeps a coordinator’s approve that arrives before the submission it answers; it counts once that arrives', async () => {
    const people = await team();
    const organization = await people.officer.create('organization', { country: 'TH' });
    const target = { entity: 'organization', recordId: organization.id } as const;
    await people.officer.push();
    // The officer submits offline; the coordinator saw it in the officer's USB bundle, approved, and syncs first.
    await step(people.officer, target, 'submit', at(-30));
    await step(people.coordinator, target, 'approve', at(-20));
    expect((await people.coordinator.push()).refused).toEqual([]);
    expect(await stateOf(target)).toBe('draft');
    // The officer's push brings the submission: the approval now counts, as it does on every desk.
    expect((await people.officer.push()).refused).toEqual([]);
    expect(await stateOf(target)).toBe('approved');
  });

  it('keeps both of two reviewers’ concurrent steps, whatever order they arrive in: the same state either way', async () => {
    /** An approved record; then, offline, the Secretariat accepts it and the coordinator unlocks it (dated before the acceptance). */
    async function concurrent() {
      const people = await team();
      const target = await submitted(people);
      await step(people.coordinator, target, 'approve', at(-20));
      expect((await people.coordinator.push()).refused).toEqual([]);
      await step(people.secretariat, target, 'accept', at(-10));
      await step(people.coordinator, target, 'unlock', at(-15));
      return { people, target };
    }
    const folded = async (target: RecordRef) => {
      const status = workflowOf((await approvalsAbout(server.db, [target])).get(`${target.entity}:${target.recordId}`) ?? []);
      return { state: status.state, steps: status.history.map((each) => each.action), ignored: status.history.filter((each) => status.ignored.includes(each.id)).map((each) => each.action) };
    };

    const acceptFirst = await concurrent();
    expect((await acceptFirst.people.secretariat.push()).refused).toEqual([]);
    expect((await acceptFirst.people.coordinator.push()).refused).toEqual([]);

    const unlockFirst = await concurrent();
    expect((await unlockFirst.people.coordinator.push()).refused).toEqual([]);
    expect((await unlockFirst.people.secretariat.push()).refused).toEqual([]);

    // The unlock, dated first, reopens the record; the acceptance then finds a draft and does not count,
    // on the server as on the coordinator's desk, which folds the same steps.
    const expected = { state: 'draft', steps: ['submit', 'approve', 'unlock', 'accept'], ignored: ['accept'] };
    expect(await folded(acceptFirst.target)).toEqual(expected);
    expect(await folded(unlockFirst.target)).toEqual(expected);
  });

  it('refuses a step dated in the future', async () => {
    const people = await team();
    const target = await submitted(people);
    await step(people.secretariat, target, 'return', at(3 * 24 * 60));
    const secretariat = await people.secretariat.push();
    expect(secretariat.accepted).toBe(0);
    expect(secretariat.refused.map((refusal) => refusal.reason)).toContain('workflow');
    expect(secretariat.refused[0]!.detail).toContain('in the future');
    expect(await stateOf(target)).toBe('submitted');
  });

  it('judges a step that arrives in parts when it is complete; only the device that took it completes it', async () => {
    const people = await team();
    const target = await submitted(people);
    const id = await step(people.coordinator, target, 'approve', at(-20));
    const changes = people.coordinator.unsent();
    expect(changes.map((change) => change.field)).toEqual(['createdAt', 'target', 'action', 'actorUserId', 'actorRole', 'at']);
    expect((await people.coordinator.push(changes.slice(0, 3))).refused).toEqual([]);
    expect(await stateOf(target)).toBe('submitted');
    expect((await people.coordinator.push(changes.slice(3))).refused).toEqual([]);
    expect(await stateOf(target)).toBe('approved');
    // Another device may not add what the step did not say (a comment in the coordinator's name)...
    const other = await server.enroll(people.coordinatorUser);
    const [foreign] = await other.update('approval', id, { comment: 'Added later by someone else' }, ['TH']);
    expect((await other.push()).refused).toEqual([expect.objectContaining({ seq: foreign!.seq, reason: 'workflow' })]);
    // ...nor the one that took it change what it said; it may add its comment.
    const [action] = await people.coordinator.update('approval', id, { action: 'return' }, ['TH']);
    expect((await people.coordinator.push()).refused.map((refusal) => [refusal.seq, refusal.reason])).toEqual([[action!.seq, 'workflow']]);
    await people.coordinator.update('approval', id, { comment: 'Good photos.' }, ['TH']);
    expect(await people.coordinator.push()).toMatchObject({ accepted: 1, refused: [] });
    const steps = (await approvalsAbout(server.db, [target])).get(`${target.entity}:${target.recordId}`)!;
    expect(steps.find((each) => each.id === id)).toMatchObject({ action: 'approve', comment: 'Good photos.' });
    expect(await stateOf(target)).toBe('approved');
  });

  it('refuses the first part of a step already when it names someone else', async () => {
    const people = await team();
    const target = await submitted(people);
    await step(people.officer, target, 'approve', at(-20), { userId: people.coordinatorUser.id, role: 'national-coordinator' });
    const changes = people.officer.unsent();
    const result = await people.officer.push(changes.slice(0, 4));
    expect(result.refused.map((refusal) => refusal.reason)).toEqual(['workflow', 'workflow', 'workflow', 'workflow']);
    expect(result.refused[0]!.detail).toContain(`in the name of ${people.coordinatorUser.id}`);
  });

  it('judges a bundle the same way: a coordinator carries an officer’s submission with her approval', async () => {
    const people = await team();
    const organization = await people.officer.create('organization', { country: 'TH' });
    const target = { entity: 'organization', recordId: organization.id } as const;
    await step(people.officer, target, 'submit', at(-30));
    const officerApprove = await step(people.officer, target, 'approve', at(-29));
    // The coordinator's desk imported the officer's bundle: what she does next comes after it.
    await people.coordinator.engine.apply(people.officer.unsent());
    await step(people.coordinator, target, 'approve', at(-20));
    const [edit] = await people.coordinator.update('organization', target.recordId, { city: 'After approval' }, ['TH']);
    const bytes = await bundleForServer(server, people.coordinator, [
      { ...people.officer, changes: people.officer.unsent() },
      { ...people.coordinator, changes: people.coordinator.unsent() },
    ]);
    const answer = await importBundle(server.db, server.serverKey, bytes, { kind: 'cli' });
    expect(new Set(answer.refused.filter((refusal) => refusal.reason === 'workflow').map((refusal) => refusal.recordId))).toEqual(new Set([officerApprove]));
    expect(answer.refused.filter((refusal) => refusal.reason === 'locked').map((refusal) => [refusal.device, refusal.seq])).toEqual([[people.coordinator.id, edit!.seq]]);
    expect(answer.refused.every((refusal) => refusal.reason === 'workflow' || refusal.reason === 'locked')).toBe(true);
    expect(await stateOf(target)).toBe('approved');
    expect((await statusOf(target))!.data).not.toMatchObject({ city: 'After approval' });
  });
});
