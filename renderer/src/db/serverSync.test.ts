import 'fake-indexeddb/auto';
import { signDeviceRequest, deviceHeaders, deviceSigningInput } from '@shared/api/deviceAuth';
import { generateX25519KeyPair, sha256Hex, verifyEd25519, x25519SharedSecret } from '@shared/security/webCrypto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import type { Draft, WriteOrigin } from './repository';
import { exportPublicKey } from './serverSync';
import { createStore, type Store } from './store';

const organization = (name: string): Draft<'organization'> => ({ name: { en: name }, type: 'university', country: 'TH' }) as Draft<'organization'>;

let db: StepDatabase;
let store: Store;
beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  store = createStore(db);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('network sync data', () => {
  it('keeps a non-extractable device key in IndexedDB that still signs after reopening', async () => {
    const pair = await store.serverSync.deviceKeyPair();
    expect(pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', pair.privateKey)).rejects.toThrow();
    expect(await store.serverSync.deviceKeyPair()).toEqual(pair);

    const name = db.name;
    db.close();
    db = openStepDatabase(name);
    store = createStore(db);
    const reopened = await store.serverSync.storedKeyPair();
    expect(reopened?.privateKey.extractable).toBe(false);
    const publicKey = await exportPublicKey(reopened!.publicKey);
    expect(publicKey).toBe(await exportPublicKey(pair.publicKey));
    const body = new TextEncoder().encode('{}');
    const headers = await signDeviceRequest('dev', reopened!.privateKey, { method: 'POST', pathWithQuery: '/api/v1/sync/pull', body });
    const input = deviceSigningInput('POST', '/api/v1/sync/pull', headers[deviceHeaders.time]!, await sha256Hex(body));
    expect(await verifyEd25519(publicKey, headers[deviceHeaders.signature]!, input)).toBe(true);
  });

  it('makes one key pair even when asked twice at once', async () => {
    const [a, b] = await Promise.all([store.serverSync.deviceKeyPair(), store.serverSync.deviceKeyPair()]);
    expect(await exportPublicKey(a.publicKey)).toBe(await exportPublicKey(b.publicKey));
  });

  it('keeps a non-extractable X25519 key that still agrees on a secret after reopening', async () => {
    const pair = await store.serverSync.encryptionKeyPair();
    expect(pair.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.privateKey.extractable).toBe(false);
    expect(pair.privateKey.algorithm.name).toBe('X25519');
    await expect(crypto.subtle.exportKey('pkcs8', pair.privateKey)).rejects.toThrow();
    // Its own key, not the signing key's.
    expect(pair.publicKey).not.toBe(await exportPublicKey((await store.serverSync.deviceKeyPair()).publicKey));

    const name = db.name;
    db.close();
    db = openStepDatabase(name);
    store = createStore(db);
    const reopened = await store.serverSync.storedEncryptionKeyPair();
    expect(reopened?.publicKey).toBe(pair.publicKey);
    expect((await store.serverSync.encryptionKeyPair()).publicKey).toBe(pair.publicKey);
    const sender = await generateX25519KeyPair();
    const ours = await x25519SharedSecret(reopened!.privateKey, sender.publicKey);
    const theirs = await x25519SharedSecret(sender.privateKey, pair.publicKey);
    expect(ours).toBeDefined();
    expect(ours).toEqual(theirs);
  });

  it('makes one X25519 key pair even when asked twice at once', async () => {
    const [a, b] = await Promise.all([store.serverSync.encryptionKeyPair(), store.serverSync.encryptionKeyPair()]);
    expect(a.publicKey).toBe(b.publicKey);
  });

  it('gives the port this device\'s own changes by seq, its state, and keeps refusals', async () => {
    const { port } = store.serverSync;
    expect(await port.loadState()).toEqual({ received: 0 });
    for (const name of ['One', 'Two', 'Three']) await store.repository.create('organization', organization(name));
    const seq = await port.localSeq();
    expect(seq).toBeGreaterThan(3);
    const all = await port.ownChangesAfter(0, 10_000);
    expect(all.map((c) => c.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    expect((await port.ownChangesAfter(2, 3)).map((c) => c.seq)).toEqual([3, 4, 5]);

    // Changes from elsewhere are not this device's own.
    const other = all.slice(0, 2).map((c) => ({ ...c, device: 'another-device', stamp: c.stamp.replace(/-[^-]+$/, '-another-device') }));
    await port.applyRemote(other);
    expect((await port.ownChangesAfter(0, 10_000)).every((c) => c.device === all[0]!.device)).toBe(true);

    await port.saveState({ cursor: '12.3', received: 4 });
    expect(await port.loadState()).toEqual({ cursor: '12.3', received: 4 });

    await port.recordRefusals([{ seq: 2, entity: 'organization', recordId: all[0]!.recordId, field: 'name', reason: 'out-of-scope' }]);
    await port.recordRefusals([{ seq: 5, entity: 'organization', recordId: all[4]!.recordId, field: 'type', reason: 'invalid-value', detail: 'x' }]);
    const { items, total } = await store.serverSync.refusals();
    expect(total).toBe(2);
    expect(items.map((r) => r.seq)).toEqual([5, 2]);
    expect(items[0]!.at).toMatch(/^\d{4}-/);
    await store.serverSync.dismissRefusals([5]);
    expect((await store.serverSync.refusals()).total).toBe(1);
  });

  it('attributes changes to the signed-in user once set, and to the device otherwise', async () => {
    await store.repository.create('organization', organization('Before'));
    store.repository.setAuthor('user:u-42');
    await store.repository.create('organization', organization('After'));
    store.repository.setAuthor(undefined);
    await store.repository.create('organization', organization('Signed out'));
    const device = await store.repository.deviceId();
    const authors = (await store.repository.changesBeyond({})).map((c) => c.author).filter((author, i, all) => author !== all[i - 1]);
    expect(authors).toEqual([`device:${device}`, 'user:u-42', `device:${device}`]);
  });

  it('tells listeners whether a write was local or came from elsewhere', async () => {
    const origins: WriteOrigin[] = [];
    store.repository.subscribe((_changes, origin) => origins.push(origin));
    await store.repository.create('organization', organization('Local'));
    const changes = (await store.repository.changesBeyond({})).map((c) => ({ ...c, device: 'peer', stamp: c.stamp.replace(/-[^-]+$/, '-peer'), recordId: '019a0000-0000-7000-8000-0000000000ff' }));
    await store.repository.applyRemote(changes);
    expect(origins).toEqual(['local', 'remote']);
  });

  it('forgets the enrollment and sync position, keeping the records and the device key (its identity)', async () => {
    await store.repository.create('organization', organization('Kept'));
    const pair = await store.serverSync.deviceKeyPair();
    const encryption = await store.serverSync.encryptionKeyPair();
    await store.serverSync.port.saveState({ cursor: '1.0', received: 3 });
    await store.serverSync.saveLastSync({ at: 5, summary: { pulled: 1, pushed: 2, refused: 0, durationMs: 3 } });
    await store.serverSync.forgetEnrollment();
    const kept = await store.serverSync.storedKeyPair();
    expect(kept && (await exportPublicKey(kept.publicKey))).toBe(await exportPublicKey(pair.publicKey));
    // Bundles already encrypted to this computer stay readable.
    expect((await store.serverSync.storedEncryptionKeyPair())?.publicKey).toBe(encryption.publicKey);
    expect(await store.serverSync.loadLastSync()).toBeUndefined();
    expect(await store.serverSync.port.loadState()).toEqual({ received: 0 });
    expect(await db.organizations.count()).toBe(1);
  });

  it('opens a version 2 database and keeps its data (schema version 3 adds a table)', async () => {
    const name = `v2-${Math.random()}`;
    const old = new Dexie(name);
    old.version(2).stores({ organizations: 'id', syncState: 'key', changes: '[device+seq], [entity+recordId]' });
    await old.open();
    await old.table('syncState').put({ key: 'device', value: 'old-device' });
    old.close();
    const upgraded = openStepDatabase(name);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(3);
    expect(await upgraded.syncState.get('device')).toEqual({ key: 'device', value: 'old-device' });
    expect(await upgraded.syncRefusals.count()).toBe(0);
    upgraded.close();
    await upgraded.delete();
  });
});
