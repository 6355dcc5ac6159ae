import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canManageDevice, canManageUsers, canSee, writeRefusal, type Principal } from '@shared/access/rules';
import { deviceInfoSchema, userInfoSchema } from '@shared/api/contract';
import type { CountryCode } from '@shared/domain/taxonomy/countries';
import type { UserRole } from '@shared/domain/taxonomy/roles';
import { errorCode, startTestServer, type TestDevice, type TestServer, type TestUser } from './testing';

/**
 * Who may do what, as one table: every role × the countries of what it acts on × every action, each cell
 * the answer the server must give. The table is written out by hand (so that it reads as the policy) and
 * checked twice: against shared/src/access/rules.ts (the single source of the rules: the table must say
 * what they say) and against the server, cell by cell, on whichever database this project runs.
 *
 * Scoped roles (field officer, national coordinator) have the countries ['TH']; the Secretariat and
 * administrators have none (they are global). The scope columns:
 *   TH     own country: an activity of Thailand, and a field officer of Thailand as the other person
 *   VN     another country
 *   TH+VN  a shared record (an activity of Thailand and Viet Nam), an officer of both countries
 *
 * The actions:
 *   create      push a change set creating an activity of these countries
 *   edit        push an edit (status) of an activity of these countries created by a Secretariat device
 *   move        push an edit of such an activity's countries: TH→[VN], VN→[TH], TH+VN→[VN]
 *   pull        does that Secretariat activity arrive in a pull by the role's device?
 *   createUser  POST /api/v1/users for a field officer of these countries: HTTP status
 *   listUsers   GET /api/v1/users: HTTP status
 *   listDevices is a device of the other person (the officer of these countries) in GET /api/v1/devices?
 *   revoke      POST /api/v1/devices/{that device}/revoke: HTTP status
 *   revokeOwn   revoking one's own device: HTTP status
 */
type Scope = 'TH' | 'VN' | 'TH+VN';
type Write = 'accepted' | 'out-of-scope' | 'moves-out-of-scope';
type Seen = 'received' | 'not received';
type Listed = 'listed' | 'hidden';
type Status = 200 | 403;

interface Cell {
  create: Write;
  edit: Write;
  move: Write;
  pull: Seen;
  createUser: Status;
  listUsers: Status;
  listDevices: Listed;
  revoke: Status;
  revokeOwn: Status;
}
type Row = { role: UserRole; scope: Scope } & Cell;

const A = 'accepted';
const OUT = 'out-of-scope';
const MOVES = 'moves-out-of-scope';
const YES = 'received';
const NO = 'not received';
const LISTED = 'listed';
const HIDDEN = 'hidden';

const row = (
  role: UserRole,
  scope: Scope,
  create: Write,
  edit: Write,
  move: Write,
  pull: Seen,
  createUser: Status,
  listUsers: Status,
  listDevices: Listed,
  revoke: Status,
  revokeOwn: Status,
): Row => ({ role, scope, create, edit, move, pull, createUser, listUsers, listDevices, revoke, revokeOwn });

// prettier-ignore
const matrix: Row[] = [
  //   role                     scope     create  edit  move    pull  createUser listUsers listDevices revoke revokeOwn
  row('field-officer',          'TH',     A,      A,    MOVES,  YES,  403,       403,      HIDDEN,     403,   200),
  row('field-officer',          'VN',     OUT,    OUT,  OUT,    NO,   403,       403,      HIDDEN,     403,   200),
  row('field-officer',          'TH+VN',  A,      A,    MOVES,  YES,  403,       403,      HIDDEN,     403,   200),
  row('national-coordinator',   'TH',     A,      A,    MOVES,  YES,  403,       403,      LISTED,     200,   200),
  row('national-coordinator',   'VN',     OUT,    OUT,  OUT,    NO,   403,       403,      HIDDEN,     403,   200),
  row('national-coordinator',   'TH+VN',  A,      A,    MOVES,  YES,  403,       403,      HIDDEN,     403,   200),
  row('secretariat',            'TH',     A,      A,    A,      YES,  403,       403,      LISTED,     200,   200),
  row('secretariat',            'VN',     A,      A,    A,      YES,  403,       403,      LISTED,     200,   200),
  row('secretariat',            'TH+VN',  A,      A,    A,      YES,  403,       403,      LISTED,     200,   200),
  row('admin',                  'TH',     A,      A,    A,      YES,  200,       200,      LISTED,     200,   200),
  row('admin',                  'VN',     A,      A,    A,      YES,  200,       200,      LISTED,     200,   200),
  row('admin',                  'TH+VN',  A,      A,    A,      YES,  200,       200,      LISTED,     200,   200),
];

const countriesOf: Record<Scope, CountryCode[]> = { TH: ['TH'], VN: ['VN'], 'TH+VN': ['TH', 'VN'] };
const movedTo: Record<Scope, CountryCode[]> = { TH: ['VN'], VN: ['TH'], 'TH+VN': ['VN'] };
const isScoped = (role: UserRole) => role === 'field-officer' || role === 'national-coordinator';
const actorCountries = (role: UserRole): CountryCode[] => (isScoped(role) ? ['TH'] : []);

/** What rules.ts says for a row: the table above must agree with it, cell for cell. */
function fromRules(role: UserRole, scope: Scope): Cell {
  const actor: Principal = { userId: 'actor', role, countries: actorCountries(role) };
  const other: Principal = { userId: 'other', role: 'field-officer', countries: countriesOf[scope] };
  const write = (before: CountryCode[] | undefined, after: CountryCode[]): Write => writeRefusal(actor, before, after) ?? 'accepted';
  const status = (allowed: boolean): Status => (allowed ? 200 : 403);
  return {
    create: write(undefined, countriesOf[scope]),
    edit: write(countriesOf[scope], countriesOf[scope]),
    move: write(countriesOf[scope], movedTo[scope]),
    pull: canSee(actor, countriesOf[scope]) ? 'received' : 'not received',
    createUser: status(canManageUsers(actor)),
    listUsers: status(canManageUsers(actor)),
    listDevices: canManageDevice(actor, other) ? 'listed' : 'hidden',
    revoke: status(canManageDevice(actor, other)),
    revokeOwn: status(canManageDevice(actor, actor)),
  };
}

let server: TestServer;
let secretariatDesk: TestDevice;
const actors = new Map<UserRole, { user: TestUser; token: string }>();
const others = new Map<Scope, TestUser>();

beforeAll(async () => {
  server = await startTestServer();
  secretariatDesk = await server.enroll(await server.createUser({ role: 'secretariat' }));
  for (const role of ['field-officer', 'national-coordinator', 'secretariat', 'admin'] as const) {
    const user = await server.createUser({ role, countries: actorCountries(role) });
    actors.set(role, { user, token: await server.signIn(user) });
  }
  for (const scope of ['TH', 'VN', 'TH+VN'] as const) others.set(scope, await server.createUser({ role: 'field-officer', countries: countriesOf[scope] }));
});
afterAll(() => server.close());

const actor = (role: UserRole) => actors.get(role)!;

/** An activity of these countries, created and pushed by a Secretariat desk. */
async function secretariatActivity(scope: Scope): Promise<string> {
  const activity = await secretariatDesk.create('activity', { countries: countriesOf[scope] });
  const result = await secretariatDesk.push();
  expect(result.refused).toEqual([]);
  return activity.id;
}

const storedRecord = async (recordId: string) =>
  (await server.db.query<{ data: Record<string, unknown>; scope: string[] }>('select data, scope from records where record_id = $1', [recordId]))[0];

/** Pushes the desk's unsent changes and answers what happened to them: accepted, or the one refusal reason. */
async function pushOutcome(desk: TestDevice): Promise<Write> {
  const sent = desk.unsent();
  const result = await desk.push();
  expect(result.received).toBe(sent.at(-1)!.seq);
  if (result.refused.length === 0) {
    expect(result.accepted).toBe(sent.length);
    return 'accepted';
  }
  // A refusal covers the whole record: every change of it, none applied.
  expect(result.accepted).toBe(0);
  expect(result.refused.map((refusal) => refusal.seq)).toEqual(sent.map((change) => change.seq));
  const reasons = new Set(result.refused.map((refusal) => refusal.reason));
  expect(reasons.size).toBe(1);
  return [...reasons][0] as Write;
}

describe('the authorization matrix', () => {
  it('says what shared/src/access/rules.ts says, cell for cell', () => {
    for (const { role, scope, ...cell } of matrix) expect({ role, scope, ...cell }).toEqual({ role, scope, ...fromRules(role, scope) });
    // Every role × scope once.
    expect(new Set(matrix.map(({ role, scope }) => `${role} ${scope}`)).size).toBe(12);
  });

  describe.each(matrix)('$role (countries of the actor: TH if scoped) × records of $scope', (expected) => {
    const { role, scope } = expected;

    it(`push creating an activity of ${scope}: ${expected.create}`, async () => {
      const desk = await server.enroll(actor(role).user);
      const activity = await desk.create('activity', { countries: countriesOf[scope] });
      expect(await pushOutcome(desk)).toBe(expected.create);
      const stored = await storedRecord(activity.id);
      if (expected.create === 'accepted') expect(stored?.scope).toEqual(countriesOf[scope]);
      else {
        expect(stored).toBeUndefined();
        expect(Number((await server.db.query<{ n: number | string }>('select count(*) as n from changes where record_id = $1', [activity.id]))[0]!.n)).toBe(0);
      }
    });

    it(`push editing a Secretariat activity of ${scope}: ${expected.edit}`, async () => {
      const recordId = await secretariatActivity(scope);
      const desk = await server.enroll(actor(role).user);
      await desk.update('activity', recordId, { status: 'closed' }, countriesOf[scope]);
      expect(await pushOutcome(desk)).toBe(expected.edit);
      expect((await storedRecord(recordId))?.data.status === 'closed').toBe(expected.edit === 'accepted');
      const kept = await server.db.query<{ reason: string }>('select reason from refused_changes where device = $1', [desk.id]);
      expect(kept.map((refusal) => refusal.reason)).toEqual(expected.edit === 'accepted' ? [] : [expected.edit]);
    });

    it(`push moving a Secretariat activity of ${scope} to ${movedTo[scope].join('+')}: ${expected.move}`, async () => {
      const recordId = await secretariatActivity(scope);
      const desk = await server.enroll(actor(role).user);
      await desk.update('activity', recordId, { countries: movedTo[scope] }, countriesOf[scope]);
      expect(await pushOutcome(desk)).toBe(expected.move);
      expect((await storedRecord(recordId))?.scope).toEqual(expected.move === 'accepted' ? movedTo[scope] : countriesOf[scope]);
    });

    it(`pull of a Secretariat activity of ${scope}: ${expected.pull}`, async () => {
      const recordId = await secretariatActivity(scope);
      const sent = Number((await server.db.query<{ n: number | string }>('select count(*) as n from changes where record_id = $1', [recordId]))[0]!.n);
      const desk = await server.enroll(actor(role).user);
      const got = (await desk.pullAll()).changes.filter((change) => change.recordId === recordId);
      // All of it or nothing of it.
      expect(got.length).toBe(expected.pull === 'received' ? sent : 0);
      expect(desk.storage.records().has(`activity:${recordId}`)).toBe(expected.pull === 'received');
    });

    it(`create a field officer of ${scope}: ${expected.createUser}`, async () => {
      const username = `new-${role}-${scope.replace('+', '-').toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
      const response = await server.request('POST', '/api/v1/users', {
        token: actor(role).token,
        json: { username, displayName: 'New officer', password: 'a long enough password', role: 'field-officer', countries: countriesOf[scope] },
      });
      expect(response.status).toBe(expected.createUser);
      if (expected.createUser === 200) expect(userInfoSchema.parse(await response.json())).toMatchObject({ username, countries: countriesOf[scope] });
      else expect(await errorCode(response)).toBe('forbidden');
      const stored = await server.db.query('select id from users where username = $1', [username]);
      expect(stored.length).toBe(expected.createUser === 200 ? 1 : 0);
    });

    it(`list users: ${expected.listUsers}`, async () => {
      const response = await server.request('GET', '/api/v1/users', { token: actor(role).token });
      expect(response.status).toBe(expected.listUsers);
      if (expected.listUsers === 200) {
        const { users } = z.object({ users: z.array(userInfoSchema) }).parse(await response.json());
        expect(users.map((user) => user.id)).toContain(others.get(scope)!.id);
      } else expect(await errorCode(response)).toBe('forbidden');
    });

    it(`list devices: a device of a field officer of ${scope} is ${expected.listDevices}`, async () => {
      const target = await server.enroll(others.get(scope)!);
      const own = await server.enroll(actor(role).user);
      const response = await server.request('GET', '/api/v1/devices', { token: actor(role).token });
      expect(response.status).toBe(200);
      const ids = z.object({ devices: z.array(deviceInfoSchema) }).parse(await response.json()).devices.map((device) => device.deviceId);
      expect(ids.includes(target.id) ? 'listed' : 'hidden').toBe(expected.listDevices);
      expect(ids).toContain(own.id);
    });

    it(`revoke a device of a field officer of ${scope}: ${expected.revoke}`, async () => {
      const target = await server.enroll(others.get(scope)!);
      const response = await server.request('POST', `/api/v1/devices/${target.id}/revoke`, { token: actor(role).token, json: { reason: 'matrix' } });
      expect(response.status).toBe(expected.revoke);
      if (expected.revoke !== 200) expect(await errorCode(response)).toBe('forbidden');
      // A revoked device is refused from now on; a device that was not revoked still syncs.
      const pull = await target.signed('POST', '/api/v1/sync/pull', {});
      expect(pull.status).toBe(expected.revoke === 200 ? 403 : 200);
      if (expected.revoke === 200) expect(await errorCode(pull)).toBe('device-revoked');
    });

    it(`revoke one's own device: ${expected.revokeOwn}`, async () => {
      const own = await server.enroll(actor(role).user);
      const response = await server.request('POST', `/api/v1/devices/${own.id}/revoke`, { token: actor(role).token, json: { reason: 'matrix' } });
      expect(response.status).toBe(expected.revokeOwn);
      expect(deviceInfoSchema.parse(await response.json())).toMatchObject({ deviceId: own.id, revokedReason: 'matrix' });
    });
  });
});
