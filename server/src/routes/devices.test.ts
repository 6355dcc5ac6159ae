import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificate } from '@shared/api/certificate';
import { deviceInfoSchema, serverInfoSchema } from '@shared/api/contract';
import { z } from 'zod';
import { errorCode, startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const listOf = async (token: string) => z.object({ devices: z.array(deviceInfoSchema) }).parse(await (await server.request('GET', '/api/v1/devices', { token })).json()).devices;

describe('devices', () => {
  it('enrolls a device with a certificate that verifies with the server key', async () => {
    const officer = await server.createUser({ role: 'field-officer', countries: ['TH', 'LA'] });
    const device = await server.enroll(officer);
    const info = serverInfoSchema.parse(await (await server.request('GET', '/api/v1/server')).json());
    const certificate = await verifyCertificate(device.certificate, info.publicKey);
    expect(certificate?.body).toMatchObject({ deviceId: device.id, devicePublicKey: device.publicKey, userId: officer.id, role: 'field-officer', countries: ['TH', 'LA'] });
    // Tampering breaks it.
    expect(await verifyCertificate({ ...device.certificate, body: { ...device.certificate.body, role: 'admin' } }, info.publicKey)).toBeUndefined();
  });

  it('re-enrolls the same device, key and person with a fresh certificate; refuses another key or person', async () => {
    const officer = await server.createUser({ role: 'field-officer', countries: ['TH'] });
    const other = await server.createUser({ role: 'field-officer', countries: ['TH'] });
    const key = await server.newDeviceKey();
    const first = await server.enroll(officer, { id: key.id, key });
    const second = await server.enroll(officer, { id: key.id, key });
    expect(second.certificate.body.deviceId).toBe(first.id);
    expect(second.certificate.signature).not.toBe(first.certificate.signature);

    const otherKey = await server.newDeviceKey();
    const token = await server.signIn(officer);
    const anotherKey = await server.request('POST', '/api/v1/devices', { token, json: { deviceId: key.id, devicePublicKey: otherKey.publicKey, name: 'x' } });
    expect(anotherKey.status).toBe(409);
    expect(await errorCode(anotherKey)).toBe('device-taken');
    const otherToken = await server.signIn(other);
    const anotherPerson = await server.request('POST', '/api/v1/devices', { token: otherToken, json: { deviceId: key.id, devicePublicKey: key.publicKey, name: 'x' } });
    expect(await errorCode(anotherPerson)).toBe('device-taken');
  });

  it('lists what each person may manage and lets a coordinator revoke an officer of their country', async () => {
    const officerTH = await server.createUser({ role: 'field-officer', countries: ['TH'] });
    const officerVN = await server.createUser({ role: 'field-officer', countries: ['VN'] });
    const coordinatorTH = await server.createUser({ role: 'national-coordinator', countries: ['TH'] });
    const secretariat = await server.createUser({ role: 'secretariat' });
    const deviceTH = await server.enroll(officerTH);
    const deviceVN = await server.enroll(officerVN);

    const coordinatorToken = await server.signIn(coordinatorTH);
    const seen = (await listOf(coordinatorToken)).map((d) => d.deviceId);
    expect(seen).toContain(deviceTH.id);
    expect(seen).not.toContain(deviceVN.id);
    expect((await listOf(await server.signIn(officerTH))).map((d) => d.deviceId)).toEqual([deviceTH.id]);
    expect((await listOf(await server.signIn(secretariat))).map((d) => d.deviceId)).toEqual(expect.arrayContaining([deviceTH.id, deviceVN.id]));

    const refused = await server.request('POST', `/api/v1/devices/${deviceVN.id}/revoke`, { token: coordinatorToken, json: { reason: 'not mine' } });
    expect(refused.status).toBe(403);
    const revoked = await server.request('POST', `/api/v1/devices/${deviceTH.id}/revoke`, { token: coordinatorToken, json: { reason: 'laptop stolen' } });
    expect(revoked.status).toBe(200);
    expect(deviceInfoSchema.parse(await revoked.json())).toMatchObject({ deviceId: deviceTH.id, revokedReason: 'laptop stolen', revokedAt: expect.any(String) });

    const missing = await server.request('POST', '/api/v1/devices/no-such-device/revoke', { token: coordinatorToken, json: { reason: 'x' } });
    expect(missing.status).toBe(404);
  });
});
