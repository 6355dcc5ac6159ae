import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '@shared/api/client';
import type { ChangeRefusal } from '@shared/api/contract';
import { newRecordId, type CountryCode } from '@shared/domain';
import { toBase64Url } from '@shared/security/webCrypto';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';
import { syncApiOf, syncOnce, type NetSyncPort, type NetSyncState } from '@shared/sync/netSync';
import { ServerProcess } from '../support/serverProcess';

/**
 * Scaling out: two server processes on one PostgreSQL behave as one server. Desks of four people sync
 * to either process at random, often at the same moment, while they create, edit and delete records;
 * afterwards every desk holds exactly what the Secretariat's desk holds of its countries. Real processes,
 * real HTTP on loopback, the desks' own sync round (shared/src/sync/netSync.ts) and engine.
 *
 * Runs where a PostgreSQL is given (STEP_TEST_DATABASE_URL; `npm test` starts one): vite.config.ts puts
 * it in the `integration:postgres` project only then.
 */
const adminUrl = process.env.STEP_TEST_DATABASE_URL ?? '';
const password = 'correct horse battery staple';
const dbName = `step_conv_${Date.now().toString(36)}`;
const servers: ServerProcess[] = [];

/** A small deterministic generator, so that a failure can be replayed from the printed seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Desk {
  name: string;
  countries: CountryCode[];
  storage: MemoryStorage;
  engine: SyncEngine;
  port: NetSyncPort;
  refusals: ChangeRefusal[];
  deviceId: string;
  privateKey: CryptoKey;
}

async function enroll(name: string, countries: CountryCode[], username: string): Promise<Desk> {
  const deviceId = newRecordId();
  const keys = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
  const session: { token?: string } = {};
  const client = createApiClient({ baseUrl: servers[0]!.url, fetch: (url, init) => fetch(url, init as RequestInit), getToken: () => session.token });
  session.token = (await client.call('signIn', { body: { username, password } })).token;
  const devicePublicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey)));
  await client.call('enrollDevice', { body: { deviceId, devicePublicKey, name } });

  const storage = new MemoryStorage();
  const engine = new SyncEngine(storage, deviceId, `device:${deviceId}`);
  const refusals: ChangeRefusal[] = [];
  let state: NetSyncState = { received: 0 };
  const port: NetSyncPort = {
    loadState: async () => state,
    saveState: async (next) => void (state = next),
    applyRemote: (changes) => engine.apply(changes),
    ownChangesAfter: (seq, limit) => storage.changesAfter(deviceId, seq, limit),
    localSeq: async () => (await storage.getLocal()).seq,
    recordRefusals: async (list) => void refusals.push(...list),
  };
  return { name, countries, storage, engine, port, refusals, deviceId, privateKey: keys.privateKey };
}

function syncWith(desk: Desk, server: ServerProcess) {
  const client = createApiClient({
    baseUrl: server.url,
    fetch: (url, init) => fetch(url, init as RequestInit),
    getDeviceSigner: () => ({ deviceId: desk.deviceId, privateKey: desk.privateKey }),
  });
  // Small pages, so that one round interleaves with other desks' rounds on the other process.
  return syncOnce(desk.port, syncApiOf(client), undefined, { pullLimit: 7, pushLimit: 5 });
}

function activityFields(title: string, countries: CountryCode[]) {
  return {
    createdAt: new Date().toISOString(),
    title: { en: title },
    details: { kind: 'science-park', zoneType: 'demonstration-zone' },
    status: 'implementation',
    countries,
    priorityAreas: ['tech/environment-energy/energy'],
    plannedStart: '2025-04-01',
  };
}

/** What a desk shows of the records in the given countries: key → values (deleted ones as such). */
function view(desk: Desk, countries: readonly string[] | 'all') {
  const out: Record<string, unknown> = {};
  for (const [key, record] of desk.storage.records()) {
    const values = record.values as { countries?: string[] };
    if (countries !== 'all' && !values.countries?.some((country) => countries.includes(country))) continue;
    out[key] = record.deleted ? 'deleted' : values;
  }
  return out;
}

describe.runIf(adminUrl)('two server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const first = new ServerProcess({ databaseUrl: url.toString() });
    const users: [string, string, string[]][] = [
      ['officer-th-1', 'field-officer', ['TH']],
      ['officer-th-2', 'field-officer', ['TH']],
      ['officer-vn', 'field-officer', ['VN']],
      ['secretariat', 'secretariat', []],
    ];
    for (const [username, role, countries] of users)
      first.cli(['user', 'add', '--username', username, '--display-name', username, '--role', role, ...(countries.length ? ['--countries', countries.join(',')] : [])], { password });
    servers.push(first, new ServerProcess({ databaseUrl: url.toString() }));
    await Promise.all(servers.map((server) => server.start()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('desks syncing to either process at random all converge', async () => {
    const seed = Number(process.env.STEP_CONVERGENCE_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const desks = [
      await enroll('th-1', ['TH'], 'officer-th-1'),
      await enroll('th-2', ['TH'], 'officer-th-2'),
      await enroll('vn', ['VN'], 'officer-vn'),
      await enroll('secretariat', ['TH', 'VN'], 'secretariat'),
    ];
    const secretariat = desks[3]!;

    for (let round = 0; round < 25; round++) {
      for (const desk of desks) {
        const visible = [...desk.storage.records().values()].filter((record) => record.entity === 'activity' && !record.deleted);
        const action = random();
        if (action < 0.4 || visible.length === 0) {
          const countries: CountryCode[] = desk === secretariat ? pick([['TH'], ['VN'], ['TH', 'VN']]) : desk.countries;
          const recordId = newRecordId();
          await desk.storage.atomically(() =>
            desk.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId, fields: activityFields(`${desk.name} r${round}`, countries), scope: countries }]),
          );
        } else if (action < 0.9) {
          const record = pick(visible);
          await desk.storage.atomically(() =>
            desk.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: record.recordId, fields: { title: { en: `${desk.name} edit r${round}` } }, scope: record.scope as CountryCode[] }]),
          );
        } else {
          const record = pick(visible);
          await desk.storage.atomically(() => desk.engine.recordLocal([{ kind: 'delete', entity: 'activity', recordId: record.recordId, scope: record.scope as CountryCode[] }]));
        }
      }
      // Some desks sync in this round, at the same moment, each to a process picked at random.
      await Promise.all(desks.filter(() => random() < 0.7).map((desk) => syncWith(desk, pick(servers))));
    }

    // Everyone syncs until nothing moves: twice round, to alternating processes.
    for (let pass = 0; pass < 2; pass++) for (const [i, desk] of desks.entries()) await syncWith(desk, servers[(i + pass) % 2]!);

    const context = `seed ${seed} (replay with STEP_CONVERGENCE_SEED=${seed})`;
    expect(desks.flatMap((desk) => desk.refusals), context).toEqual([]);
    const everything = view(secretariat, 'all');
    expect(Object.keys(everything).length, context).toBeGreaterThan(10);
    for (const desk of desks.slice(0, 3)) expect(view(desk, desk.countries), `${desk.name}, ${context}`).toEqual(view(secretariat, desk.countries));
    // And no desk received what is not its countries'.
    expect(Object.keys(view(desks[2]!, 'all')).every((key) => key in view(secretariat, ['VN'])), context).toBe(true);
    // Conflicts too are the same everywhere.
    const conflicts = (desk: Desk) => [...desk.storage.records().values()].filter((r) => (r.values as { countries?: string[] }).countries?.includes('TH')).flatMap((r) => r.conflicts.map((c) => `${c.recordId}:${c.field}:${c.heads.map((h) => h.stamp).join(',')}`)).sort();
    expect(conflicts(desks[0]!), context).toEqual(conflicts(secretariat));
  }, 180_000);
});
