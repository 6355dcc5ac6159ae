import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInResponseSchema, userInfoSchema } from '@shared/api/contract';
import { errorCode, startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('people', () => {
  it('signs in with the right password and refuses a wrong one or an unknown name alike', async () => {
    const officer = await server.createUser({ role: 'field-officer', countries: ['TH'] });
    const good = await server.request('POST', '/api/v1/session', { json: { username: officer.username, password: officer.password } });
    expect(good.status).toBe(200);
    const session = signInResponseSchema.parse(await good.json());
    expect(session.user).toMatchObject({ id: officer.id, role: 'field-officer', countries: ['TH'] });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());

    const wrong = await server.request('POST', '/api/v1/session', { json: { username: officer.username, password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(await errorCode(wrong)).toBe('bad-credentials');
    const unknown = await server.request('POST', '/api/v1/session', { json: { username: 'nobody-at-all', password: 'not the password' } });
    expect(await errorCode(unknown)).toBe('bad-credentials');
  });

  it('stores only the hash of a session token, and ends a session on sign-out', async () => {
    const user = await server.createUser({ role: 'secretariat' });
    const token = await server.signIn(user);
    const rows = await server.db.query<{ token_hash: string }>('select token_hash from sessions');
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);

    expect((await server.request('DELETE', '/api/v1/session', { token })).status).toBe(200);
    const after = await server.request('GET', '/api/v1/devices', { token });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('unauthenticated');
  });

  it('refuses an expired session with session-expired', async () => {
    const user = await server.createUser({ role: 'secretariat' });
    const token = await server.signIn(user);
    await server.db.query(`update sessions set expires_at = now() - interval '1 minute' where user_id = $1`, [user.id]);
    const response = await server.request('GET', '/api/v1/devices', { token });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('session-expired');
  });

  it('lets administrators, and only them, create and list users', async () => {
    const admin = await server.createUser({ role: 'admin' });
    const coordinator = await server.createUser({ role: 'national-coordinator', countries: ['VN'] });
    const adminToken = await server.signIn(admin);
    const created = await server.request('POST', '/api/v1/users', {
      token: adminToken,
      json: { username: 'new.officer', displayName: 'New Officer', password: 'a long enough password', role: 'field-officer', countries: ['VN'] },
    });
    expect(created.status).toBe(200);
    expect(userInfoSchema.parse(await created.json())).toMatchObject({ username: 'new.officer', countries: ['VN'] });
    await server.signIn({ username: 'new.officer', password: 'a long enough password' });

    const again = await server.request('POST', '/api/v1/users', {
      token: adminToken,
      json: { username: 'new.officer', displayName: 'Again', password: 'a long enough password', role: 'field-officer', countries: [] },
    });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('user-exists');

    const list = (await (await server.request('GET', '/api/v1/users', { token: adminToken })).json()) as { users: { username: string }[] };
    expect(list.users.map((u) => u.username)).toContain('new.officer');

    const coordinatorToken = await server.signIn(coordinator);
    expect(await errorCode(await server.request('GET', '/api/v1/users', { token: coordinatorToken }))).toBe('forbidden');
    const refused = await server.request('POST', '/api/v1/users', {
      token: coordinatorToken,
      json: { username: 'sneaky', displayName: 'Sneaky', password: 'a long enough password', role: 'admin', countries: [] },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses requests without a token', async () => {
    const response = await server.request('GET', '/api/v1/users');
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('unauthenticated');
  });
});
