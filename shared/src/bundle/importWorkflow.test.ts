import { beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../domain/entities/approval';
import type { Change } from '../sync/change';
import { approvalOf } from '../workflow/judge';
import { workflowOf } from '../workflow/workflow';
import { applyImport, exportBundle, prepareImport } from './exchange';
import { testBundleReplica, type BundleReplica } from './testReplica';
import { testIssuer, type TestIssuer } from './testing';

/**
 * A desk importing a bundle judges the review workflow as the server does (shared/src/workflow/judge.ts):
 * an edit of a record locked in review, or a step in someone else's name, is quarantined ('locked',
 * 'workflow'), never applied; what the server takes, the desk takes.
 */

const activityId = '019a0000-0000-7000-8000-000000000001';
const target = { entity: 'activity', recordId: activityId } as const;
let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await testIssuer();
});

let stepCounter = 0;
const stepId = () => `019a0000-0000-7000-8000-1000000000${String(++stepCounter).padStart(2, '0')}`;

/** A write to the activity, a second after the replica's last one. */
async function edit(r: BundleReplica, fields: Record<string, Change['value']>) {
  r.clock.now += 1000;
  await r.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: activityId, fields, scope: ['TH'] }]);
}

/** A review step on the activity, taken on `r` (by default as its own user). */
async function step(r: BundleReplica, action: Approval['action'], actor: { userId?: string; role?: Approval['actorRole'] } = {}): Promise<string> {
  r.clock.now += 1000;
  const at = new Date(r.clock.now).toISOString();
  const id = stepId();
  await r.engine.recordLocal([
    {
      kind: 'write',
      entity: 'approval',
      recordId: id,
      fields: {
        createdAt: at,
        target,
        action,
        ...(action === 'return' || action === 'unlock' ? { comment: 'Please add the figures.' } : {}),
        actorUserId: actor.userId ?? r.identity.principal.userId,
        actorRole: actor.role ?? r.identity.principal.role,
        at,
      },
      scope: ['TH'],
    },
  ]);
  return id;
}

async function carry(from: BundleReplica, to: BundleReplica) {
  const exported = await exportBundle(from.port, { recipient: to.recipient, recipientScope: to.scope });
  const plan = await prepareImport(to.port, exported.bytes, to.key);
  return { plan, result: await applyImport(to.port, plan) };
}

const stateOn = (r: BundleReplica) => {
  const steps = [...r.storage.records().values()].flatMap((record) => {
    const approval = record.entity === 'approval' ? approvalOf(record.recordId, record.values, record.updatedAt) : undefined;
    return approval ? [approval] : [];
  });
  return workflowOf(steps).state;
};
const quarantined = (r: BundleReplica) => [...r.port.state.quarantine.values()].map((entry) => [entry.change.entity, entry.change.field, entry.reason]).sort();
const titleOn = (r: BundleReplica) => r.storage.records().get(`activity:${activityId}`)?.values.title;

async function team() {
  const officer = await testBundleReplica(issuer, 'officer-th', { countries: ['TH'] });
  const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
  const secretariat = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
  await edit(officer, { countries: ['TH'], title: { en: 'Cassava starch cooperative' }, status: 'implementation' });
  return { officer, coordinator, secretariat };
}

describe('the review workflow on a desk importing a bundle', () => {
  it('quarantines an officer’s edit of a record the coordinator approved ("locked"): she keeps what she approved', async () => {
    const { officer, coordinator } = await team();
    await step(officer, 'submit');
    await carry(officer, coordinator);
    coordinator.clock.now = officer.clock.now;
    await step(coordinator, 'approve');
    expect(stateOn(coordinator)).toBe('approved');
    // The officer, who has not seen the approval, changes the title.
    await edit(officer, { title: { en: 'Changed after the approval' } });
    const { plan, result } = await carry(officer, coordinator);
    expect(result).toMatchObject({ applied: 0, quarantined: 1 });
    expect(plan.summary.rejected).toEqual([expect.objectContaining({ entity: 'activity', field: 'title', reason: 'locked', detail: expect.stringContaining('is approved') })]);
    expect(quarantined(coordinator)).toEqual([['activity', 'title', 'locked']]);
    expect(titleOn(coordinator)).toEqual({ en: 'Cassava starch cooperative' });
  });

  it('quarantines a step taken in someone else’s name, or that the role may never take ("workflow")', async () => {
    const { officer, coordinator } = await team();
    await step(officer, 'submit');
    await step(officer, 'approve', { userId: coordinator.identity.principal.userId, role: 'national-coordinator' });
    const { result } = await carry(officer, coordinator);
    expect(result.quarantined).toBe(6);
    expect(new Set(quarantined(coordinator).map(([entity, , reason]) => `${entity} ${reason}`))).toEqual(new Set(['approval workflow']));
    expect(stateOn(coordinator)).toBe('submitted');

    const other = await team();
    await step(other.officer, 'submit');
    await step(other.officer, 'approve');
    const plan = (await carry(other.officer, other.coordinator)).plan;
    expect(plan.summary.rejected[0]?.detail).toContain('field-officer may not approve');
    expect(stateOn(other.coordinator)).toBe('submitted');
  });

  it('takes what the server takes: a correction after a return, relayed with the return, judged in causal order', async () => {
    const { officer, coordinator, secretariat } = await team();
    await step(officer, 'submit');
    await carry(officer, coordinator);
    coordinator.clock.now = officer.clock.now;
    await step(coordinator, 'return');
    await carry(coordinator, officer);
    officer.clock.now = coordinator.clock.now;
    await edit(officer, { title: { en: 'Corrected after the return' } });
    // The officer's bundle relays the coordinator's return: the Secretariat's desk takes the whole story in,
    // in the order it happened (submit, return, correction), not device by device.
    const { result } = await carry(officer, secretariat);
    expect(result).toMatchObject({ quarantined: 0 });
    expect(stateOn(secretariat)).toBe('returned');
    expect(titleOn(secretariat)).toEqual({ en: 'Corrected after the return' });
  });

  it('takes an unlock and the edit after it in one bundle, and keeps a step that does not count yet', async () => {
    const { officer, coordinator, secretariat } = await team();
    await step(officer, 'submit');
    await carry(officer, coordinator);
    coordinator.clock.now = officer.clock.now;
    await step(coordinator, 'approve');
    await step(coordinator, 'unlock');
    await edit(coordinator, { title: { en: 'Fixed by the coordinator' } });
    await step(coordinator, 'submit');
    // Her own approval of that second submission, then an accept she may never take: the accept alone is refused.
    await step(coordinator, 'approve');
    await step(coordinator, 'accept', { role: 'national-coordinator' });
    const { result } = await carry(coordinator, secretariat);
    expect(new Set(quarantined(secretariat).map(([entity, , reason]) => `${entity} ${reason}`))).toEqual(new Set(['approval workflow']));
    expect(result.quarantined).toBe(6);
    expect(titleOn(secretariat)).toEqual({ en: 'Fixed by the coordinator' });
    expect(stateOn(secretariat)).toBe('approved');
  });

  it('judges a resumed import as an uninterrupted one: steps already applied keep their causal place', async () => {
    // The officer edits; the coordinator, who got the record by USB, submits and approves it after that edit.
    async function story() {
      const { officer, coordinator } = await team();
      await edit(officer, { title: { en: 'Edited before the review' } });
      await carry(officer, coordinator);
      coordinator.clock.now = officer.clock.now;
      await step(coordinator, 'submit');
      await step(coordinator, 'approve');
      return coordinator;
    }
    const bundleOf = async (coordinator: BundleReplica, to: BundleReplica) => (await exportBundle(coordinator.port, { recipient: to.recipient, recipientScope: to.scope })).bytes;

    const whole = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
    const first = await story();
    expect(await applyImport(whole.port, await prepareImport(whole.port, await bundleOf(first, whole), whole.key))).toMatchObject({ quarantined: 0 });

    let crash = true;
    const cut = await testBundleReplica(issuer, 'secretariat-two', {
      role: 'secretariat',
      beforeCommit: ({ index }) => {
        if (crash && index === 1) throw new Error('power cut');
      },
    });
    const bytes = await bundleOf(first, cut);
    const plan = await prepareImport(cut.port, bytes, cut.key);
    expect(plan.summary.chunks).toBeGreaterThan(1);
    await expect(applyImport(cut.port, plan)).rejects.toThrow('power cut');
    // The coordinator's own chunk (her steps) is in; the officer's relayed edits are not.
    expect(stateOn(cut)).toBe('approved');
    crash = false;
    const resumed = await prepareImport(cut.port, bytes, cut.key);
    expect(resumed.summary.doneChunks).toBe(1);
    expect(resumed.summary.rejected).toEqual([]);
    expect(await applyImport(cut.port, resumed)).toMatchObject({ quarantined: 0 });
    expect(quarantined(cut)).toEqual([]);
    expect(titleOn(cut)).toEqual(titleOn(whole));
    expect(titleOn(cut)).toEqual({ en: 'Edited before the review' });
    expect(stateOn(cut)).toBe(stateOn(whole));
  });
});
