import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '@shared/bundle/errors';
import { exampleRecords } from '@shared/demo/examples';
import { newRecordId } from '@shared/domain/ids';
import { verifyServerAck } from '@shared/bundle/serverAck';
import { testChanges, testIdentity } from '@shared/bundle/testing';
import { startTestServer, type TestDevice, type TestServer } from '../testing';
import { importBundle } from './import';
import { bundleImportLog } from './log';
import { bundleForServer, countRows, databaseDigest } from './testBundles';

let server: TestServer;
let coordinator: TestDevice;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.enroll(await server.createUser({ role: 'national-coordinator', countries: ['TH'] }));
});
afterAll(() => server.close());

const officer = async () => server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
const cli = { kind: 'cli' } as const;
const refusalOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BundleError);
  return error as BundleError;
};

describe('importing a bundle on the server', () => {
  it("applies an officer's changes relayed by a coordinator as the officer's own", async () => {
    const laptop = await officer();
    const activity = await laptop.create('activity', { countries: ['TH'] });
    const changes = laptop.unsent();
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes }]);

    const answer = await importBundle(server.db, server.serverKey, bytes, cli);
    expect(answer).toMatchObject({ result: 'ok', applied: changes.length, duplicates: 0, refused: [], waiting: [] });
    expect(answer.ack[laptop.id]).toBe(changes.length);
    // The same vector, signed by the server's key: a statement desks can carry to others and believe.
    const signed = await verifyServerAck(answer.serverAck, server.serverKey.publicKey);
    expect(signed?.body.vector).toEqual(answer.ack);
    expect(await countRows(server.db, 'select count(*) as n from changes where device = $1', [laptop.id])).toBe(changes.length);
    const [record] = await server.db.query<{ scope: string[] }>('select scope from records where record_id = $1', [activity.id]);
    expect(record?.scope).toEqual(['TH']);
    // Nothing is attributed to the relaying coordinator.
    expect(await countRows(server.db, 'select count(*) as n from changes where device = $1', [coordinator.id])).toBe(0);
    // And the officer's laptop sees its changes as received when it next talks to the server.
    expect((await laptop.push(changes)).received).toBe(changes.length);
  });

  it("authorizes with the officer's principal as the server knows it now, not the relay's", async () => {
    const laptop = await officer();
    await laptop.create('activity', { countries: ['TH'] });
    const changes = laptop.unsent();
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes }]);
    // The officer moved to Laos after the certificate was issued; the coordinator could still write Thai records.
    await server.db.query(`update users set countries = '{LA}' where id = $1`, [laptop.user.id]);

    const answer = await importBundle(server.db, server.serverKey, bytes, cli);
    // Everything refused is not 'ok': the coordinator must look at what was refused.
    expect(answer.result).toBe('partial');
    expect(answer.applied).toBe(0);
    expect(answer.refused).toHaveLength(changes.length);
    expect(answer.refused.every((refusal) => refusal.device === laptop.id && refusal.reason === 'out-of-scope')).toBe(true);
    expect(answer.ack[laptop.id]).toBe(changes.length);
  });

  it('refuses a chunk signed by a revoked device, applying nothing of the bundle', async () => {
    const good = await officer();
    const revoked = await officer();
    await good.create('organization', { country: 'TH' });
    await revoked.create('organization', { country: 'TH' });
    const bytes = await bundleForServer(server, coordinator, [
      { ...good, changes: good.unsent() },
      { ...revoked, changes: revoked.unsent() },
    ]);
    await server.db.query(`update devices set revoked_at = now(), revoked_reason = 'stolen' where id = $1`, [revoked.id]);
    const before = await databaseDigest(server.db);

    const error = await refusalOf(importBundle(server.db, server.serverKey, bytes, cli));
    expect(error.code).toBe('revoked-device');
    expect(error.params.device).toBe(revoked.id);
    expect(await databaseDigest(server.db)).toBe(before);
    const [logged] = await bundleImportLog(server.db, 1);
    expect(logged).toMatchObject({ result: 'refused', importedBy: 'cli', exporterDevice: coordinator.id, detail: { code: 'revoked-device' } });
  });

  it('refuses a chunk of a device the server never enrolled, even with a certificate its key signed', async () => {
    const stranger = await testIdentity({ issuer: server.serverKey, countries: ['TH'] });
    const changes = testChanges({ device: stranger.deviceId, author: `device:${stranger.deviceId}`, count: 5 });
    const bytes = await bundleForServer(server, coordinator, [{ signer: stranger.signer, certificate: stranger.certificate, changes }]);
    const before = await databaseDigest(server.db);
    const error = await refusalOf(importBundle(server.db, server.serverKey, bytes, cli));
    expect(error).toMatchObject({ code: 'unknown-device', params: { device: stranger.deviceId } });
    expect(await databaseDigest(server.db)).toBe(before);
  });

  it('changes nothing when the same bundle is imported again', async () => {
    const laptop = await officer();
    await laptop.create('activity', { countries: ['TH'] });
    await laptop.update('activity', (await laptop.create('activity', { countries: ['TH'] })).id, { notAField: 'refused' }, ['TH']);
    const changes = laptop.unsent();
    const photo = new TextEncoder().encode('a photo of the workshop');
    const sha256 = await import('node:crypto').then(({ createHash }) => createHash('sha256').update(photo).digest('hex'));
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes }], { attachments: [{ sha256, bytes: photo }] });

    const first = await importBundle(server.db, server.serverKey, bytes, cli);
    expect(first).toMatchObject({ result: 'partial', attachmentsStored: 1 });
    expect(first.refused).toHaveLength(1);
    const after = await databaseDigest(server.db);
    const second = await importBundle(server.db, server.serverKey, bytes, cli);
    expect(second).toMatchObject({ result: 'nothing-new', applied: 0, duplicates: changes.length, refused: [], waiting: [], attachmentsStored: 0 });
    expect(await databaseDigest(server.db)).toBe(after);
    const log = await bundleImportLog(server.db, 2);
    expect(log.map((entry) => entry.result)).toEqual(['nothing-new', 'partial']);
    expect(log[0]?.bundleId).toBe(first.bundleId);
  });

  it('keeps changes beyond a gap waiting, and applies them once the gap is filled', async () => {
    const laptop = await officer();
    for (let i = 0; i < 4; i++) await laptop.create('organization', { country: 'TH' });
    const changes = laptop.unsent();
    const half = Math.floor(changes.length / 2);
    const later = await bundleForServer(server, coordinator, [{ ...laptop, changes: changes.slice(half) }]);
    const earlier = await bundleForServer(server, coordinator, [{ ...laptop, changes: changes.slice(0, half) }]);

    const waiting = await importBundle(server.db, server.serverKey, later, cli);
    expect(waiting).toMatchObject({ result: 'partial', applied: 0, waiting: [{ device: laptop.id, count: changes.length - half, fromSeq: half + 1, toSeq: changes.length }] });
    expect(waiting.ack[laptop.id]).toBeUndefined();
    expect(await countRows(server.db, 'select count(*) as n from changes where device = $1', [laptop.id])).toBe(0);

    // Some of the first half arrive by network meanwhile: the bundle counts them as duplicates.
    await laptop.push(changes.slice(0, 3));
    const filled = await importBundle(server.db, server.serverKey, earlier, cli);
    expect(filled).toMatchObject({ result: 'ok', applied: half - 3, duplicates: 3, waiting: [] });
    expect(filled.ack[laptop.id]).toBe(half);
    const rest = await importBundle(server.db, server.serverKey, later, cli);
    expect(rest).toMatchObject({ result: 'ok', applied: changes.length - half, waiting: [] });
    expect(rest.ack[laptop.id]).toBe(changes.length);
  });

  it('quarantines a refused change in refused_changes and applies the rest', async () => {
    const laptop = await officer();
    const activity = await laptop.create('activity', { countries: ['TH'] });
    await laptop.update('activity', activity.id, { title: { ...activity.title, en: 'A valid new title' } }, ['TH']);
    await laptop.update('activity', activity.id, { notAField: 'x' }, ['TH']);
    const changes = laptop.unsent();
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes }]);

    const answer = await importBundle(server.db, server.serverKey, bytes, cli);
    expect(answer.result).toBe('partial');
    expect(answer.applied).toBe(changes.length - 1);
    expect(answer.refused).toEqual([expect.objectContaining({ device: laptop.id, seq: changes.length, field: 'notAField', reason: 'unknown-field' })]);
    const kept = await server.db.query<{ device: string; seq: string | number; reason: string }>('select device, seq, reason from refused_changes where device = $1', [laptop.id]);
    expect(kept.map((row) => ({ ...row, seq: Number(row.seq) }))).toEqual([{ device: laptop.id, seq: changes.length, reason: 'unknown-field' }]);
    const [record] = await server.db.query<{ data: { title: { en: string } } }>('select data from records where record_id = $1', [activity.id]);
    expect(record?.data.title.en).toBe('A valid new title');
  });

  it('applies changes that build on another device’s in the order they were made', async () => {
    const first = await officer();
    const second = await officer();
    const activity = await first.create('activity', { countries: ['TH'] });
    // The second officer received the activity (a return bundle) and records a participation in it.
    await second.engine.apply(first.unsent());
    const participation = { ...exampleRecords.participation, id: newRecordId(), activityId: activity.id };
    const { entity: _entity, id: _id, updatedAt: _updatedAt, ...fields } = participation;
    await second.update('participation', participation.id, fields, ['TH']);
    // The participation's device sorts first: order by stamp, not by device, is what lets it through.
    const bytes = await bundleForServer(server, coordinator, [
      { ...second, changes: second.unsent() },
      { ...first, changes: first.unsent() },
    ]);
    const answer = await importBundle(server.db, server.serverKey, bytes, cli);
    expect(answer.refused).toEqual([]);
    const [record] = await server.db.query<{ scope: string[] }>('select scope from records where record_id = $1', [participation.id]);
    expect(record?.scope).toEqual(['TH']);
  });

  it("keeps a participation waiting while its activity is not on the server, and applies it once the activity's bundle arrived", async () => {
    const creator = await officer();
    const helper = await officer();
    const activity = await creator.create('activity', { countries: ['TH'] });
    // The helper received the activity on a stick from the creator and records a participation in it.
    await helper.engine.apply(creator.unsent());
    const participation = { ...exampleRecords.participation, id: newRecordId(), activityId: activity.id };
    const { entity: _entity, id: _id, updatedAt: _updatedAt, ...fields } = participation;
    await helper.update('participation', participation.id, fields, ['TH']);
    await helper.create('organization', { country: 'TH' });
    const helperChanges = helper.unsent();
    const helperBundle = await bundleForServer(server, coordinator, [{ ...helper, changes: helperChanges }]);
    const creatorBundle = await bundleForServer(server, coordinator, [{ ...creator, changes: creator.unsent() }]);

    // The helper's bundle reaches the Secretariat first: its countries cannot be computed yet.
    const early = await importBundle(server.db, server.serverKey, helperBundle, cli);
    expect(early).toMatchObject({ result: 'partial', applied: 0, refused: [] });
    expect(early.waiting).toEqual([expect.objectContaining({ device: helper.id, count: helperChanges.length, fromSeq: 1, toSeq: helperChanges.length, reason: 'unknown-record' })]);
    expect(early.ack[helper.id]).toBeUndefined();
    expect(await countRows(server.db, 'select count(*) as n from refused_changes where device = $1', [helper.id])).toBe(0);

    expect(await importBundle(server.db, server.serverKey, creatorBundle, cli)).toMatchObject({ result: 'ok', refused: [], waiting: [] });
    const late = await importBundle(server.db, server.serverKey, helperBundle, cli);
    expect(late).toMatchObject({ result: 'ok', applied: helperChanges.length, refused: [], waiting: [] });
    expect(late.ack[helper.id]).toBe(helperChanges.length);
    const [record] = await server.db.query<{ scope: string[] }>('select scope from records where record_id = $1', [participation.id]);
    expect(record?.scope).toEqual(['TH']);
  });

  it('refuses, rather than keeps waiting, a participation in an activity the server refused', async () => {
    const creator = await officer();
    const helper = await officer();
    const activity = await creator.create('activity', { countries: ['TH'] });
    await helper.engine.apply(creator.unsent());
    const participation = { ...exampleRecords.participation, id: newRecordId(), activityId: activity.id };
    const { entity: _entity, id: _id, updatedAt: _updatedAt, ...fields } = participation;
    await helper.update('participation', participation.id, fields, ['TH']);
    // The creator moved to Laos before the activity arrived: the server refuses it, and keeps it for review.
    await server.db.query(`update users set countries = '{LA}' where id = $1`, [creator.user.id]);
    await importBundle(server.db, server.serverKey, await bundleForServer(server, coordinator, [{ ...creator, changes: creator.unsent() }]), cli);

    const answer = await importBundle(server.db, server.serverKey, await bundleForServer(server, coordinator, [{ ...helper, changes: helper.unsent() }]), cli);
    expect(answer.waiting).toEqual([]);
    expect(answer.refused.length).toBeGreaterThan(0);
    expect(answer.refused.every((refusal) => refusal.reason === 'out-of-scope')).toBe(true);
  });

  it('a pushed participation whose activity is unknown is still refused (network sync keeps its rule)', async () => {
    const helper = await officer();
    const participation = { ...exampleRecords.participation, id: newRecordId(), activityId: newRecordId() };
    const { entity: _entity, id: _id, updatedAt: _updatedAt, ...fields } = participation;
    await helper.update('participation', participation.id, fields, ['TH']);
    const answer = await helper.push(helper.unsent());
    expect(answer.refused.length).toBeGreaterThan(0);
    expect(answer.received).toBeGreaterThan(0);
  });

  it('refuses a bundle addressed to someone else, and logs the attempt', async () => {
    const laptop = await officer();
    await laptop.create('organization', { country: 'TH' });
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes: laptop.unsent() }], {
      recipient: { kind: 'device', deviceId: laptop.id, encryptionKey: laptop.encryption.publicKey },
    });
    const error = await refusalOf(importBundle(server.db, server.serverKey, bytes, { kind: 'device', userId: laptop.user.id, deviceId: laptop.id }));
    expect(error.code).toBe('wrong-recipient');
    const [logged] = await bundleImportLog(server.db, 1);
    expect(logged).toMatchObject({ result: 'refused', importedBy: laptop.user.id, viaDevice: laptop.id, detail: { code: 'wrong-recipient' } });
  });
});
