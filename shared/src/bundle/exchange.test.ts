import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../sync/change';
import { SyncEngine } from '../sync/engine';
import type { CountryCode } from '../domain/taxonomy/countries';
import { snapshot } from '../sync/testing';
import { isBundleError } from './errors';
import { acknowledgeServerReceived, applyImport, bundleFileName, exportBundle, ownReachedSecretariat, prepareImport, recordExport, type ExportOptions } from './exchange';
import { testBundleReplica, type BundleReplica } from './testReplica';
import { signServerAck } from './serverAck';
import { testIssuer, type TestIssuer } from './testing';

const recordId = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A write to an activity; a new one gets its countries (`scope`) too, as the desk's forms require. */
async function write(r: BundleReplica, record: number, fields: Record<string, Change['value']>, scope: CountryCode[] = ['TH']) {
  r.clock.now += 1000;
  const created = !r.storage.records().has(`activity:${recordId(record)}`);
  return r.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: recordId(record), fields: created ? { countries: scope, ...fields } : fields, scope }]);
}

const title = (text: string) => ({ en: text });

/** Exports from `from` to `to` and imports it there. */
async function carry(from: BundleReplica, to: BundleReplica, options: Partial<ExportOptions> = {}) {
  const exported = await exportBundle(from.port, { recipient: to.recipient, recipientScope: to.scope, ...options });
  const plan = await prepareImport(to.port, exported.bytes, to.key);
  const result = await applyImport(to.port, plan);
  return { exported, plan, result };
}

const heldKeys = (r: BundleReplica) => r.storage.allChanges().map((c) => `${c.device}:${c.seq}`).sort();

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe('exportBundle', () => {
  it('sends what the recipient has not acknowledged, or everything when asked for a full bundle', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await write(officer, 1, { title: title('one'), status: 'pipeline' });
    await write(officer, 2, { title: title('two') });

    const first = await carry(officer, coordinator);
    expect(first.exported.summary).toMatchObject({ changes: 5, ownChanges: 5, since: {} });
    expect(first.result).toMatchObject({ result: 'ok', applied: 5 });
    // The coordinator's return bundle acknowledges what it holds.
    await carry(coordinator, officer);
    expect((await officer.port.acks())['coord-th']).toEqual({ 'officer-a': 5 });

    await write(officer, 1, { status: 'closed' });
    const delta = await exportBundle(officer.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope });
    expect(delta.summary).toMatchObject({ changes: 1, since: { 'officer-a': 5 } });
    expect(delta.manifest).toMatchObject({ since: { 'officer-a': 5 }, upTo: { 'officer-a': 6 }, ack: { 'officer-a': 6 } });
    const full = await exportBundle(officer.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope, full: true });
    expect(full.summary).toMatchObject({ changes: 6, since: {} });
    expect(full.fileName).toMatch(/^step-TH-officera-\d{8}-\d{4}\.stepbundle$/);

    // A bundle is logged once it is saved, never before (a cancelled save logs nothing).
    expect(officer.port.state.logs.filter((entry) => entry.direction === 'export')).toEqual([]);
    await recordExport(officer.port, delta, { fileName: 'on-the-stick.stepbundle' });
    expect(officer.port.state.logs.filter((entry) => entry.direction === 'export')).toEqual([
      expect.objectContaining({ bundleId: delta.manifest.bundleId, changes: 1, result: 'ok', fileName: 'on-the-stick.stepbundle' }),
    ]);
  });

  it('relays the signed chunks of other devices it imported, and the recipient can check them', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const b = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await write(a, 1, { title: title('from A') });
    await write(b, 2, { title: title('from B') });
    await carry(a, coordinator);
    await carry(b, coordinator);

    const toB = await carry(coordinator, b);
    // A's changes reach B as A signed them (B has never had A's certificate: it travels in the bundle).
    expect(toB.exported.summary).toMatchObject({ relayedChunks: 1, ownChanges: 0, changes: 2 });
    expect(toB.result.applied).toBe(2);
    expect(snapshot(b)).toEqual(snapshot(coordinator));
    expect(snapshot(a).records).toEqual(snapshot(b).records.filter((r) => r.key.endsWith(recordId(1))));
    // B keeps A's chunk to relay it further, but never its own.
    expect([...b.port.state.chunks.values()].map((c) => c.device)).toEqual(['officer-a']);
    // B's own chunk stored at the coordinator is not sent back to B.
    expect(toB.exported.manifest.parts.filter((p) => p.kind === 'chunk').map((p) => p.kind === 'chunk' && p.device)).toEqual(['officer-a']);
  });

  it('cuts a bundle to the recipient’s countries', async () => {
    const secretariat = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
    const officer = await testBundleReplica(issuer, 'officer-vn', { countries: ['VN'] });
    await write(secretariat, 1, { title: title('Thai') }, ['TH']);
    await write(secretariat, 2, { title: title('Vietnamese') }, ['VN']);
    await write(secretariat, 3, { title: title('Shared') }, ['TH', 'VN']);
    const { exported } = await carry(secretariat, officer);
    expect(exported.manifest.scope).toEqual({ global: false, countries: ['VN'] });
    expect(exported.summary.changes).toBe(4);
    expect(officer.storage.allChanges().every((change) => change.scope.includes('VN'))).toBe(true);
    expect([...officer.storage.records().keys()].sort()).toEqual([`activity:${recordId(2)}`, `activity:${recordId(3)}`]);
  });

  it('leaves out own changes the reader would refuse the whole bundle for, and says how many', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const secretariat = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
    await write(officer, 1, { title: title('Thai') }, ['TH']);
    // Imported from a file: a record of another country, and edits made before another person enrolled the laptop.
    await write(officer, 2, { title: title('Vietnamese') }, ['VN']);
    const before = new SyncEngine(officer.storage, 'officer-a', 'user:someone-else', () => (officer.clock.now += 1000));
    await before.recordLocal([{ kind: 'write', entity: 'activity', recordId: recordId(3), fields: { title: title('older') }, scope: ['TH'] }]);
    const { exported, result } = await carry(officer, secretariat);
    expect(exported.summary).toMatchObject({ ownChanges: 2, skippedOutsideOwnScope: 2, skippedOtherAuthor: 1 });
    expect(result.applied).toBe(2);
  });

  it('leaves out a stored chunk whose signer is revoked, rather than have the whole bundle refused', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const server = await testBundleReplica(issuer, 'server', { server: true });
    await write(a, 1, { title: title('from A') });
    await carry(a, coordinator);
    await coordinator.port.saveRevocations(await issuer.revocations([{ deviceId: 'officer-a' }]));
    const { exported, result } = await carry(coordinator, server);
    expect(exported.summary).toMatchObject({ relayedChunks: 0, skippedRevokedSigner: 1 });
    expect(result.result).toBe('nothing-new');
    // The list travelled with the bundle: the server now knows of the revocation too.
    expect(server.port.state.revocations?.body.revoked.map((r) => r.deviceId)).toEqual(['officer-a']);
  });
});

describe('prepareImport and applyImport', () => {
  it('resumes an import cut short between chunks, applying each chunk once', async () => {
    let crash = true;
    const secretariat = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
    const other = await testBundleReplica(issuer, 'secretariat-two', {
      role: 'secretariat',
      beforeCommit: ({ index }) => {
        if (crash && index === 1) throw new Error('power cut');
      },
    });
    // Three scopes: three chunks.
    await write(secretariat, 1, { title: title('Thai'), status: 'pipeline' }, ['TH']);
    await write(secretariat, 2, { title: title('Vietnamese') }, ['VN']);
    await write(secretariat, 3, { title: title('Lao') }, ['LA']);
    const { bytes } = await exportBundle(secretariat.port, { recipient: other.recipient, recipientScope: other.scope });

    const plan = await prepareImport(other.port, bytes, other.key);
    expect(plan.summary).toMatchObject({ chunks: 3, doneChunks: 0, toApply: 7, newRecords: 3, updatedRecords: 0, alreadyKnown: 0, conflicts: 0 });
    await expect(applyImport(other.port, plan)).rejects.toThrow('power cut');
    // The first chunk is in; nothing of the second.
    expect(heldKeys(other)).toEqual(['secretariat-desk:1', 'secretariat-desk:2', 'secretariat-desk:3']);

    crash = false;
    const resumed = await prepareImport(other.port, bytes, other.key);
    expect(resumed.summary).toMatchObject({ chunks: 3, doneChunks: 1, toApply: 4, alreadyKnown: 3 });
    const result = await applyImport(other.port, resumed);
    expect(result).toMatchObject({ chunksApplied: 2, chunksSkipped: 1, applied: 4, result: 'ok' });
    expect(snapshot(other)).toEqual(snapshot(secretariat));
  });

  it('changes nothing when the same bundle is imported twice, and logs it as nothing new', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await write(a, 1, { title: title('one'), status: 'pipeline' });
    await write(a, 2, { title: title('two') });
    const { bytes } = await exportBundle(a.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope });
    await applyImport(coordinator.port, await prepareImport(coordinator.port, bytes, coordinator.key));
    const before = { snapshot: snapshot(coordinator), changes: heldKeys(coordinator), chunks: coordinator.port.state.chunks.size, acks: await coordinator.port.acks() };

    const again = await prepareImport(coordinator.port, bytes, coordinator.key);
    expect(again.summary).toMatchObject({ toApply: 0, alreadyKnown: 5, doneChunks: 1, newRecords: 0, updatedRecords: 0, rejected: [] });
    const result = await applyImport(coordinator.port, again);
    expect(result).toMatchObject({ result: 'nothing-new', applied: 0, chunksApplied: 0, chunksSkipped: 1 });
    expect({ snapshot: snapshot(coordinator), changes: heldKeys(coordinator), chunks: coordinator.port.state.chunks.size, acks: await coordinator.port.acks() }).toEqual(before);
    expect(coordinator.port.state.logs.map((entry) => entry.result)).toEqual(['ok', 'nothing-new']);
  });

  it('counts new and updated records and the conflicts an import would open, before applying anything', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const b = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    await write(a, 1, { title: title('shared'), status: 'pipeline' });
    await carry(a, b);
    // Both edit the status without seeing each other's: a conflict. A also creates a record. A has no
    // acknowledgement from B yet: its first three changes travel again, and are known.
    await write(a, 1, { status: 'closed' });
    await write(b, 1, { status: 'cancelled' });
    await write(a, 2, { title: title('new') });
    const { bytes } = await exportBundle(a.port, { recipient: b.recipient, recipientScope: b.scope });
    const plan = await prepareImport(b.port, bytes, b.key);
    expect(plan.summary).toMatchObject({ newRecords: 1, updatedRecords: 1, conflicts: 1, toApply: 3, alreadyKnown: 3 });
    expect(await b.engine.conflicts()).toEqual([]);
    await applyImport(b.port, plan);
    expect(await b.engine.conflicts()).toHaveLength(1);
  });

  it('quarantines invalid values and changes outside the desk’s countries, with reasons, and applies the rest', async () => {
    const secretariat = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
    const officer = await testBundleReplica(issuer, 'officer-th', { countries: ['TH'] });
    await write(secretariat, 1, { title: title('Thai'), status: 'no-such-status' }, ['TH']);
    await write(secretariat, 2, { title: title('Vietnamese') }, ['VN']);
    await write(secretariat, 3, { frobnicate: 1 }, ['TH']);
    // A passphrase bundle cut to the wrong countries (the exporter could not know the reader).
    const exported = await exportBundle(secretariat.port, { recipient: { kind: 'passphrase', passphrase: 'correct horse', kdf: { logN: 14, r: 8, p: 1 } }, recipientScope: { global: true, countries: [] } });
    const plan = await prepareImport(officer.port, exported.bytes, { kind: 'passphrase', passphrase: 'correct horse' });
    const byRecordAndField = (x: { recordId: string; field: string }, y: { recordId: string; field: string }) => (x.recordId + x.field < y.recordId + y.field ? -1 : 1);
    expect([...plan.summary.rejected].sort(byRecordAndField)).toEqual([
      { recordId: recordId(1), entity: 'activity', field: 'status', reason: 'invalid-value', detail: expect.stringContaining('status') },
      { recordId: recordId(2), entity: 'activity', field: 'countries', reason: 'out-of-scope', detail: `activity ${recordId(2)}: countries (new) → VN` },
      { recordId: recordId(2), entity: 'activity', field: 'title', reason: 'out-of-scope', detail: `activity ${recordId(2)}: countries (new) → VN` },
      { recordId: recordId(3), entity: 'activity', field: 'frobnicate', reason: 'unknown-field', detail: expect.any(String) },
    ]);
    expect(plan.summary.toApply).toBe(3);
    const result = await applyImport(officer.port, plan);
    expect(result).toMatchObject({ result: 'partial', applied: 3, quarantined: 4 });
    expect(heldKeys(officer)).toEqual(['secretariat-desk:1', 'secretariat-desk:2', 'secretariat-desk:6']);
    expect([...officer.port.state.quarantine.values()].map((q) => [q.change.seq, q.reason, q.bundleId]).sort()).toEqual([
      [3, 'invalid-value', exported.manifest.bundleId],
      [4, 'out-of-scope', exported.manifest.bundleId],
      [5, 'out-of-scope', exported.manifest.bundleId],
      [7, 'unknown-field', exported.manifest.bundleId],
    ]);
    // The VN chunk is not kept for relaying: this desk may not pass it on.
    expect([...officer.port.state.chunks.values()].map((c) => c.scope)).toEqual([['TH']]);
  });

  it('refuses on a desk a bundle addressed to the server, and logs the refusal', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await write(a, 1, { title: title('one') });
    const server = await testBundleReplica(issuer, 'server', { server: true });
    const { bytes } = await exportBundle(a.port, { recipient: server.recipient, recipientScope: server.scope });
    const error = await prepareImport(coordinator.port, bytes, coordinator.key).catch((e: unknown) => e);
    expect(isBundleError(error) && error.code).toBe('addressed-to-server');
    expect(coordinator.port.state.logs).toEqual([expect.objectContaining({ direction: 'import', result: 'refused', counterpart: 'officer-a', detail: { code: 'addressed-to-server' } })]);
    expect(heldKeys(coordinator)).toEqual([]);
  });
});

describe('the access rules on the records’ countries (S1)', () => {
  /** A desk of Thailand and Viet Nam that holds a Vietnamese record and a Thai one (from the Secretariat). */
  async function setting() {
    const secretariat = await testBundleReplica(issuer, 'secretariat-desk', { role: 'secretariat' });
    const desk = await testBundleReplica(issuer, 'coord-thvn', { role: 'national-coordinator', countries: ['TH', 'VN'] });
    const officer = await testBundleReplica(issuer, 'officer-th', { countries: ['TH'] });
    await write(secretariat, 1, { title: title('Vietnamese') }, ['VN']);
    await write(secretariat, 2, { title: title('Thai') }, ['TH']);
    await carry(secretariat, desk);
    await carry(secretariat, officer);
    return { desk, officer };
  }
  const reasons = (r: BundleReplica) => [...r.port.state.quarantine.values()].map((q) => [q.change.recordId, q.change.field, q.reason]).sort();

  it('quarantines a Thai officer’s change to a Vietnamese record, whatever scope the change claims', async () => {
    const { desk, officer } = await setting();
    // The officer's software claims the change is Thai (it never held the record).
    officer.clock.now += 1000;
    await officer.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: recordId(1), fields: { title: title('taken over') }, scope: ['TH'] }]);
    const { result } = await carry(officer, desk);
    expect(result).toMatchObject({ applied: 0, quarantined: 1 });
    expect(reasons(desk)).toEqual([[recordId(1), 'title', 'out-of-scope']]);
    expect(desk.storage.records().get(`activity:${recordId(1)}`)?.values.title).toEqual(title('Vietnamese'));
  });

  it('quarantines a “Thai” create that makes a Vietnamese record, and a move out of the officer’s countries', async () => {
    const { desk, officer } = await setting();
    officer.clock.now += 1000;
    await officer.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: recordId(3), fields: { countries: ['VN'], title: title('planted') }, scope: ['TH'] }]);
    await write(officer, 2, { countries: ['VN'] }, ['TH']);
    const { result } = await carry(officer, desk);
    expect(result).toMatchObject({ applied: 0, quarantined: 3 });
    expect(reasons(desk)).toEqual([
      [recordId(2), 'countries', 'moves-out-of-scope'],
      [recordId(3), 'countries', 'out-of-scope'],
      [recordId(3), 'title', 'out-of-scope'],
    ]);
    expect(desk.storage.records().has(`activity:${recordId(3)}`)).toBe(false);
  });

  it('takes a change the officer may make, sent with the record it hangs off', async () => {
    const { desk, officer } = await setting();
    await write(officer, 2, { status: 'closed' });
    const { result } = await carry(officer, desk);
    expect(result).toMatchObject({ applied: 1, quarantined: 0 });
  });
});

describe('acknowledgements and resuming', () => {
  it('acknowledges quarantined changes as processed: the next delta does not send them again (C3)', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await write(officer, 1, { status: 'no-such-status', title: title('one') });
    const first = await carry(officer, coordinator);
    expect(first.result).toMatchObject({ applied: 2, quarantined: 1 });
    const back = await carry(coordinator, officer);
    expect(back.exported.manifest.ack).toEqual({ 'officer-a': 3 });
    await write(officer, 1, { status: 'closed' });
    const delta = await exportBundle(officer.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope });
    expect(delta.summary).toMatchObject({ changes: 1, since: { 'officer-a': 3 } });
  });

  it('believes claims about the server only as the server signed them (S4)', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const liar = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const b = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    await write(a, 1, { title: title('from A') });
    await carry(a, liar);
    // The liar says the server holds everything (signed by a key that is not the server's), and that A has it.
    const impostor = await testIssuer();
    const forged = await signServerAck({ version: 1, issuer: issuer.publicKey, issuedAt: new Date().toISOString(), vector: { 'officer-b': 99, 'officer-a': 99 } }, impostor.privateKey);
    await liar.port.raiseAcks({ 'officer-a': { 'officer-b': 99 } });
    const lying = { ...liar.port, serverAck: async () => forged };
    const exported = await exportBundle(lying, { recipient: b.recipient, recipientScope: b.scope });
    await applyImport(b.port, await prepareImport(b.port, exported.bytes, b.key));
    expect(await b.port.acks()).toEqual({ 'coord-th': await liar.port.processedVector() });
    expect(await ownReachedSecretariat(b.port)).toEqual({ own: 0, reached: 0 });
  });

  it('keys an import’s progress by its manifest, not the id the exporter chose (S5)', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await write(a, 1, { title: title('one') });
    const { bytes, manifest } = await exportBundle(a.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope });
    // Another bundle with the same id was imported here before, chunk 0 of it marked done.
    coordinator.port.state.done.set(manifest.bundleId, new Set([0]));
    const plan = await prepareImport(coordinator.port, bytes, coordinator.key);
    expect(plan.summary.doneChunks).toBe(0);
    expect(await applyImport(coordinator.port, plan)).toMatchObject({ applied: 2, chunksSkipped: 0 });
  });
});

describe('the round trip', () => {
  it('officer → coordinator → server → coordinator → officer: the data and the acknowledgements arrive', async () => {
    const a = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const b = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const server = await testBundleReplica(issuer, 'server', { server: true });
    await write(a, 1, { title: title('from A'), status: 'pipeline' });
    await write(b, 2, { title: title('from B') });
    expect(await ownReachedSecretariat(a.port)).toEqual({ own: 3, reached: 0 });

    await carry(a, coordinator);
    await carry(b, coordinator);
    await carry(coordinator, server);
    expect(heldKeys(server)).toEqual(['officer-a:1', 'officer-a:2', 'officer-a:3', 'officer-b:1', 'officer-b:2']);
    await carry(server, coordinator);
    await carry(coordinator, a);
    await carry(coordinator, b);

    expect(snapshot(a)).toEqual(snapshot(server));
    expect(snapshot(b)).toEqual(snapshot(server));
    expect(await ownReachedSecretariat(a.port)).toEqual({ own: 3, reached: 3 });
    expect(await ownReachedSecretariat(b.port)).toEqual({ own: 2, reached: 2 });

    // Network sync tells a desk the same of its own changes.
    await write(a, 1, { status: 'closed' });
    await acknowledgeServerReceived(a.port, 'officer-a', 4);
    expect(await ownReachedSecretariat(a.port)).toEqual({ own: 4, reached: 4 });
  });
});

describe('bundleFileName', () => {
  it('names the countries, the device and the local time', () => {
    const at = new Date(2026, 2, 1, 14, 5);
    expect(bundleFileName({ deviceId: '019a0000-0000-7000-8000-00000000abcd', principal: { userId: 'u', role: 'field-officer', countries: ['TH'] } }, at)).toBe(
      'step-TH-0000abcd-20260301-1405.stepbundle',
    );
    expect(bundleFileName({ deviceId: 'server', principal: { userId: 'u', role: 'secretariat', countries: [] } }, at)).toBe('step-ALL-server-20260301-1405.stepbundle');
  });
});
