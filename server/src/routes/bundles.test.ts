import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificate } from '@shared/api/certificate';
import { bundleImportResponseSchema, maxBundleBytes, serverInfoSchema } from '@shared/api/contract';
import { apiErrorSchema } from '@shared/api/errors';
import { bundleErrorText } from '@shared/bundle/errors';
import { signDeviceRequest } from '@shared/api/deviceAuth';
import { verifyRevocationList } from '@shared/bundle/revocations';
import { verifyServerAck } from '@shared/bundle/serverAck';
import { bundleImportLog } from '../bundles/log';
import { bundleForServer, countRows, databaseDigest } from '../bundles/testBundles';
import { errorCode, startTestServer, type TestDevice, type TestServer } from '../testing';

let server: TestServer;
let coordinator: TestDevice;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.enroll(await server.createUser({ role: 'national-coordinator', countries: ['TH'] }));
});
afterAll(() => server.close());

const officer = async () => server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
const upload = (device: TestDevice, bytes: Uint8Array, headers: Record<string, string> = {}) => device.signed('POST', '/api/v1/bundles', bytes, { headers });

describe('POST /api/v1/bundles', () => {
  it("imports a coordinator's bundle carrying an officer's changes, and answers what happened", async () => {
    const laptop = await officer();
    await laptop.create('activity', { countries: ['TH'] });
    const changes = laptop.unsent();
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes }]);

    const response = await upload(coordinator, bytes, { 'content-type': 'application/octet-stream' });
    expect(response.status).toBe(200);
    const answer = bundleImportResponseSchema.parse(await response.json());
    expect(answer).toMatchObject({ result: 'ok', applied: changes.length, refused: [], waiting: [] });
    expect(answer.ack[laptop.id]).toBe(changes.length);
    const [logged] = await bundleImportLog(server.db, 1);
    expect(logged).toMatchObject({ bundleId: answer.bundleId, result: 'ok', importedBy: coordinator.user.id, viaDevice: coordinator.id, exporterDevice: coordinator.id });
  });

  it('refuses a damaged bundle with 422 bundle-refused and its reason, storing nothing', async () => {
    const laptop = await officer();
    await laptop.create('organization', { country: 'TH' });
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes: laptop.unsent() }]);
    // One flipped bit in the stored bytes of the chunk's part (after its zip local header).
    const damaged = bytes.slice();
    const name = new TextEncoder().encode('parts/000002.bin');
    const at = damaged.findIndex((_, i) => damaged[i] === 0x50 && damaged[i + 1] === 0x4b && damaged[i + 2] === 3 && damaged[i + 3] === 4 && name.every((byte, j) => damaged[i + 30 + j] === byte));
    expect(at).toBeGreaterThan(0);
    const extraLength = damaged[at + 28]! | (damaged[at + 29]! << 8);
    damaged[at + 30 + name.length + extraLength + 5]! ^= 1;
    const before = await databaseDigest(server.db);

    const response = await upload(coordinator, damaged);
    expect(response.status).toBe(422);
    const { error } = apiErrorSchema.parse(await response.json());
    expect(error.code).toBe('bundle-refused');
    const details = error.details as { bundleCode: string; params: Record<string, string | number>; message: string };
    expect(details.message).toBe(bundleErrorText({ code: details.bundleCode as never, params: details.params }));
    expect(error.message).toBe(details.message);
    expect(await databaseDigest(server.db)).toBe(before);
    expect(await countRows(server.db, 'select count(*) as n from changes where device = $1', [laptop.id])).toBe(0);
    const [logged] = await bundleImportLog(server.db, 1);
    expect(details.bundleCode).toBe('part-hash');
    expect(logged).toMatchObject({ result: 'refused', detail: { code: 'part-hash' } });

    const notABundle = await upload(coordinator, new TextEncoder().encode('hello, not a zip'));
    expect(apiErrorSchema.parse(await notABundle.json()).error).toMatchObject({ code: 'bundle-refused', details: { bundleCode: 'not-a-zip' } });
  });

  it('takes bundles from enrolled, unrevoked devices only, as octet-stream', async () => {
    const laptop = await officer();
    await laptop.create('organization', { country: 'TH' });
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes: laptop.unsent() }]);

    const anonymous = await server.request('POST', '/api/v1/bundles', { body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    expect(anonymous.status).toBe(401);
    expect(await errorCode(anonymous)).toBe('unauthenticated');
    const signedByAnother = await coordinator.signed('POST', '/api/v1/bundles', bytes, { privateKey: laptop.privateKey });
    expect(await errorCode(signedByAnother)).toBe('bad-signature');
    const asJson = await upload(coordinator, bytes, { 'content-type': 'application/json' });
    expect(asJson.status).toBe(415);

    const revoked = await officer();
    await server.db.query(`update devices set revoked_at = now(), revoked_reason = 'lost' where id = $1`, [revoked.id]);
    const fromRevoked = await upload(revoked, bytes);
    expect(fromRevoked.status).toBe(403);
    expect(await errorCode(fromRevoked)).toBe('device-revoked');
    expect(await countRows(server.db, 'select count(*) as n from changes where device = $1', [laptop.id])).toBe(0);
  });

  it(`refuses a declared body over ${maxBundleBytes} bytes before reading it`, async () => {
    const response = await upload(coordinator, new Uint8Array(16), { 'content-length': String(maxBundleBytes + 1) });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('body-too-large');
  });
});

describe('GET /api/v1/revocations', () => {
  it('lists every revoked device, signed by the server key', async () => {
    const lost = await officer();
    const token = await server.signIn(lost.user);
    await server.request('POST', `/api/v1/devices/${lost.id}/revoke`, { token, json: { reason: 'lost on the bus' } });
    const response = await coordinator.signed('GET', '/api/v1/revocations');
    expect(response.status).toBe(200);
    const list = await verifyRevocationList(await response.json(), server.serverKey.publicKey);
    expect(list?.body.revoked.map((entry) => entry.deviceId)).toContain(lost.id);
    expect(list?.body.revoked.map((entry) => entry.deviceId)).not.toContain(coordinator.id);
    expect(await errorCode(await server.request('GET', '/api/v1/revocations'))).toBe('unauthenticated');
  });
});

describe('GET /api/v1/acks', () => {
  it("answers the server's processed seq of every device, signed by the server key", async () => {
    const laptop = await officer();
    await laptop.create('organization', { country: 'TH' });
    const received = (await laptop.push(laptop.unsent())).received;
    const response = await coordinator.signed('GET', '/api/v1/acks');
    expect(response.status).toBe(200);
    const signed = await verifyServerAck(await response.json(), server.serverKey.publicKey);
    expect(signed?.body.vector[laptop.id]).toBe(received);
    expect(await errorCode(await server.request('GET', '/api/v1/acks'))).toBe('unauthenticated');
  });
});

describe('uploads one bundle at a time', () => {
  it('answers 503 server-busy with retry-after while another bundle is being read, and takes the next one after', async () => {
    const laptop = await officer();
    await laptop.create('organization', { country: 'TH' });
    const bytes = await bundleForServer(server, coordinator, [{ ...laptop, changes: laptop.unsent() }]);

    // A slow upload: its body arrives only when the test says so.
    let started!: () => void;
    const reading = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // highWaterMark 0: pulled only when the server reads the body, that is after it has taken the slot.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          started();
          await finished;
          controller.enqueue(bytes);
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const headers = await signDeviceRequest(coordinator.id, coordinator.privateKey, { method: 'POST', pathWithQuery: '/api/v1/bundles', body: bytes });
    const slow = server.app.request('/api/v1/bundles', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    await reading;

    const busy = await upload(laptop, bytes);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await errorCode(busy)).toBe('server-busy');

    finish();
    expect((await slow).status).toBe(200);
    expect((await upload(laptop, bytes)).status).toBe(200);
  });
});

describe('reserved device ids', () => {
  it.each(['server', 'step-server'])("refuses to enroll a device as '%s' (it names the server in acknowledgements)", async (deviceId) => {
    const user = await server.createUser({ role: 'field-officer', countries: ['TH'] });
    const token = await server.signIn(user);
    const key = await server.newDeviceKey();
    const response = await server.request('POST', '/api/v1/devices', { token, json: { deviceId, devicePublicKey: key.publicKey, name: 'laptop' } });
    expect(response.status).toBe(409);
    const { error } = apiErrorSchema.parse(await response.json());
    expect(error).toMatchObject({ code: 'device-taken', details: { reserved: true } });
    expect(error.message).toContain('reserved');
  });
});

describe('encryption keys', () => {
  it("publishes the server's X25519 key and certifies a device's own at enrollment", async () => {
    const info = serverInfoSchema.parse(await (await server.request('GET', '/api/v1/server')).json());
    expect(info.encryptionPublicKey).toBe(server.serverKey.encryptionPublicKey);
    const laptop = await officer();
    const certificate = await verifyCertificate(laptop.certificate, info.publicKey);
    expect(certificate?.body.encryptionPublicKey).toBe(laptop.encryption.publicKey);

    const token = await server.signIn(laptop.user);
    const key = await server.newDeviceKey();
    const malformed = await server.request('POST', '/api/v1/devices', { token, json: { deviceId: key.id, devicePublicKey: key.publicKey, name: 'x', encryptionPublicKey: 'short' } });
    expect(malformed.status).toBe(400);
  });
});
