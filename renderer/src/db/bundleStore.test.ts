import 'fake-indexeddb/auto';
import type { UserInfo } from '@shared/api/contract';
import { applyImport, exportBundle, prepareImport } from '@shared/bundle/exchange';
import { testBundleReplica, type BundleReplica } from '@shared/bundle/testReplica';
import { testIssuer, type TestIssuer } from '@shared/bundle/testing';
import { isBundleError, type BundleErrorCode } from '@shared/bundle/errors';
import { readStoredZip } from '@shared/bundle/zip';
import type { BundleKey, BundleRecipient } from '@shared/bundle/types';
import type { Change } from '@shared/sync/change';
import Dexie from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { createStore, type Store } from './store';
import { enrollTestDesk } from './testing/enrolledDesk';

const recordId = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const organization = (name: string) => ({ name: { en: name }, type: 'university', country: 'TH', createdAt: '2026-01-01T00:00:00.000Z' });

let issuer: TestIssuer;
let db: StepDatabase;
let store: Store;
/** This desk as a bundle's recipient, and what opens bundles addressed to it. */
let desk: { deviceId: string; recipient: BundleRecipient; key: BundleKey };

async function enroll(user: UserInfo) {
  desk = await enrollTestDesk(store, issuer, user);
}

const coordinator = (countries: UserInfo['countries'] = ['TH']): UserInfo => ({ id: 'u-coord', username: 'coord', displayName: 'Coordinator', role: 'national-coordinator', countries });

async function write(r: BundleReplica, record: number, entity: Change['entity'], fields: Record<string, Change['value']>, scope: ('TH' | 'VN')[] = ['TH']) {
  r.clock.now += 1000;
  await r.engine.recordLocal([{ kind: 'write', entity, recordId: recordId(record), fields, scope }]);
}

async function counts() {
  return {
    changes: await db.changes.count(),
    organizations: await db.organizations.count(),
    recordMeta: await db.recordMeta.count(),
    quarantine: await db.quarantine.count(),
    bundleChunks: await db.bundleChunks.count(),
    bundleProgress: await db.bundleProgress.count(),
  };
}

beforeAll(async () => {
  issuer = await testIssuer();
});
beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  store = createStore(db);
  await db.open();
  await enroll(coordinator());
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('bundle store on IndexedDB', () => {
  it('imports a bundle through the write path, quarantines what cannot be applied, keeps the chunk and logs it', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    await write(officer, 1, 'organization', organization('Mahidol University'));
    await write(officer, 2, 'organization', { ...organization('Broken'), type: 'no-such-type' });
    const { bytes } = await exportBundle(officer.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH'] } });

    const plan = await prepareImport(store.bundles.port, bytes, desk.key, { fileName: 'from-officer.stepbundle' });
    expect(plan.summary).toMatchObject({ newRecords: 2, toApply: 7, rejected: [expect.objectContaining({ recordId: recordId(2), field: 'type', reason: 'invalid-value' })] });
    const result = await applyImport(store.bundles.port, plan);
    expect(result).toMatchObject({ result: 'partial', applied: 7, quarantined: 1 });

    expect((await db.organizations.get(recordId(1)))?.name).toEqual({ en: 'Mahidol University' });
    // Three of the broken record's four fields arrived: it is kept, not shown, until it is whole.
    expect(await db.organizations.get(recordId(2))).toBeUndefined();
    expect(await store.bundles.quarantined()).toEqual([
      expect.objectContaining({ recordId: recordId(2), entity: 'organization', field: 'type', reason: 'invalid-value', from: 'officer-a', bundleId: plan.manifest.bundleId }),
    ]);
    expect((await store.bundles.port.storedChunks()).map((chunk) => [chunk.device, chunk.count])).toEqual([['officer-a', 8]]);
    expect(await store.bundles.port.appliedChunks(plan.resumeKey)).toEqual(new Set([0]));
    expect((await store.bundles.port.acks())['officer-a']).toEqual({ 'officer-a': 8 });
    expect((await store.bundles.port.knownCertificates()).map((c) => c.body.deviceId).sort()).toEqual([desk.deviceId, 'officer-a'].sort());
    expect(await store.bundles.log()).toEqual([expect.objectContaining({ direction: 'import', result: 'partial', counterpart: 'officer-a', by: 'u-coord', fileName: 'from-officer.stepbundle' })]);

    // The same bundle again: nothing changes, the quarantine holds the change once.
    const before = await counts();
    const again = await applyImport(store.bundles.port, await prepareImport(store.bundles.port, bytes, desk.key));
    expect(again.result).toBe('nothing-new');
    expect(await counts()).toEqual(before);
    // The same change in another bundle is quarantined again, in its one row.
    const full = await exportBundle(officer.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH'] }, full: true });
    await applyImport(store.bundles.port, await prepareImport(store.bundles.port, full.bytes, desk.key));
    expect(await db.quarantine.count()).toBe(1);
  });

  it('applies a chunk atomically: a failure in the middle of it leaves nothing, and the import can be run again', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    await write(officer, 1, 'organization', organization('Mahidol University'));
    await write(officer, 2, 'organization', { ...organization('Broken'), type: 'no-such-type' });
    const { bytes } = await exportBundle(officer.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH'] } });
    const empty = await counts();

    // The data, the quarantine and the kept chunk are written; the done mark fails: all roll back.
    const put = vi.spyOn(db.bundleProgress, 'put').mockRejectedValueOnce(new Error('disk full'));
    await expect(applyImport(store.bundles.port, await prepareImport(store.bundles.port, bytes, desk.key))).rejects.toThrow('disk full');
    expect(await counts()).toEqual(empty);
    expect(await store.repository.vector()).toEqual({});
    put.mockRestore();

    const result = await applyImport(store.bundles.port, await prepareImport(store.bundles.port, bytes, desk.key));
    expect(result).toMatchObject({ applied: 7, quarantined: 1, chunksApplied: 1 });
    expect(await counts()).toMatchObject({ changes: 7, organizations: 1, quarantine: 1, bundleChunks: 1, bundleProgress: 1 });
  });

  it('exports signed by the desk’s own key, relaying what it imported, and the officers can check it', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const b = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    await write(a, 1, 'organization', organization('From A'));
    await applyImport(store.bundles.port, await prepareImport(store.bundles.port, (await exportBundle(a.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH'] } })).bytes, desk.key));
    const own = await store.repository.create('organization', { name: { en: 'From the coordinator' }, type: 'university', country: 'TH' } as never);
    expect(own.ok).toBe(true);

    const exported = await exportBundle(store.bundles.port, { recipient: b.recipient, recipientScope: b.scope });
    expect(exported.summary).toMatchObject({ relayedChunks: 1, chunks: 2 });
    expect(exported.fileName).toMatch(/^step-TH-.{8}-\d{8}-\d{4}\.stepbundle$/);
    const result = await applyImport(b.port, await prepareImport(b.port, exported.bytes, b.key));
    expect(result.result).toBe('ok');
    expect([...b.storage.records().values()].map((record) => (record.values.name as { en: string }).en).sort()).toEqual(['From A', 'From the coordinator']);
    // Not saved anywhere: not logged as exported.
    expect(await store.bundles.log()).toEqual([expect.objectContaining({ direction: 'import' })]);
  });

  it('retries quarantined changes with the desk’s countries as they are now, and dismisses them', async () => {
    const secretariat = await testBundleReplica(issuer, 'secretariat', { role: 'secretariat' });
    await write(secretariat, 1, 'organization', { ...organization('Hanoi University'), country: 'VN' }, ['VN']);
    await write(secretariat, 2, 'organization', { ...organization('Broken'), type: 'no-such-type' });
    // A passphrase bundle of everything: the Vietnamese record is outside this desk's countries.
    const exported = await exportBundle(secretariat.port, { recipient: { kind: 'passphrase', passphrase: 'correct horse battery', kdf: { logN: 14, r: 8, p: 1 } }, recipientScope: { global: true, countries: [] } });
    await applyImport(store.bundles.port, await prepareImport(store.bundles.port, exported.bytes, { kind: 'passphrase', passphrase: 'correct horse battery' }));
    const quarantined = await store.bundles.quarantined();
    expect(quarantined.map((item) => item.reason).sort()).toEqual(['invalid-value', 'out-of-scope', 'out-of-scope', 'out-of-scope', 'out-of-scope']);

    expect(await store.bundles.retryQuarantined()).toEqual({ applied: 0, held: 5, final: 0 });
    await enroll(coordinator(['TH', 'VN']));
    expect(await store.bundles.retryQuarantined(quarantined.map((item) => item.id))).toEqual({ applied: 4, held: 1, final: 0 });
    expect((await db.organizations.get(recordId(1)))?.name).toEqual({ en: 'Hanoi University' });
    const left = await store.bundles.quarantined();
    expect(left).toEqual([expect.objectContaining({ recordId: recordId(2), reason: 'invalid-value' })]);

    await store.bundles.dismissQuarantined(left.map((item) => item.id));
    expect(await db.quarantine.count()).toBe(0);
    // Let go, but processed: the acknowledgement this desk sends moves past it.
    expect((await store.bundles.port.processedVector()).secretariat).toBe(8);
  });

  it('quarantines, on import and on retry, what the originating officer may not change, judged on the records’ countries here', async () => {
    await enroll(coordinator(['TH', 'VN']));
    const secretariat = await testBundleReplica(issuer, 'secretariat', { role: 'secretariat' });
    const officer = await testBundleReplica(issuer, 'officer-th', { countries: ['TH'] });
    await write(secretariat, 1, 'organization', { ...organization('Hanoi University'), country: 'VN' }, ['VN']);
    const fromSecretariat = await exportBundle(secretariat.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH', 'VN'] } });
    await applyImport(store.bundles.port, await prepareImport(store.bundles.port, fromSecretariat.bytes, desk.key));
    // The officer's changes claim to be Thai: an edit of the Vietnamese record, and a new record made Vietnamese.
    await write(officer, 1, 'organization', { name: { en: 'Taken over' } }, ['TH']);
    await write(officer, 3, 'organization', { ...organization('Planted'), country: 'VN' }, ['TH']);
    const fromOfficer = await exportBundle(officer.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH', 'VN'] } });
    const result = await applyImport(store.bundles.port, await prepareImport(store.bundles.port, fromOfficer.bytes, desk.key));
    expect(result).toMatchObject({ applied: 0, quarantined: 5 });
    expect(new Set((await store.bundles.quarantined()).map((item) => item.reason))).toEqual(new Set(['out-of-scope']));
    expect((await db.organizations.get(recordId(1)))?.name).toEqual({ en: 'Hanoi University' });
    expect(await db.organizations.get(recordId(3))).toBeUndefined();
    // Retrying judges them by the same rule: they stay.
    expect(await store.bundles.retryQuarantined()).toEqual({ applied: 0, held: 5, final: 0 });
  });

  it('keeps the newest certificate per device, the newest revocation list, and raises acknowledgements only', async () => {
    const { port } = store.bundles;
    await port.raiseAcks({ server: { a: 3, b: 1 } });
    await port.raiseAcks({ server: { a: 2, b: 4 }, 'officer-a': { a: 1 } });
    expect(await port.acks()).toEqual({ server: { a: 3, b: 4 }, 'officer-a': { a: 1 } });

    const older = await issuer.revocations([{ deviceId: 'x' }], '2026-01-01T00:00:00.000Z');
    const newer = await issuer.revocations([{ deviceId: 'x' }, { deviceId: 'y' }], '2026-02-01T00:00:00.000Z');
    await port.saveRevocations(newer);
    await port.saveRevocations(older);
    expect((await port.trust())?.revocations).toEqual(newer);

    const first = await testBundleReplica(issuer, 'officer-a');
    await port.saveCertificates([first.identity.certificate]);
    const stale = { ...first.identity.certificate, body: { ...first.identity.certificate.body, issuedAt: '2020-01-01T00:00:00.000Z', displayName: 'Old name' } };
    await port.saveCertificates([stale]);
    expect((await db.certificates.get('officer-a'))?.certificate).toEqual(first.identity.certificate);
  });

  it('refuses a damaged, truncated or misaddressed bundle before applying anything, and logs the refusal', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    await write(officer, 1, 'organization', organization('Mahidol University'));
    const { bytes } = await exportBundle(officer.port, { recipient: desk.recipient, recipientScope: { global: false, countries: ['TH'] } });
    const other = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    const misaddressed = (await exportBundle(officer.port, { recipient: other.recipient, recipientScope: other.scope })).bytes;
    const lastPart = [...readStoredZip(bytes).values()].at(-1)!;
    const flipped = (at: number) => {
      const copy = bytes.slice();
      copy[at]! ^= 0x10;
      return copy;
    };
    const before = await counts();
    const bad: [string, Uint8Array, BundleErrorCode][] = [
      ['empty', new Uint8Array(0), 'empty-file'],
      ['truncated', bytes.slice(0, Math.floor(bytes.length / 2)), 'truncated'],
      ['a flipped bit in the last part', flipped(lastPart.byteOffset - bytes.byteOffset + Math.floor(lastPart.length / 2)), 'part-hash'],
      ['not a zip', new TextEncoder().encode('{"entity":"organization"}\n'), 'not-a-zip'],
      ['for another desk', misaddressed, 'wrong-recipient'],
    ];
    for (const [name, candidate, code] of bad) {
      const refused = await prepareImport(store.bundles.port, candidate, desk.key).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isBundleError(refused) ? refused.code : refused, name).toBe(code);
    }
    expect(await counts()).toEqual(before);
    expect(await store.repository.vector()).toEqual({});
    expect((await store.bundles.log()).map((entry) => [entry.result, entry.detail?.code])).toHaveLength(bad.length);
    expect((await store.bundles.log()).every((entry) => entry.result === 'refused')).toBe(true);
  });

  it('opens a version 3 database and keeps its data (schema version 4 adds the bundle tables)', async () => {
    const name = `v3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(3).stores({ syncState: 'key', changes: '[device+seq], [entity+recordId]', syncRefusals: 'seq, [entity+recordId]' });
    await old.open();
    await old.table('syncState').put({ key: 'device', value: 'old-device' });
    old.close();
    const upgraded = openStepDatabase(name);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(4);
    expect(await upgraded.syncState.get('device')).toEqual({ key: 'device', value: 'old-device' });
    expect(await Promise.all([upgraded.bundleChunks.count(), upgraded.bundleProgress.count(), upgraded.bundleLog.count(), upgraded.quarantine.count(), upgraded.certificates.count()])).toEqual([0, 0, 0, 0, 0]);
    upgraded.close();
    await upgraded.delete();
  });
});
