import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPutResponseSchema, maxAttachmentBytes } from '@shared/api/contract';
import { errorCode, startTestServer, type TestDevice, type TestServer } from '../testing';

let server: TestServer;
let device: TestDevice;
beforeAll(async () => {
  server = await startTestServer();
  device = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
});
afterAll(() => server.close());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('attachments', () => {
  it('stores bytes under their SHA-256 once, and gives them back', async () => {
    const bytes = new TextEncoder().encode('a field report photo, as bytes');
    const path = `/api/v1/attachments/${sha(bytes)}`;
    const first = await device.signed('PUT', path, bytes);
    expect(first.status).toBe(200);
    expect(attachmentPutResponseSchema.parse(await first.json())).toEqual({ sha256: sha(bytes), size: bytes.length, stored: true });
    const second = attachmentPutResponseSchema.parse(await (await device.signed('PUT', path, bytes)).json());
    expect(second.stored).toBe(false);

    const got = await device.signed('GET', path);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
  });

  it('refuses bytes that do not match the SHA-256 in the path', async () => {
    const response = await device.signed('PUT', `/api/v1/attachments/${sha(new Uint8Array([1]))}`, new Uint8Array([2]));
    expect(response.status).toBe(422);
    expect(await errorCode(response)).toBe('hash-mismatch');
  });

  it('refuses a file over the size limit with body-too-large', async () => {
    const bytes = new Uint8Array(maxAttachmentBytes + 1);
    const response = await device.signed('PUT', `/api/v1/attachments/${sha(bytes)}`, bytes);
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('body-too-large');
  });

  it('answers not-found for a file it does not hold, and invalid-request for a malformed hash', async () => {
    const missing = await device.signed('GET', `/api/v1/attachments/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('not-found');
    const malformed = await device.signed('GET', '/api/v1/attachments/not-a-hash');
    expect(malformed.status).toBe(400);
  });
});
