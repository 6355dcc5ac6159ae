import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestTimeWindowMs } from '@shared/api/deviceAuth';
import { errorCode, startTestServer, type TestDevice, type TestServer } from '../testing';

let server: TestServer;
let device: TestDevice;
const pull = '/api/v1/sync/pull';

beforeAll(async () => {
  server = await startTestServer();
  device = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
});
afterAll(() => server.close());

describe('device-signed requests', () => {
  it('accept a correctly signed request and note when the device was last seen', async () => {
    const response = await device.signed('POST', pull, {});
    expect(response.status).toBe(200);
    const [row] = await server.db.query<{ last_seen_at: Date | null }>('select last_seen_at from devices where id = $1', [device.id]);
    expect(row?.last_seen_at).toBeTruthy();
  });

  it('refuse a request without the headers', async () => {
    const response = await server.request('POST', pull, { json: {} });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('unauthenticated');
  });

  it('refuse a request whose time is outside the window', async () => {
    const response = await device.signed('POST', pull, {}, { now: new Date(Date.now() - requestTimeWindowMs - 60_000) });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('request-expired');
  });

  it('refuse an unknown device', async () => {
    const key = await server.newDeviceKey();
    const response = await device.signed('POST', pull, {}, { privateKey: key.privateKey, headers: { 'x-step-device': key.id } });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('unknown-device');
  });

  it('refuse a signature over other bytes, another path, or by another key', async () => {
    const otherBytes = await device.signed('POST', pull, { limit: 5 }, { signBody: new TextEncoder().encode('{"limit":6}') });
    expect(otherBytes.status).toBe(401);
    expect(await errorCode(otherBytes)).toBe('bad-signature');
    const otherPath = await device.signed('POST', pull, {}, { signPath: '/api/v1/sync/push' });
    expect(await errorCode(otherPath)).toBe('bad-signature');
    const otherKey = await device.signed('POST', pull, {}, { privateKey: (await server.newDeviceKey()).privateKey });
    expect(await errorCode(otherKey)).toBe('bad-signature');
  });

  it('refuse the same signed request twice, even once its stored signature is old', async () => {
    const now = new Date();
    const first = await device.signed('POST', pull, {}, { now });
    expect(first.status).toBe(200);
    const replay = await device.signed('POST', pull, {}, { now });
    expect(replay.status).toBe(409);
    expect(await errorCode(replay)).toBe('replayed-request');
  });

  it('refuse a revoked device', async () => {
    const officer = await server.createUser({ role: 'field-officer', countries: ['TH'] });
    const revoked = await server.enroll(officer);
    const token = await server.signIn(officer);
    await server.request('POST', `/api/v1/devices/${revoked.id}/revoke`, { token, json: { reason: 'lost' } });
    const response = await revoked.signed('POST', pull, {});
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('device-revoked');
  });
});
