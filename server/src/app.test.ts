import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract, maxJsonBodyBytes, type ApiOperation } from '@shared/api/contract';
import { apiErrorSchema } from '@shared/api/errors';
import { handlers } from './app';
import { errorCode, startTestServer, type TestServer } from './testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the HTTP app', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await (await server.request('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await server.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with a JSON not-found', async () => {
    const response = await server.request('GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('not-found');
  });

  it('refuses malformed JSON with bad-json and schema failures with invalid-request and issue paths', async () => {
    const bad = await server.request('POST', '/api/v1/session', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe('bad-json');

    const invalid = await server.request('POST', '/api/v1/session', { json: { username: 'someone', password: 42 } });
    expect(invalid.status).toBe(400);
    const body = apiErrorSchema.parse(await invalid.json());
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['password'] })]));
  });

  it('refuses a body over the limit before parsing it, declared or not', async () => {
    const big = 'x'.repeat(maxJsonBodyBytes + 1);
    const declared = await server.request('POST', '/api/v1/session', { body: big, headers: { 'content-type': 'application/json', 'content-length': String(big.length) } });
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe('body-too-large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 9; i += 1) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const chunked = await server.app.request('/api/v1/session', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('refuses a body that is not JSON by its content type, and NUL characters in text', async () => {
    const form = await server.request('POST', '/api/v1/session', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await errorCode(form)).toBe('unsupported-media-type');
    const nul = await server.request('POST', '/api/v1/session', { json: { username: 'a\u0000b', password: 'whatever' } });
    expect(nul.status).toBe(400);
    expect(await errorCode(nul)).toBe('invalid-request');
  });

  it('answers an unexpected failure with 500 internal and logs it under the request id', async () => {
    const broken = await import('./app');
    const app = broken.createApp({ ...server.deps, db: { ...server.deps.db, query: () => Promise.reject(new Error('database on fire')) } });
    const response = await app.request('/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'someone', password: 'x' }), headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' } });
    expect(response.status).toBe(500);
    expect(await errorCode(response)).toBe('internal');
    expect(server.logs).toContainEqual(expect.objectContaining({ level: 'error', requestId: 'req-42', error: expect.stringContaining('database on fire') }));
  });

  it('logs one line per request with status and duration, and no secrets', async () => {
    await server.request('POST', '/api/v1/session', { json: { username: 'nobody-here', password: 'secret-password-123' }, headers: { 'x-request-id': 'req-log-1' } });
    const line = server.logs.find((entry) => entry.requestId === 'req-log-1' && entry.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'POST', path: '/api/v1/session', status: 401 });
    expect(typeof line?.ms).toBe('number');
    expect(JSON.stringify(server.logs)).not.toContain('secret-password-123');
  });

  it('describes every contract operation in /openapi.json, and has a handler for each', async () => {
    const document = (await (await server.request('GET', '/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.openapi).toMatch(/^3\./);
    for (const [name, operation] of Object.entries(apiContract) as [string, ApiOperation][]) {
      expect(document.paths[operation.path]?.[operation.method.toLowerCase()]?.operationId, name).toBe(name);
      expect(typeof handlers[name as keyof typeof handlers], name).toBe('function');
      // Routed: unauthenticated, it gets a refusal (401, 400...) or an answer, never "no route".
      const path = operation.path.replace('{sha256}', 'a'.repeat(64)).replace('{deviceId}', 'some-device');
      expect((await server.request(operation.method, path)).status, `${name} is routed`).not.toBe(404);
    }
  });
});

describe('CORS', () => {
  it('lets desks on other origins send signed requests (preflight) and read answers', async () => {
    const server = await startTestServer();
    try {
      const preflight = await server.app.request('/api/v1/sync/push', {
        method: 'OPTIONS',
        headers: { origin: 'app://step', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-step-device,x-step-time,x-step-signature' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-step-signature');
      const health = await server.app.request('/healthz', { headers: { origin: 'http://127.0.0.1:4173' } });
      expect(health.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await server.close();
    }
  });
});
