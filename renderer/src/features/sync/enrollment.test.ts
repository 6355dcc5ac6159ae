import 'fake-indexeddb/auto';
import { signCertificate, type DeviceCertificateBody } from '@shared/api/certificate';
import { createApiClient, type FetchLike } from '@shared/api/client';
import { enrollRequestSchema, type UserInfo } from '@shared/api/contract';
import { generateX25519KeyPair, toBase64Url } from '@shared/security/webCrypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from '../../db/database';
import { exportPublicKey } from '../../db/serverSync';
import { createStore, type Store } from '../../db/store';
import type { SignInSession } from '../../state/syncStore';
import { requestEnrollment } from './enrollment';

let db: StepDatabase;
let store: Store;
beforeEach(async () => {
  db = openStepDatabase(`enroll-${Math.random()}`);
  store = createStore(db);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const user: UserInfo = { id: 'u-1', username: 'somchai', displayName: 'Somchai', role: 'field-officer', countries: ['TH'] };

/** A server that signs whatever it is asked for, with `alter` changing the certificate's body first. */
async function fakeServer(alter: (body: DeviceCertificateBody) => DeviceCertificateBody = (body) => body) {
  const serverKeys = (await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify'])) as CryptoKeyPair;
  const serverPublicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', serverKeys.publicKey)));
  const serverEncryption = await generateX25519KeyPair();
  const requests: unknown[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const request = enrollRequestSchema.parse(JSON.parse(new TextDecoder().decode(init.body)));
    requests.push(request);
    const body: DeviceCertificateBody = {
      version: 1,
      deviceId: request.deviceId,
      devicePublicKey: request.devicePublicKey,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      countries: user.countries,
      issuedAt: '2025-06-01T00:00:00.000Z',
      issuer: serverPublicKey,
      ...(request.encryptionPublicKey ? { encryptionPublicKey: request.encryptionPublicKey } : {}),
    };
    const answer = { certificate: await signCertificate(alter(body), serverKeys.privateKey), serverPublicKey };
    const bytes = new TextEncoder().encode(JSON.stringify(answer));
    return { status: 201, ok: true, arrayBuffer: async () => bytes.buffer };
  };
  const session: SignInSession = {
    serverUrl: 'https://step.example.org',
    serverPublicKey,
    serverEncryptionPublicKey: serverEncryption.publicKey,
    serverVersion: '0.1.0',
    token: 'token',
    user,
  };
  const api = createApiClient({ baseUrl: session.serverUrl, fetch, getToken: () => session.token });
  return { api, session, requests };
}

const enroll = (server: Awaited<ReturnType<typeof fakeServer>>, deviceId = 'device-1') =>
  requestEnrollment({ api: server.api, session: server.session, serverSync: store.serverSync, deviceId, name: '  Somchai’s laptop ', now: () => new Date('2025-06-02T00:00:00Z') });

/** The refusal of a well-formed answer whose certificate is not this device's (not a contract mismatch). */
const notOurs = { code: 'bad-response', message: 'the certificate is not for this computer or not signed by the server key' };

describe('enrollment', () => {
  it("sends both of this device's public keys and pins both of the server's", async () => {
    const server = await fakeServer();
    const enrollment = await enroll(server);
    const encryption = await store.serverSync.encryptionKeyPair();
    const signing = await exportPublicKey((await store.serverSync.deviceKeyPair()).publicKey);
    expect(server.requests).toEqual([{ deviceId: 'device-1', devicePublicKey: signing, encryptionPublicKey: encryption.publicKey, name: 'Somchai’s laptop' }]);
    expect(enrollment).toMatchObject({
      serverUrl: 'https://step.example.org',
      serverPublicKey: server.session.serverPublicKey,
      serverEncryptionPublicKey: server.session.serverEncryptionPublicKey,
      deviceName: 'Somchai’s laptop',
      enrolledAt: '2025-06-02T00:00:00.000Z',
      user,
    });
    expect(enrollment.certificate.body.encryptionPublicKey).toBe(encryption.publicKey);
  });

  it('accepts a certificate without an encryption key (a server from before bundles)', async () => {
    const server = await fakeServer(({ encryptionPublicKey: _dropped, ...body }) => body);
    expect((await enroll(server)).certificate.body.encryptionPublicKey).toBeUndefined();
  });

  it('refuses a certificate that names another encryption key', async () => {
    const stranger = await generateX25519KeyPair();
    const server = await fakeServer((body) => ({ ...body, encryptionPublicKey: stranger.publicKey }));
    await expect(enroll(server)).rejects.toMatchObject(notOurs);
  });

  it('refuses a certificate for another device or signed by a key other than the pinned one', async () => {
    await expect(enroll(await fakeServer((body) => ({ ...body, deviceId: 'device-2' })))).rejects.toMatchObject(notOurs);
    const server = await fakeServer();
    const other = await fakeServer();
    await expect(requestEnrollment({ api: server.api, session: { ...server.session, serverPublicKey: other.session.serverPublicKey }, serverSync: store.serverSync, deviceId: 'device-1', name: 'x' })).rejects.toMatchObject(notOurs);
  });
});
