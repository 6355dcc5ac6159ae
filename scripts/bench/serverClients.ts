/**
 * Node-side clients of the sync server for the network benchmarks, through the desk's own typed API
 * client (`createApiClient`, Node's fetch) and the shared sync engine: people and devices as an
 * administrator and a desk would make them, and a desk's realistic changes, pushed as the desk pushes
 * (`pushChunk`, at most 1,000 changes per push).
 */
import { webcrypto } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createApiClient, type ApiClient, type FetchLike } from '@shared/api/client';
import type { UserInfo } from '@shared/api/contract';
import { generateDemoRecords } from '@shared/demo/generate';
import type { AnyRecord } from '@shared/domain';
import { scopeFrom, scopeReferences, scopeSubject } from '@shared/domain/scope';
import type { CountryCode } from '@shared/domain/taxonomy/countries';
import type { UserRole } from '@shared/domain/taxonomy/roles';
import type { Change } from '@shared/sync/change';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';
import { pushChunk } from '@shared/sync/netSync';
import { toBase64Url } from '@shared/security/webCrypto';
import type { BenchServer } from './benchServer';

type Json = Change['value'];

export const benchPassword = 'bench password 1';

export const nodeFetch: FetchLike = async (url, init) =>
  fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal as AbortSignal | undefined });

export interface EnrolledDevice {
  deviceId: string;
  user: UserInfo;
  client: ApiClient;
}

/** The administrator the bench server starts with (`start(benchPassword)`), signed in: adds people. */
export async function adminClient(server: BenchServer): Promise<ApiClient> {
  return signedIn(server.url, 'bench-admin');
}

async function signedIn(url: string, username: string): Promise<ApiClient> {
  const anonymous = createApiClient({ baseUrl: url, fetch: nodeFetch });
  const { token } = await anonymous.call('signIn', { body: { username, password: benchPassword } });
  return createApiClient({ baseUrl: url, fetch: nodeFetch, getToken: () => token });
}

export async function addUser(admin: ApiClient, username: string, role: UserRole, countries: CountryCode[] = []): Promise<UserInfo> {
  return admin.call('createUser', { body: { username, displayName: username, password: benchPassword, role, countries } });
}

/** Signs in as `username`, enrolls a new Ed25519 device key, and answers a device-signed client. */
export async function enrollDevice(url: string, user: UserInfo, deviceId: string): Promise<EnrolledDevice> {
  const pair = (await webcrypto.subtle.generateKey('Ed25519', false, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const devicePublicKey = toBase64Url(new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey)));
  const session = await signedIn(url, user.username);
  await session.call('enrollDevice', { body: { deviceId, devicePublicKey, name: `${user.username}'s laptop` } });
  await session.call('signOut');
  const client = createApiClient({ baseUrl: url, fetch: nodeFetch, getDeviceSigner: () => ({ deviceId, privateKey: pair.privateKey }) });
  return { deviceId, user, client };
}

/** The fields a record's changes carry (as the desk's write path records them): all but identity and updatedAt. */
export function fieldsOf(record: AnyRecord): Record<string, Json> {
  const fields: Record<string, Json> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'entity' || key === 'id' || key === 'updatedAt' || value === undefined) continue;
    fields[key] = value as Json;
  }
  return fields;
}

/**
 * A desk's change log made in batches by the real engine, without keeping it all in memory: each batch
 * has a fresh MemoryStorage that continues the device's seq and clock. Exact for creates (a new record
 * has no stamps to have seen) and for edits of records created in the same batch.
 */
export class DeskLog {
  private local: { seq: number; lastStamp?: string } = { seq: 0 };

  constructor(
    readonly device: string,
    readonly author: string,
  ) {}

  async batch(work: (engine: SyncEngine) => Promise<void>): Promise<Change[]> {
    const storage = new MemoryStorage();
    await storage.setLocal(this.local);
    const engine = new SyncEngine(storage, this.device, this.author);
    await work(engine);
    this.local = await storage.getLocal();
    return storage.allChanges().sort((a, b) => a.seq - b.seq);
  }
}

export interface SeedReport {
  records: number;
  changes: number;
  pushes: number;
  ms: number;
  /** The server's own time for the pushes (its request log), summed. */
  serverMs: number;
  changeBytes: number;
}

/**
 * Seeds the server with `records` demo records of every kind through the real push path: a Secretariat
 * desk records each one as a create (every field a change, as the import does) and pushes them in chunks
 * of at most 1,000 changes over HTTP. Writes the records (the floor's input) and the changes as NDJSON.
 */
export async function seedThroughPush(
  server: BenchServer,
  device: EnrolledDevice,
  options: { records: number; seed: number; recordsFile: string; changesFile?: string; log: (message: string) => void },
): Promise<SeedReport> {
  const desk = new DeskLog(device.deviceId, `user:${device.user.id}`);
  const byKey = new Map<string, AnyRecord>();
  const recordsOut = createWriteStream(options.recordsFile);
  const changesOut = options.changesFile ? createWriteStream(options.changesFile) : undefined;
  const report: SeedReport = { records: 0, changes: 0, pushes: 0, ms: 0, serverMs: 0, changeBytes: 0 };
  const started = performance.now();
  let pending: AnyRecord[] = [];
  let loggedAt = 0;
  const flush = async () => {
    const records = pending;
    pending = [];
    const changes = await desk.batch(async (engine) => {
      await engine.recordLocal(records.map((record) => ({ kind: 'write', entity: record.entity, recordId: record.id, fields: fieldsOf(record), scope: scopeOf(record, byKey) })));
    });
    for (let rest = changes; rest.length > 0; ) {
      const chunk = pushChunk(rest);
      const answer = await device.client.call('push', { body: { changes: chunk } });
      if (answer.accepted !== chunk.length) throw new Error(`seeding: the server accepted ${answer.accepted} of ${chunk.length} changes (${JSON.stringify(answer.refused.slice(0, 3))})`);
      report.pushes += 1;
      rest = rest.slice(chunk.length);
    }
    report.changes += changes.length;
    if (changesOut) for (const change of changes) report.changeBytes += await writeLine(changesOut, JSON.stringify(change));
    if (report.pushes >= loggedAt + 100) {
      loggedAt = report.pushes;
      options.log(`seeded ${report.records} records, ${report.changes} changes, ${report.pushes} pushes, ${Math.round(performance.now() - started)} ms`);
    }
  };
  for (const record of generateDemoRecords({ records: options.records, seed: options.seed, mix: 'program' })) {
    byKey.set(`${record.entity}:${record.id}`, record);
    pending.push(record);
    report.records += 1;
    await writeLine(recordsOut, JSON.stringify(record));
    if (pending.length === 500) await flush();
  }
  if (pending.length > 0) await flush();
  report.ms = performance.now() - started;
  report.serverMs = server.takeRequests().reduce((sum, line) => sum + (line.path === '/api/v1/sync/push' ? line.ms : 0), 0);
  await Promise.all([recordsOut, ...(changesOut ? [changesOut] : [])].map(async (stream) => (stream.end(), await once(stream, 'finish'))));
  return report;
}

/** The countries a record belongs to, by the shared rule, from the records generated before it. */
export function scopeOf(record: AnyRecord, byKey: ReadonlyMap<string, AnyRecord>): CountryCode[] {
  const get = (ref: { entity: string; recordId: string } | undefined) => (ref ? byKey.get(`${ref.entity}:${ref.recordId}`) : undefined);
  const subjectRef = scopeSubject(record);
  const subject = subjectRef ? get(subjectRef) : record;
  return subject ? scopeFrom(subject, scopeReferences(subject).map(get)) : [];
}

async function writeLine(stream: WriteStream, line: string): Promise<number> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  return Buffer.byteLength(line) + 1;
}
