import 'fake-indexeddb/auto';
import type { UserInfo } from '@shared/api/contract';
import { applyImport, exportBundle, prepareImport } from '@shared/bundle/exchange';
import { testBundleReplica, type BundleReplica } from '@shared/bundle/testReplica';
import { testIssuer, type TestIssuer } from '@shared/bundle/testing';
import type { BundleKey, BundleRecipient } from '@shared/bundle/types';
import type { Approval } from '@shared/domain';
import type { Change } from '@shared/sync/change';
import { workflowOf } from '@shared/workflow/workflow';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRetryable } from './bundleStore';
import { openStepDatabase, type StepDatabase } from './database';
import { createStore, type Store } from './store';
import { enrollTestDesk } from './testing/enrolledDesk';

/**
 * A coordinator's desk importing an officer's USB bundle judges the review workflow as the server does
 * (shared/src/workflow/judge.ts): an edit of a record she approved, or a step in her name taken on the
 * officer's laptop, is quarantined ('locked', 'workflow'), and stays so when retried.
 */

const organizationId = '019a0000-0000-7000-8000-000000000001';
const target = { entity: 'organization', recordId: organizationId } as const;
const coordinator: UserInfo = { id: 'u-coord', username: 'coord', displayName: 'Coordinator', role: 'national-coordinator', countries: ['TH'] };

let issuer: TestIssuer;
let db: StepDatabase;
let store: Store;
let desk: { recipient: BundleRecipient; key: BundleKey };

async function enroll(user: UserInfo) {
  desk = await enrollTestDesk(store, issuer, user, { principal: true });
}

beforeAll(async () => {
  issuer = await testIssuer();
});
beforeEach(async () => {
  db = openStepDatabase(`bundle-workflow-${Math.random()}`);
  store = createStore(db);
  await db.open();
  await enroll(coordinator);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

let steps = 0;
async function write(r: BundleReplica, entity: Change['entity'], recordId: string, fields: Record<string, Change['value']>) {
  r.clock.now = Math.max(r.clock.now, Date.now() - 3_600_000) + 1000;
  await r.engine.recordLocal([{ kind: 'write', entity, recordId, fields, scope: ['TH'] }]);
}
async function step(r: BundleReplica, action: Approval['action'], actor: { userId: string; role: Approval['actorRole'] } = r.identity.principal) {
  const at = new Date(r.clock.now + 1000).toISOString();
  await write(r, 'approval', `019a0000-0000-7000-8000-2000000000${String(++steps).padStart(2, '0')}`, { createdAt: at, target, action, actorUserId: actor.userId, actorRole: actor.role, at });
}
async function importFrom(r: BundleReplica) {
  const { bytes } = await exportBundle(r.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH'] } });
  return applyImport(store.bundles.port, await prepareImport(store.bundles.port, bytes, desk.key));
}
const state = async () => workflowOf(await db.approvals.where('[target.entity+target.recordId]').equals([target.entity, target.recordId]).toArray()).state;

describe('a coordinator’s desk importing an officer’s bundle', () => {
  it('quarantines the officer’s edit of a record she approved ("locked"), on import and on retry', async () => {
    const officer = await testBundleReplica(issuer, 'officer-th', { countries: ['TH'] });
    await write(officer, 'organization', organizationId, { name: { en: 'Khon Kaen University' }, type: 'university', country: 'TH', createdAt: '2026-01-01T00:00:00.000Z' });
    await step(officer, 'submit');
    expect(await importFrom(officer)).toMatchObject({ quarantined: 0 });
    expect(await state()).toBe('submitted');
    expect((await store.repository.review(target, 'approve')).ok).toBe(true);

    // On his laptop, not knowing of the approval, the officer renames it.
    await write(officer, 'organization', organizationId, { name: { en: 'Renamed after the approval' } });
    expect(await importFrom(officer)).toMatchObject({ applied: 0, quarantined: 1 });
    expect(await store.bundles.quarantined()).toEqual([expect.objectContaining({ entity: 'organization', field: 'name', reason: 'locked', detail: expect.stringContaining('is approved') })]);
    expect((await db.organizations.get(organizationId))?.name).toEqual({ en: 'Khon Kaen University' });
    // Refused for good (the server refuses it too): a retry leaves it as it is.
    expect(await store.bundles.retryQuarantined()).toEqual({ applied: 0, held: 1, final: 1 });
    expect((await store.bundles.quarantined())[0]?.reason).toBe('locked');
    expect((await db.organizations.get(organizationId))?.name).toEqual({ en: 'Khon Kaen University' });
    // Even once she unlocks it: judged against today's state it would pass here, while the server keeps it refused.
    expect((await store.repository.review(target, 'unlock', { comment: 'Open again for corrections.' })).ok).toBe(true);
    expect(await store.bundles.retryQuarantined()).toEqual({ applied: 0, held: 1, final: 1 });
    expect((await db.organizations.get(organizationId))?.name).toEqual({ en: 'Khon Kaen University' });
    expect(isRetryable('locked') || isRetryable('workflow')).toBe(false);
    expect(isRetryable('out-of-scope')).toBe(true);
    // Dismissing is what it is for.
    await store.bundles.dismissQuarantined();
    expect(await store.bundles.quarantined()).toEqual([]);
  });

  it('quarantines a step taken in her name on the officer’s laptop ("workflow")', async () => {
    const officer = await testBundleReplica(issuer, 'officer-th', { countries: ['TH'] });
    await write(officer, 'organization', organizationId, { name: { en: 'Khon Kaen University' }, type: 'university', country: 'TH', createdAt: '2026-01-01T00:00:00.000Z' });
    await step(officer, 'submit');
    await step(officer, 'approve', { userId: coordinator.id, role: 'national-coordinator' });
    const result = await importFrom(officer);
    expect(result.quarantined).toBe(6);
    expect(new Set((await store.bundles.quarantined()).map((item) => `${item.entity} ${item.reason}`))).toEqual(new Set(['approval workflow']));
    expect(await state()).toBe('submitted');
  });
});
