import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract, maxAttachmentBytes, maxJsonBodyBytes, type ApiOperation } from '@shared/api/contract';
import { maxJsonDepth } from '@shared/api/contract';
import { requestTimeWindowMs, signDeviceRequest } from '@shared/api/deviceAuth';
import { apiErrorSchema, apiErrorStatus, type ApiErrorCode } from '@shared/api/errors';
import { newRecordId } from '@shared/domain/ids';
import type { Change } from '@shared/sync/change';
import { formatStamp } from '@shared/sync/hlc';
import { startTestServer, type TestDevice, type TestServer, type TestUser } from './testing';

/**
 * Hostile input. (a) A named corpus of bad requests, each answered with its specific 4xx code from
 * shared/src/api/errors.ts and leaving the database as it was. (b) A fast-check fuzz of random
 * requests (the contract's methods and paths and garbage ones; random headers with partly valid device
 * signatures and sessions; arbitrary JSON, mutations of valid requests, raw bytes): never a 5xx, every
 * 4xx a contract error body, a refused request changes nothing, and the server is still ready after.
 */

let server: TestServer;
let admin: TestUser;
let adminToken: string;
let officer: TestUser;
let officerToken: string;
/** A field officer of Thailand's desk: the signer of the corpus' and the fuzz's device requests. */
let desk: TestDevice;
/** Another enrolled desk (of another officer): forged ids and changes name it. */
let otherDesk: TestDevice;
let revokedDesk: TestDevice;
let vnActivity: string;
let thActivity: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser({ role: 'admin' });
  adminToken = await server.signIn(admin);
  officer = await server.createUser({ role: 'field-officer', countries: ['TH'] });
  officerToken = await server.signIn(officer);
  desk = await server.enroll(officer);
  otherDesk = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
  revokedDesk = await server.enroll(officer);
  const revoke = await server.request('POST', `/api/v1/devices/${revokedDesk.id}/revoke`, { token: adminToken, json: { reason: 'lost' } });
  expect(revoke.status).toBe(200);
  const secretariat = await server.enroll(await server.createUser({ role: 'secretariat' }));
  vnActivity = (await secretariat.create('activity', { countries: ['VN'] })).id;
  thActivity = (await secretariat.create('activity', { countries: ['TH'] })).id;
  expect((await secretariat.push()).refused).toEqual([]);
  // The desk has processed changes already, so that seqs matter.
  await desk.create('activity', { countries: ['TH'] });
  expect((await desk.push()).refused).toEqual([]);
});
afterAll(() => server.close());

/**
 * A digest of everything a request could wrongly change. Left out: what every authenticated request
 * legitimately touches (a device's last_seen_at, the stored request signatures against replay).
 */
const digestTables: Record<string, string> = {
  users: 'select id, username, display_name, role, countries, password_hash, created_at from users',
  sessions: 'select token_hash, user_id, expires_at from sessions',
  devices: 'select id, user_id, name, public_key, certificate, enrolled_at, revoked_at, revoked_reason from devices',
  changes: 'select * from changes',
  refused_changes: 'select * from refused_changes',
  device_progress: 'select * from device_progress',
  records: 'select * from records',
  attachments: 'select sha256, size, md5(bytes) as bytes, created_at from attachments',
  server_keys: 'select * from server_keys',
};
const digestSql = `select ${Object.entries(digestTables)
  .map(([name, sql]) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from (${sql}) t) as ${name}`)
  .join(', ')}`;
type Digest = Record<string, string>;
const digest = async (): Promise<Digest> => (await server.db.query<Digest>(digestSql))[0]!;
const without = (value: Digest, ...tables: string[]) => Object.fromEntries(Object.entries(value).filter(([table]) => !tables.includes(table)));

/** The desk's next seq, as the server sees it. */
const nextSeq = async (device: TestDevice = desk) =>
  Number((await server.db.query<{ p: number | string }>('select processed_seq as p from device_progress where device = $1', [device.id]))[0]?.p ?? 0) + 1;

let stampCounter = 0;
/** A valid change of the desk: a status edit of its own Thai activity unless told otherwise. */
const change = (seq: number, fields: Partial<Change> = {}): Change => ({
  device: desk.id,
  seq,
  stamp: formatStamp(Date.now(), (stampCounter += 1) % 1_000_000, fields.device ?? desk.id),
  author: `device:${desk.id}`,
  entity: 'activity',
  recordId: thActivity,
  field: 'status',
  value: 'implementation',
  seen: [],
  scope: ['TH'],
  ...fields,
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const text = (value: string) => new TextEncoder().encode(value);

/** A body stream of `size` bytes made of one reused chunk, counting what the server pulled from it. */
function zeros(size: number, chunk = 1024 * 1024): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const block = new Uint8Array(chunk);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const piece = Math.min(chunk, size - sent);
      sent += piece;
      controller.enqueue(piece === chunk ? block : block.subarray(0, piece));
    },
  });
  return { stream, pulled: () => sent };
}

/** A device-signed request with a streamed body (the signature is over `signBody`; the limit is checked first). */
async function signedStream(device: TestDevice, method: string, path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const signature = await signDeviceRequest(device.id, device.privateKey, { method, pathWithQuery: path, body: new Uint8Array(0) });
  return server.app.request(new Request(`http://localhost${path}`, { method, headers: { ...signature, ...headers }, body, duplex: 'half' } as RequestInit));
}

interface CorpusCase {
  name: string;
  code: ApiErrorCode;
  send: () => Promise<Response>;
  /** Tables this refusal may legitimately change (a push's refused changes are kept for review). */
  mayChange?: string[];
  /** More checks after the answer. */
  then?: (response: Response, body: unknown) => Promise<void> | void;
}

const push = '/api/v1/sync/push';
const pull = '/api/v1/sync/pull';
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const corpus: CorpusCase[] = [
  // Bodies that are not JSON, or not the contract's.
  { name: 'bad JSON in a push', code: 'bad-json', send: () => desk.signed('POST', push, text('{"changes": [')) },
  { name: 'bad JSON in a sign-in', code: 'bad-json', send: () => server.request('POST', '/api/v1/session', { body: "{username: 'x'}", headers: { 'content-type': 'application/json' } }) },
  { name: 'an empty body where JSON is expected', code: 'bad-json', send: () => server.request('POST', '/api/v1/users', { token: adminToken, body: '', headers: { 'content-type': 'application/json' } }) },
  { name: 'non-UTF-8 bytes in a pull', code: 'bad-json', send: () => desk.signed('POST', pull, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])) },
  { name: 'an overlong UTF-8 encoding in a sign-in', code: 'bad-json', send: () => server.request('POST', '/api/v1/session', { body: new Uint8Array([0x22, 0xc0, 0xaf, 0x22]), headers: { 'content-type': 'application/json' } }) },
  { name: 'wrong types: changes as a string', code: 'invalid-request', send: () => desk.signed('POST', push, { changes: 'all of them' }) },
  { name: 'wrong types: a seq as a string', code: 'invalid-request', send: async () => desk.signed('POST', push, { changes: [{ ...change(await nextSeq()), seq: String(await nextSeq()) }] }) },
  { name: 'wrong types: a pull limit as a float', code: 'invalid-request', send: () => desk.signed('POST', pull, { limit: 1.5 }) },
  { name: 'wrong types: the body is an array', code: 'invalid-request', send: () => server.request('POST', '/api/v1/session', { json: [officer.username, officer.password] }) },
  { name: 'wrong types: the body is null', code: 'invalid-request', send: () => desk.signed('POST', push, null) },
  { name: 'an unknown field in a push', code: 'invalid-request', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq())], force: true }) },
  { name: 'an unknown field in a pull', code: 'invalid-request', send: () => desk.signed('POST', pull, { since: 0 }) },
  {
    name: 'an unknown field in a user creation (no self-made privileges)',
    code: 'invalid-request',
    send: () =>
      server.request('POST', '/api/v1/users', {
        token: adminToken,
        json: { username: 'mallory', displayName: 'M', password: 'a long enough password', role: 'field-officer', countries: ['TH'], superuser: true },
      }),
  },
  { name: 'an unknown field in a sign-in', code: 'invalid-request', send: () => server.request('POST', '/api/v1/session', { json: { username: officer.username, password: officer.password, role: 'admin' } }) },
  { name: 'an unknown field in a revocation', code: 'invalid-request', send: () => server.request('POST', `/api/v1/devices/${otherDesk.id}/revoke`, { token: adminToken, json: { reason: 'x', cascade: true } }) },
  { name: 'an empty push', code: 'invalid-request', send: () => desk.signed('POST', push, { changes: [] }) },
  { name: 'a change of an unknown entity', code: 'invalid-request', send: async () => desk.signed('POST', push, { changes: [{ ...change(await nextSeq()), entity: 'users' }] }) },
  { name: 'a change with a record id that is not a UUIDv7', code: 'invalid-request', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq(), { recordId: "1' or '1'='1" })] }) },
  { name: 'a NUL character in a change value', code: 'invalid-request', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq(), { field: 'iatiIdentifier', value: 'XM\u0000-1' })] }) },
  { name: 'a NUL character in a JSON key', code: 'invalid-request', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq(), { field: 'details', value: { 'kind\u0000': 'x' } })] }) },
  { name: 'a NUL character in a username', code: 'invalid-request', send: () => server.request('POST', '/api/v1/session', { json: { username: 'admin\u0000', password: 'whatever it is' } }) },
  { name: 'deeply nested JSON in a change value', code: 'invalid-request', send: async () => desk.signed('POST', push, text(`{"changes":[${JSON.stringify(change(await nextSeq())).replace('"implementation"', nested(100_000))}]}`)) },
  { name: 'deeply nested JSON as a sign-in', code: 'invalid-request', send: () => server.request('POST', '/api/v1/session', { body: nested(1_000_000), headers: { 'content-type': 'application/json' } }) },
  { name: 'moderately nested JSON (past any sane record) in a change value', code: 'invalid-request', send: async () => desk.signed('POST', push, text(`{"changes":[${JSON.stringify(change(await nextSeq())).replace('"implementation"', nested(5_000))}]}`)) },

  // Sizes.
  {
    name: 'a JSON body over maxJsonBodyBytes, declared',
    code: 'body-too-large',
    send: () => desk.signed('POST', push, text('{}'), { headers: { 'content-length': String(maxJsonBodyBytes + 1) } }),
  },
  {
    name: 'a JSON body over maxJsonBodyBytes, streamed without a length',
    code: 'body-too-large',
    send: async () => {
      const body = zeros(maxJsonBodyBytes * 4);
      const response = await signedStream(desk, 'POST', push, body.stream, { 'content-type': 'application/json' });
      // Refused while streaming: the server stopped reading soon after the limit, not at the end.
      expect(body.pulled()).toBeLessThan(maxJsonBodyBytes + 4 * 1024 * 1024);
      return response;
    },
  },
  {
    name: 'an unsigned sign-in body over maxJsonBodyBytes',
    code: 'body-too-large',
    send: async () => {
      const body = zeros(maxJsonBodyBytes + 1);
      return server.app.request(new Request('http://localhost/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.stream, duplex: 'half' } as RequestInit));
    },
  },
  {
    name: 'an attachment over maxAttachmentBytes, streamed',
    code: 'body-too-large',
    send: async () => {
      const body = zeros(maxAttachmentBytes + 1);
      const response = await signedStream(desk, 'PUT', `/api/v1/attachments/${'a'.repeat(64)}`, body.stream);
      expect(body.pulled()).toBeLessThanOrEqual(maxAttachmentBytes + 1);
      return response;
    },
  },
  {
    name: 'an attachment over maxAttachmentBytes, declared',
    code: 'body-too-large',
    send: () => desk.signed('PUT', `/api/v1/attachments/${'a'.repeat(64)}`, new Uint8Array(16), { headers: { 'content-length': String(maxAttachmentBytes + 1) } }),
  },
  { name: 'an attachment whose bytes do not have the hash of its path', code: 'hash-mismatch', send: () => desk.signed('PUT', `/api/v1/attachments/${sha(text('one'))}`, text('two')) },

  // Device signatures.
  { name: 'a signed request without its headers', code: 'unauthenticated', send: () => server.request('POST', pull, { json: {} }) },
  {
    name: 'a forged device id: the header names another enrolled device, signed with this key',
    code: 'bad-signature',
    send: async () => desk.signed('POST', push, { changes: [change(await nextSeq(otherDesk), { device: otherDesk.id, author: `device:${otherDesk.id}` })] }, { headers: { 'x-step-device': otherDesk.id } }),
  },
  { name: 'an unknown device id', code: 'unknown-device', send: () => desk.signed('POST', pull, {}, { headers: { 'x-step-device': 'never-enrolled' } }) },
  { name: 'a device id that is not one (SQL)', code: 'unknown-device', send: () => desk.signed('POST', pull, {}, { headers: { 'x-step-device': "x' or '1'='1" } }) },
  {
    name: 'a change whose device is another device',
    code: 'forged-change',
    send: async () => desk.signed('POST', push, { changes: [change(await nextSeq()), change(await nextSeq(otherDesk), { device: otherDesk.id })] }),
  },
  {
    name: 'a replayed signed push',
    code: 'replayed-request',
    send: async () => {
      const now = new Date();
      const body = { changes: [change(await nextSeq(), { value: 'closed' })] };
      const first = await desk.signed('POST', push, body, { now });
      expect(first.status).toBe(200);
      before = await digest(); // The first one legitimately changed things; the replay must not.
      return desk.signed('POST', push, body, { now });
    },
  },
  {
    name: 'a signature over another body',
    code: 'bad-signature',
    send: async () => {
      const seq = await nextSeq();
      return desk.signed('POST', push, { changes: [change(seq, { recordId: vnActivity, scope: ['VN'] })] }, { signBody: text(JSON.stringify({ changes: [change(seq)] })) });
    },
  },
  { name: 'a signature over another path', code: 'bad-signature', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq())] }, { signPath: pull }) },
  { name: 'a signature by another key', code: 'bad-signature', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq())] }, { privateKey: otherDesk.privateKey }) },
  { name: 'a signature that is not base64url', code: 'bad-signature', send: () => desk.signed('POST', pull, {}, { headers: { 'x-step-signature': '!!!not a signature!!!' } }) },
  { name: 'an expired time', code: 'request-expired', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq())] }, { now: new Date(Date.now() - requestTimeWindowMs - 60_000) }) },
  { name: 'a time in the future', code: 'request-expired', send: () => desk.signed('POST', pull, {}, { now: new Date(Date.now() + requestTimeWindowMs + 60_000) }) },
  { name: 'a malformed time', code: 'request-expired', send: () => desk.signed('POST', pull, {}, { headers: { 'x-step-time': 'yesterday' } }) },
  { name: 'a revoked device', code: 'device-revoked', send: async () => revokedDesk.signed('POST', push, { changes: [change(1, { device: revokedDesk.id, author: `device:${revokedDesk.id}` })] }) },

  // Sync semantics.
  { name: 'a seq gap', code: 'seq-gap', send: async () => desk.signed('POST', push, { changes: [change((await nextSeq()) + 1)] }), then: (_r, body) => expect(body).toMatchObject({ error: { details: { expected: expect.any(Number) } } }) },
  { name: 'a seq gap after a valid change', code: 'seq-gap', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq()), change((await nextSeq()) + 5)] }) },
  { name: 'a bad cursor', code: 'invalid-request', send: () => desk.signed('POST', pull, { cursor: 'abc' }) },
  { name: 'a cursor beyond 18 digits', code: 'invalid-request', send: () => desk.signed('POST', pull, { cursor: `${'9'.repeat(19)}.1` }) },
  { name: 'a cursor with SQL in it', code: 'invalid-request', send: () => desk.signed('POST', pull, { cursor: "1.1'; drop table changes; --" }) },
  { name: 'a pull limit over maxPullLimit', code: 'invalid-request', send: () => desk.signed('POST', pull, { limit: 10_001 }) },

  // Paths.
  { name: 'path traversal in an attachment hash (encoded slashes)', code: 'invalid-request', send: () => desk.signed('GET', '/api/v1/attachments/..%2F..%2F..%2Fetc%2Fpasswd') },
  { name: 'path traversal in an attachment hash (dots)', code: 'not-found', send: () => desk.signed('GET', '/api/v1/attachments/../../../etc/passwd') },
  { name: 'path traversal in a device id', code: 'invalid-request', send: () => server.request('POST', '/api/v1/devices/..%2F..%2Fusers/revoke', { token: adminToken, json: { reason: 'x' } }) },
  { name: 'a NUL in a device id', code: 'invalid-request', send: () => server.request('POST', `/api/v1/devices/${otherDesk.id}%00/revoke`, { token: adminToken, json: { reason: 'x' } }) },
  { name: 'an uppercase attachment hash', code: 'invalid-request', send: () => desk.signed('GET', `/api/v1/attachments/${'A'.repeat(64)}`) },
  { name: 'an unknown route', code: 'not-found', send: () => server.request('GET', '/api/v1/../../etc/passwd') },
  { name: 'a method the route does not have', code: 'not-found', send: () => server.request('PATCH', '/api/v1/users', { token: adminToken, json: {} }) },

  // Content types.
  { name: 'a push as text/plain', code: 'unsupported-media-type', send: async () => desk.signed('POST', push, { changes: [change(await nextSeq())] }, { headers: { 'content-type': 'text/plain' } }) },
  {
    name: 'a sign-in as a form',
    code: 'unsupported-media-type',
    send: () => server.request('POST', '/api/v1/session', { body: `username=${admin.username}&password=x`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  },
  { name: 'a user creation as application/jsonp', code: 'unsupported-media-type', send: () => server.request('POST', '/api/v1/users', { token: adminToken, body: '{}', headers: { 'content-type': 'application/jsonp' } }) },

  // Sessions.
  { name: 'a malformed bearer token', code: 'unauthenticated', send: () => server.request('GET', '/api/v1/users', { headers: { authorization: 'Bearer ../../' } }) },
  { name: 'an unknown bearer token', code: 'unauthenticated', send: () => server.request('POST', '/api/v1/users', { token: 'A'.repeat(43), json: {} }) },
  { name: 'a user creation by a field officer', code: 'forbidden', send: () => server.request('POST', '/api/v1/users', { token: officerToken, json: { username: 'mallory2', displayName: 'M', password: 'a long enough password', role: 'admin', countries: [] } }) },
  { name: "a field officer revoking another person's device", code: 'forbidden', send: () => server.request('POST', `/api/v1/devices/${otherDesk.id}/revoke`, { token: officerToken, json: { reason: 'mine now' } }) },
  { name: 'enrolling an enrolled device id with another key', code: 'device-taken', send: () => server.request('POST', '/api/v1/devices', { token: officerToken, json: { deviceId: otherDesk.id, devicePublicKey: desk.publicKey, name: 'x' } }) },
  { name: 'a wrong password', code: 'bad-credentials', send: () => server.request('POST', '/api/v1/session', { json: { username: admin.username, password: 'not the password' } }) },
];

let before: Digest;

describe('hostile input: the corpus', () => {
  it.each(corpus)('$name: $code, nothing changed', async ({ code, send, then }) => {
    before = await digest();
    const response = await send();
    const text = await response.text();
    expect({ status: response.status, body: text.slice(0, 300) }).toEqual({ status: apiErrorStatus[code], body: expect.any(String) });
    const body: unknown = JSON.parse(text);
    expect(apiErrorSchema.parse(body).error.code).toBe(code);
    await then?.(response, body);
    expect(await digest()).toEqual(before);
  });

  it('out-of-scope changes: answered as refused, kept for review, not applied', async () => {
    before = await digest();
    const seq = await nextSeq();
    const response = await desk.signed('POST', push, {
      changes: [change(seq, { recordId: vnActivity, scope: ['VN'], value: 'closed' }), change(seq + 1, { field: 'countries', value: ['VN'] }), change(seq + 2, { recordId: newRecordId(), field: 'countries', value: ['VN'] })],
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { accepted: number; refused: { seq: number; reason: string }[]; received: number };
    expect(answer).toMatchObject({ accepted: 0, received: seq + 2 });
    expect(answer.refused.map(({ seq: at, reason }) => [at, reason])).toEqual([
      [seq, 'out-of-scope'],
      [seq + 1, 'moves-out-of-scope'],
      [seq + 2, 'out-of-scope'],
    ]);
    const after = await digest();
    // Only the review list and the device's progress moved; no change, no record.
    expect(without(after, 'refused_changes', 'device_progress')).toEqual(without(before, 'refused_changes', 'device_progress'));
    expect(after.refused_changes).not.toBe(before.refused_changes);
    const kept = await server.db.query<{ seq: number | string; reason: string }>('select seq, reason from refused_changes where device = $1 and seq >= $2 order by seq', [desk.id, seq]);
    expect(kept.map((row) => [Number(row.seq), row.reason])).toEqual(answer.refused.map(({ seq: at, reason }) => [at, reason]));
  });
});

describe('hostile input: nesting at the limit', () => {
  it('accepts JSON nested up to maxJsonDepth and refuses one level more', async () => {
    // The push envelope takes three levels ({changes: [{value: …}]}); the value takes the rest.
    const at = async (levels: number) => desk.signed('POST', push, text(`{"changes":[${JSON.stringify(change(await nextSeq(), { field: 'details' })).replace('"implementation"', nested(levels))}]}`));
    const deepest = await at(maxJsonDepth - 3);
    expect(deepest.status).toBe(200);
    expect(((await deepest.json()) as { refused: { reason: string }[] }).refused.map((refusal) => refusal.reason)).toEqual(['invalid-value']);
    const deeper = await at(maxJsonDepth - 2);
    expect(deeper.status).toBe(400);
    expect(apiErrorSchema.parse(await deeper.json()).error.message).toMatch(/nested/);
  });
});

// ---------------------------------------------------------------------------------------------------
// (b) The fuzz.

const fuzzRuns = Number(process.env.STEP_FUZZ_RUNS ?? 1000);
const fuzzSeed = Number(process.env.STEP_FUZZ_SEED ?? 20_240_611);

type OperationName = keyof typeof apiContract;
const operations = Object.keys(apiContract) as OperationName[];
const templates: Partial<Record<OperationName, Template>> = {
  push: 'push',
  pull: 'pull',
  signIn: 'signIn',
  enrollDevice: 'enroll',
  revokeDevice: 'revoke',
  createUser: 'createUser',
  putAttachment: 'attachment',
};
type Signing =
  | 'none'
  | 'valid'
  | 'stale'
  | 'other-key'
  | 'names-other-device'
  | 'unknown-device'
  | 'revoked-device'
  | 'garbage-signature'
  | 'over-other-body'
  | 'over-other-path'
  | 'missing-header'
  | 'malformed-time'
  | 'replay';
type Template = 'push' | 'pull' | 'signIn' | 'enroll' | 'revoke' | 'createUser' | 'attachment';
type Mutation = { pick: number; action: { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown } };
type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'valid'; template: Template; changes: { record: number; field: string; value: unknown }[]; twist: Twist; mutations: Mutation[] };
/** What a push's changes get wrong on purpose: seqs ahead (a gap) or behind (duplicates), another device's change. */
type Twist = 'none' | 'seq-ahead' | 'seq-behind' | 'other-device' | 'other-author';
type ByteMutation = { kind: 'none' } | { kind: 'truncate'; at: number } | { kind: 'flip'; at: number; byte: number } | { kind: 'append'; bytes: Uint8Array };
type Param = { kind: 'valid' } | { kind: 'raw'; value: string } | { kind: 'encoded'; value: string };

interface FuzzRequest {
  /** Which parts fit the operation targeted (its method, auth, content type, body): hostile requests that get far. */
  fits: { method: boolean; auth: boolean; signing: boolean; contentType: boolean; body: boolean };
  target: { kind: 'operation'; operation: OperationName; param: Param; otherMethod?: string } | { kind: 'garbage'; path: string };
  query: string;
  auth: 'none' | 'admin' | 'officer' | 'unknown-token' | 'malformed';
  signing: Signing;
  missing: number;
  garbage: string;
  contentType: string | undefined;
  headers: [string, string][];
  body: BodySpec;
  bytes: ByteMutation;
}

const headerText = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~'.split('')), maxLength: 40 });
const pathText = fc.string({ unit: fc.oneof(fc.constantFrom('/', '.', '..', '%', '%2F', '%2e', '%00', '?', '#', '\\', ' ', 'é', '&', '=', ';'), fc.string({ unit: 'grapheme-ascii', maxLength: 3 })), maxLength: 12 });
const json = fc.jsonValue({ maxDepth: 4, stringUnit: fc.oneof(fc.constantFrom('\u0000', '\u2028', '\uffff', 'ä', '"', '\\'), fc.string({ unit: 'grapheme-ascii', maxLength: 2 })) });
const interesting = fc.constantFrom<unknown>(null, '', 0, -1, 1.5, 2 ** 53, 1e308, true, [], {}, 'x'.repeat(300), '\u0000', 'TH', ['VN'], '../../etc/passwd', "' or 1=1 --", JSON.parse('{"__proto__":{"admin":true}}'));
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  action: fc.oneof(
    fc.record({ kind: fc.constant('set' as const), value: fc.oneof(json, interesting) }),
    fc.record({ kind: fc.constant('delete' as const) }),
    fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', 'role', 'seq'), fc.string({ maxLength: 8 })), value: json }),
  ),
});
/** Fields a fuzzed change writes, with a value that is valid for each (when the fuzz keeps it). */
const validValues: Record<string, Change['value']> = {
  status: 'closed',
  title: { en: 'Fuzz' },
  countries: ['TH'],
  plannedStart: '2024-01-01',
  iatiIdentifier: 'XM-FUZZ',
  _deleted: false,
  details: null,
  nonsense: 1,
  id: null,
  entity: 'activity',
};
const fields = Object.keys(validValues);
/** Marks "the field's valid value" in a generated change. */
const valid = Symbol('valid');
const mostly = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  fits: fc.record({ method: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), auth: mostly, signing: mostly, contentType: mostly, body: mostly }),
  target: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          kind: fc.constant('operation' as const),
          operation: fc.oneof(
            { weight: 5, arbitrary: fc.constant<OperationName>('push') },
            { weight: 2, arbitrary: fc.constant<OperationName>('pull') },
            { weight: 3, arbitrary: fc.constantFrom<OperationName>('revokeDevice', 'createUser', 'enrollDevice', 'putAttachment') },
            { weight: 3, arbitrary: fc.constantFrom(...operations) },
          ),
          param: fc.oneof(
            { weight: 3, arbitrary: fc.record({ kind: fc.constant('valid' as const) }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), value: pathText }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('encoded' as const), value: fc.oneof(fc.string({ unit: 'binary', maxLength: 70 }), fc.constantFrom('..', '../..', '%2e%2e', 'a'.repeat(65))) }) },
          ),
          otherMethod: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        },
        { requiredKeys: ['kind', 'operation', 'param'] },
      ),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), path: fc.oneof(pathText, fc.constantFrom('/api/v1', '/api/v1/', '/api/v2/sync/push', '/openapi.json', '/api/v1/sync/push/', '/API/V1/USERS')) }) },
  ),
  query: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pathText.map((value) => `?${value}`) }),
  auth: fc.constantFrom('none', 'admin', 'officer', 'unknown-token', 'malformed'),
  signing: fc.oneof(
    { weight: 8, arbitrary: fc.constant<Signing>('valid') },
    { weight: 4, arbitrary: fc.constant<Signing>('none') },
    {
      weight: 12,
      arbitrary: fc.constantFrom<Signing>('stale', 'other-key', 'names-other-device', 'unknown-device', 'revoked-device', 'garbage-signature', 'over-other-body', 'over-other-path', 'missing-header', 'malformed-time', 'replay'),
    },
  ),
  missing: fc.nat(2),
  garbage: headerText,
  contentType: fc.oneof(
    { weight: 4, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', '', 'application/jsonx', 'application/x-www-form-urlencoded') },
    { weight: 1, arbitrary: headerText },
  ),
  headers: fc.array(
    fc.tuple(fc.constantFrom('x-request-id', 'content-length', 'x-forwarded-for', 'origin', 'x-step-extra', 'transfer-encoding-x', 'accept'), fc.oneof(headerText, fc.constantFrom('0', '-1', '99999999999', 'abc', 'a'.repeat(65)))),
    { maxLength: 2 },
  ),
  body: fc.oneof(
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
    { weight: 3, arbitrary: json.map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((value): BodySpec => ({ kind: 'text', text: value })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }).map((bytes): BodySpec => ({ kind: 'bytes', bytes })) },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('valid' as const),
        template: fc.constantFrom<Template>('push', 'push', 'push', 'pull', 'signIn', 'enroll', 'revoke', 'createUser', 'attachment'),
        changes: fc.array(fc.record({ record: fc.nat(3), field: fc.constantFrom(...fields), value: fc.oneof({ weight: 2, arbitrary: fc.constant(valid) }, json, interesting) }), { minLength: 1, maxLength: 3 }),
        twist: fc.oneof({ weight: 3, arbitrary: fc.constant<Twist>('none') }, { weight: 1, arbitrary: fc.constantFrom<Twist>('seq-ahead', 'seq-behind', 'other-device', 'other-author') }),
        mutations: fc.oneof({ weight: 2, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
      }),
    },
  ),
  bytes: fc.oneof(
    { weight: 8, arbitrary: fc.constant<ByteMutation>({ kind: 'none' }) },
    { weight: 1, arbitrary: fc.nat().map((at): ByteMutation => ({ kind: 'truncate', at })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes): ByteMutation => ({ kind: 'append', bytes })) },
  ),
});

/** Every path to a value inside a JSON value (the root included), for mutations to pick from. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...at, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...at, key]));
  return out;
}

function mutate(root: unknown, mutations: readonly Mutation[]): unknown {
  let value: unknown = structuredClone(root);
  for (const { pick, action } of mutations) {
    const paths = pathsOf(value);
    const path = paths[pick % paths.length]!;
    if (path.length === 0) {
      if (action.kind === 'set') value = action.value;
      else if (action.kind === 'add' && value && typeof value === 'object') Object.defineProperty(value, action.key, { value: action.value, enumerable: true, configurable: true, writable: true });
      else if (action.kind === 'delete') value = undefined;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value) as Record<string | number, unknown>;
    const key = path.at(-1)!;
    if (action.kind === 'set') parent[key] = action.value;
    else if (action.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      const node = parent[key];
      if (node && typeof node === 'object' && !Array.isArray(node)) Object.defineProperty(node, action.key, { value: action.value, enumerable: true, configurable: true, writable: true });
      else parent[key] = { [action.key]: action.value };
    }
  }
  return value;
}

describe('hostile input: fuzz', () => {
  it(`never answers 5xx, always a contract error for 4xx, and a refusal changes nothing (${fuzzRuns} runs, seed ${fuzzSeed})`, { timeout: 240_000 }, async () => {
    // The device revocations aim at: replaced once revoked, so that a wrongful revocation always shows.
    const victimOwner = await server.createUser({ role: 'field-officer', countries: ['VN'] });
    let victim = await server.enroll(victimOwner);
    const spareKey = await server.newDeviceKey();
    const tokens = { admin: adminToken, officer: officerToken };
    const stored = new Uint8Array([1, 2, 3]);
    expect((await desk.signed('PUT', `/api/v1/attachments/${sha(stored)}`, stored)).status).toBe(200);
    const records = [thActivity, vnActivity, newRecordId(), newRecordId()];
    let lastValid: Request | undefined;
    let counter = 0;
    const statuses = new Map<string, number>();
    let baseline = await digest();
    const started = performance.now();

    const validBody = async (spec: Extract<BodySpec, { kind: 'valid' }>, attachment: Uint8Array): Promise<unknown> => {
      counter += 1;
      switch (spec.template) {
        case 'push': {
          const seq = (await nextSeq()) + (spec.twist === 'seq-ahead' ? 1 + (counter % 3) : spec.twist === 'seq-behind' ? -1 - (counter % 3) : 0);
          const changes = spec.changes.map((c, i) =>
            change(Math.max(1, seq + i), { recordId: records[c.record]!, field: c.field, value: (c.value === valid ? validValues[c.field] : c.value) as Change['value'] }),
          );
          if (spec.twist === 'other-device') changes[counter % changes.length]!.device = otherDesk.id;
          if (spec.twist === 'other-author') changes[counter % changes.length]!.author = `user:${admin.id}`;
          return { changes };
        }
        case 'pull':
          return counter % 2 ? {} : { cursor: `${counter}.${counter}`, limit: (counter % 50) + 1 };
        case 'signIn':
          return { username: officer.username, password: counter % 3 ? officer.password : 'wrong password!' };
        case 'enroll':
          return { deviceId: `fuzz-${counter}`, devicePublicKey: counter % 2 ? spareKey.publicKey : (await server.newDeviceKey()).publicKey, name: `fuzz ${counter}` };
        case 'revoke':
          return { reason: `fuzz ${counter}` };
        case 'createUser':
          return { username: `fuzz.user${counter}`, displayName: 'Fuzz', password: 'a long enough password', role: 'field-officer', countries: ['TH'] };
        case 'attachment':
          return attachment;
      }
    };

    /** The request with the parts that `fits` says fit its operation made to fit. */
    const fitted = (spec: FuzzRequest): FuzzRequest => {
      if (spec.target.kind !== 'operation') return spec;
      const name = spec.target.operation;
      const { auth, request } = apiContract[name] as ApiOperation;
      const template = templates[name];
      return {
        ...spec,
        auth: spec.fits.auth && auth === 'user' && spec.auth !== 'admin' ? 'officer' : spec.auth,
        signing: spec.fits.signing && auth === 'device' && spec.signing !== 'replay' ? 'valid' : spec.signing,
        contentType: spec.fits.contentType ? (request === 'binary' ? undefined : 'application/json') : spec.contentType,
        body: !spec.fits.body ? spec.body : template === undefined ? { kind: 'none' } : spec.body.kind === 'valid' ? { ...spec.body, template } : { kind: 'valid', template, changes: [{ record: 0, field: 'status', value: valid }], twist: 'none', mutations: [] },
        bytes: spec.fits.body ? { kind: 'none' } : spec.bytes,
      };
    };

    const fill = (operation: OperationName, param: Param, attachment: Uint8Array): string => {
      const { path } = apiContract[operation];
      return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (param.kind === 'raw') return param.value;
        if (param.kind === 'encoded') return encodeURIComponent(param.value);
        if (name === 'deviceId') return counter % 3 ? victim.id : otherDesk.id;
        return counter % 3 ? sha(attachment) : sha(stored);
      });
    };

    const build = async (spec: FuzzRequest): Promise<Request> => {
      if (spec.signing === 'replay' && lastValid) return lastValid.clone();
      const attachment = new Uint8Array([counter % 256, 7, 7]);
      const operation = spec.target.kind === 'operation' ? apiContract[spec.target.operation] : undefined;
      const method = spec.target.kind === 'operation' ? (spec.fits.method ? operation!.method : (spec.target.otherMethod ?? 'PATCH')) : 'POST';
      const path = spec.target.kind === 'operation' ? fill(spec.target.operation, spec.target.param, attachment) : spec.target.path;
      const url = new URL(`http://localhost${path.startsWith('/') ? path : `/${path}`}${spec.query}`);
      let bytes: Uint8Array;
      const body = spec.body;
      if (body.kind === 'none') bytes = new Uint8Array(0);
      else if (body.kind === 'text') bytes = text(body.text);
      else if (body.kind === 'bytes') bytes = body.bytes;
      else if (body.kind === 'json') bytes = text(JSON.stringify(body.value) ?? '');
      else {
        const valid = await validBody(body, attachment);
        bytes = valid instanceof Uint8Array ? valid : text(JSON.stringify(mutate(valid, body.mutations)) ?? '');
      }
      const b = spec.bytes;
      if (b.kind === 'truncate') bytes = bytes.subarray(0, b.at % (bytes.length + 1));
      else if (b.kind === 'flip' && bytes.length > 0) {
        bytes = bytes.slice();
        bytes[b.at % bytes.length] = b.byte;
      } else if (b.kind === 'append') bytes = new Uint8Array([...bytes, ...b.bytes]);
      if (method === 'GET' || method === 'HEAD') bytes = new Uint8Array(0);

      const headers = new Headers();
      for (const [name, value] of spec.headers) headers.set(name, value);
      if (spec.contentType !== undefined) headers.set('content-type', spec.contentType);
      if (spec.auth === 'admin' || spec.auth === 'officer') headers.set('authorization', `Bearer ${tokens[spec.auth]}`);
      else if (spec.auth === 'unknown-token') headers.set('authorization', `Bearer ${'Q'.repeat(43)}`);
      else if (spec.auth === 'malformed') headers.set('authorization', spec.garbage);

      const pathWithQuery = url.pathname + url.search;
      if (spec.signing !== 'none' && spec.signing !== 'replay') {
        const s = spec.signing;
        const signer = s === 'revoked-device' ? revokedDesk : desk;
        const signed = await signDeviceRequest(signer.id, s === 'other-key' ? otherDesk.privateKey : signer.privateKey, {
          method,
          pathWithQuery: s === 'over-other-path' ? `${pathWithQuery}x` : pathWithQuery,
          body: s === 'over-other-body' ? text(`${bytes.length}`) : bytes,
          now: s === 'stale' ? new Date(Date.now() - requestTimeWindowMs - 1000) : undefined,
        });
        if (s === 'names-other-device') signed['x-step-device'] = otherDesk.id;
        if (s === 'unknown-device') signed['x-step-device'] = `fuzz-unknown-${counter}`;
        if (s === 'garbage-signature') signed['x-step-signature'] = spec.garbage;
        if (s === 'malformed-time') signed['x-step-time'] = spec.garbage;
        if (s === 'missing-header') delete signed[['x-step-device', 'x-step-time', 'x-step-signature'][spec.missing]!];
        for (const [name, value] of Object.entries(signed)) headers.set(name, value);
      }
      const request = new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : bytes });
      if (spec.signing === 'valid') lastValid = request.clone();
      return request;
    };

    /** The contract operation a method and path reach, if any. */
    const routeOf = (method: string, pathname: string) =>
      operations.find((name) => {
        const op = apiContract[name];
        return op.method === method && new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname);
      });

    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (generated) => {
        const spec = fitted(generated);
        const request = await build(spec);
        const url = new URL(request.url);
        const response = await server.app.request(request);
        const body = await response.text();
        const where = `${request.method} ${url.pathname}${url.search} → ${response.status} ${body.slice(0, 200)}`;
        expect(response.status, where).toBeLessThan(500);
        const route = routeOf(request.method, url.pathname);
        if (response.status >= 400) {
          expect(response.headers.get('content-type'), where).toMatch(/^application\/json/);
          const error = apiErrorSchema.parse(JSON.parse(body)).error;
          expect(apiErrorStatus[error.code], where).toBe(response.status);
          statuses.set(error.code, (statuses.get(error.code) ?? 0) + 1);
          // A refusal changes nothing (beyond a device's last_seen_at and the replay list).
          expect(await digest(), where).toEqual(baseline);
        } else {
          expect(response.status, where).toBe(200);
          expect(route !== undefined || url.pathname === '/openapi.json', where).toBe(true);
          const schema = route ? apiContract[route].response : undefined;
          if (schema && schema !== 'binary') schema.parse(JSON.parse(body));
          const key = route === 'push' ? `200 push (${(JSON.parse(body) as { refused: unknown[] }).refused.length ? 'with refusals' : 'all accepted'})` : `200 ${route ?? url.pathname}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          // A signed-out fuzz session is opened again, to keep later requests' tokens valid.
          if (route === 'signOut') tokens[spec.auth as 'admin' | 'officer'] = await server.signIn(spec.auth === 'admin' ? admin : officer);
          if (route === 'revokeDevice') victim = await server.enroll(victimOwner);
          // An accepted request may change things: what it changed is the new baseline.
          baseline = await digest();
        }
      }),
      { numRuns: fuzzRuns, seed: fuzzSeed },
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`fuzz on ${server.db.kind}: ${fuzzRuns} runs in ${seconds.toFixed(1)} s`, Object.fromEntries([...statuses].sort()));

    expect((await server.request('GET', '/readyz')).status).toBe(200);
    expect(server.logs.filter((line) => line.level === 'error')).toEqual([]);
    // The fuzz reached deep: valid pushes went through, and refusals of many kinds came back.
    expect(statuses.get('200 push (all accepted)') ?? 0).toBeGreaterThan(10);
    expect(statuses.get('200 push (with refusals)') ?? 0).toBeGreaterThan(10);
    expect([...statuses.keys()].filter((key) => !key.startsWith('200')).length).toBeGreaterThanOrEqual(12);
  });
});
