import { describe, expect, it } from 'vitest';
import { sha256Hex, toBase64Url, verifyEd25519, webCrypto } from '../security/webCrypto';
import { ApiFailure, createApiClient, normalizeBaseUrl, type FetchInit, type FetchLike } from './client';
import { deviceHeaders, deviceSigningInput } from './deviceAuth';

interface Sent {
  url: string;
  init: FetchInit;
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A fetch that records what it was given and answers `status` with `body` (JSON unless bytes). */
function fakeFetch(status: number, body: unknown): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, init });
    const bytes = body instanceof Uint8Array ? body : encode(body);
    return { status, ok: status >= 200 && status < 300, arrayBuffer: async () => bytes.slice().buffer };
  };
  return { fetch, sent };
}

const user = { id: 'u1', username: 'somchai', displayName: 'Somchai', role: 'field-officer', countries: ['TH'] };
const pullAnswer = { changes: [], cursor: '12.0', more: false, received: 3, remaining: 0 };

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  return error as ApiFailure;
}

describe('api client', () => {
  it('sends JSON to the contract path and returns the validated answer', async () => {
    const { fetch, sent } = fakeFetch(200, { token: 't', expiresAt: '2025-01-01T00:00:00.000Z', user });
    const api = createApiClient({ baseUrl: 'https://step.example.org/', fetch });
    const answer = await api.call('signIn', { body: { username: 'somchai', password: 'correct horse' } });
    expect(answer.user.role).toBe('field-officer');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://step.example.org/api/v1/session');
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(sent[0]!.init.body))).toEqual({ username: 'somchai', password: 'correct horse' });
    expect(sent[0]!.init.headers.authorization).toBeUndefined();
  });

  it('fills path parameters and sends the session token for user operations', async () => {
    const device = { deviceId: 'dev-1', name: 'Laptop', user, enrolledAt: '2025-01-01T00:00:00.000Z', revokedAt: '2025-01-02T00:00:00.000Z' };
    const { fetch, sent } = fakeFetch(200, device);
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:8080', fetch, getToken: () => 'secret-token' });
    await api.call('revokeDevice', { params: { deviceId: 'dev-1' }, body: { reason: 'lost' } });
    expect(sent[0]!.url).toBe('http://127.0.0.1:8080/api/v1/devices/dev-1/revoke');
    expect(sent[0]!.init.headers.authorization).toBe('Bearer secret-token');
  });

  it('signs device requests over the exact bytes it sends', async () => {
    const keys = await webCrypto().subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    const publicKey = toBase64Url(new Uint8Array(await webCrypto().subtle.exportKey('raw', keys.publicKey)));
    const { fetch, sent } = fakeFetch(200, pullAnswer);
    const now = new Date('2025-05-01T10:00:00.000Z');
    const api = createApiClient({ baseUrl: 'https://step.example.org/prefix', fetch, getDeviceSigner: async () => ({ deviceId: 'dev-1', privateKey: keys.privateKey }), now: () => now });
    await api.call('pull', { body: { cursor: '1.2', limit: 500 } });
    const { url, init } = sent[0]!;
    expect(url).toBe('https://step.example.org/prefix/api/v1/sync/pull');
    expect(init.headers[deviceHeaders.device]).toBe('dev-1');
    expect(init.headers[deviceHeaders.time]).toBe(now.toISOString());
    const input = deviceSigningInput('POST', '/prefix/api/v1/sync/pull', now.toISOString(), await sha256Hex(init.body!));
    expect(await verifyEd25519(publicKey, init.headers[deviceHeaders.signature]!, input)).toBe(true);
    // Another body would not verify: the signature is bound to these bytes.
    const other = deviceSigningInput('POST', '/prefix/api/v1/sync/pull', now.toISOString(), await sha256Hex(encode({ cursor: '1.3' })));
    expect(await verifyEd25519(publicKey, init.headers[deviceHeaders.signature]!, other)).toBe(false);
  });

  it('sends and receives raw bytes for attachments', async () => {
    const keys = await webCrypto().subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    const file = new Uint8Array([1, 2, 3, 250]);
    const { fetch, sent } = fakeFetch(200, file);
    const api = createApiClient({ baseUrl: 'https://s.example', fetch, getDeviceSigner: () => ({ deviceId: 'dev-1', privateKey: keys.privateKey }) });
    const sha256 = 'a'.repeat(64);
    expect(await api.call('getAttachment', { params: { sha256 } })).toEqual(file);
    expect(sent[0]!.init.body).toBeUndefined();
    expect(sent[0]!.init.headers[deviceHeaders.signature]).toMatch(/^[A-Za-z0-9_-]{86}$/);

    const put = fakeFetch(200, { sha256, size: 4, stored: true });
    const uploader = createApiClient({ baseUrl: 'https://s.example', fetch: put.fetch, getDeviceSigner: () => ({ deviceId: 'dev-1', privateKey: keys.privateKey }) });
    await uploader.call('putAttachment', { params: { sha256 }, body: file });
    expect(put.sent[0]!.init.headers['content-type']).toBe('application/octet-stream');
    expect(put.sent[0]!.init.body).toEqual(file);
  });

  it('turns a server refusal into its code, status, message and details', async () => {
    const { fetch } = fakeFetch(403, { error: { code: 'device-revoked', message: 'This device was revoked', details: { at: 'x' } } });
    const keys = await webCrypto().subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    const api = createApiClient({ baseUrl: 'https://s.example', fetch, getDeviceSigner: () => ({ deviceId: 'd', privateKey: keys.privateKey }) });
    const failure = await failureOf(api.call('pull', { body: {} }));
    expect(failure).toMatchObject({ code: 'device-revoked', status: 403, message: 'This device was revoked', details: { at: 'x' } });
  });

  it('calls a failed fetch, a gateway error or a timeout "network"', async () => {
    const offline: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await failureOf(createApiClient({ baseUrl: 'https://s.example', fetch: offline }).call('serverInfo'))).code).toBe('network');
    const gateway = fakeFetch(502, new TextEncoder().encode('<html>Bad gateway</html>'));
    expect(await failureOf(createApiClient({ baseUrl: 'https://s.example', fetch: gateway.fetch }).call('serverInfo'))).toMatchObject({ code: 'network', status: 502 });
  });

  it('calls a stop by the caller "aborted", not a network failure', async () => {
    const signal = { aborted: true };
    const stopped: FetchLike = async () => {
      throw new Error('The operation was aborted');
    };
    expect((await failureOf(createApiClient({ baseUrl: 'https://s.example', fetch: stopped }).call('serverInfo', { signal }))).code).toBe('aborted');
  });

  it('calls an answer that does not match the contract "bad-response"', async () => {
    for (const [status, body] of [
      [200, { name: 'something-else' }],
      [200, new TextEncoder().encode('not json')],
      [404, new TextEncoder().encode('<html>nginx</html>')],
      [400, { error: { code: 'no-such-code', message: 'x' } }],
    ] as const) {
      const { fetch } = fakeFetch(status, body);
      const failure = await failureOf(createApiClient({ baseUrl: 'https://s.example', fetch }).call('serverInfo'));
      expect(failure.code, JSON.stringify(body)).toBe('bad-response');
      expect(failure.status).toBe(status);
    }
  });

  it('refuses to send what the contract would refuse, and says why', async () => {
    const { fetch, sent } = fakeFetch(200, {});
    const api = createApiClient({ baseUrl: 'https://s.example', fetch, getToken: () => 't' });
    const failure = await failureOf(api.call('enrollDevice', { body: { deviceId: 'has space', devicePublicKey: 'x', name: '' } }));
    expect(failure.code).toBe('invalid-request');
    expect(failure.status).toBe(0);
    expect(Array.isArray(failure.details)).toBe(true);
    expect(sent).toHaveLength(0);
  });

  it('does not send a user or device request without its credentials', async () => {
    const { fetch, sent } = fakeFetch(200, {});
    const api = createApiClient({ baseUrl: 'https://s.example', fetch });
    expect((await failureOf(api.call('listUsers'))).code).toBe('unauthenticated');
    expect((await failureOf(api.call('pull', { body: {} }))).code).toBe('unknown-device');
    expect(sent).toHaveLength(0);
  });

  it('accepts only http(s) server addresses', () => {
    expect(normalizeBaseUrl(' https://step.example.org/ ')).toBe('https://step.example.org');
    expect(normalizeBaseUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    for (const bad of ['step.example.org', 'ftp://x', 'https://', 'https://a b', 'https://x/?q=1']) expect(() => normalizeBaseUrl(bad)).toThrow(ApiFailure);
  });
});
