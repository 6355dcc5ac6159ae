import { randomBytes, webcrypto } from 'node:crypto';
import pg from 'pg';
import type { Hono } from 'hono';
import { signDeviceRequest } from '@shared/api/deviceAuth';
import { apiErrorSchema, type ApiErrorCode } from '@shared/api/errors';
import {
  enrollResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  signInResponseSchema,
  type PullResponse,
  type PushResponse,
  type UserInfo,
} from '@shared/api/contract';
import type { DeviceCertificate } from '@shared/api/certificate';
import { exampleRecords } from '@shared/demo/examples';
import type { EntityType } from '@shared/domain/entities/entityTypes';
import type { EntityRecord } from '@shared/domain/entities/registry';
import { newRecordId } from '@shared/domain/ids';
import type { CountryCode } from '@shared/domain/taxonomy/countries';
import type { UserRole } from '@shared/domain/taxonomy/roles';
import type { Change } from '@shared/sync/change';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';
import type { BundleSigner } from '@shared/bundle/types';
import { generateX25519KeyPair, signEd25519, toBase64Url, type OpaqueKey } from '@shared/security/webCrypto';
import { createApp } from './app';
import type { AppDeps, AppEnv } from './http/context';
import { loadServerKey, type ServerKey } from './auth/serverKey';
import { createUser } from './auth/users';
import type { Database } from './db/database';
import { migrate } from './db/migrations';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { memoryLogger } from './log';

/**
 * One helper for every server test: a migrated database (PGlite in memory, or a fresh PostgreSQL
 * database when STEP_TEST_DATABASE_URL names an admin connection), the app without a socket, and the
 * steps tests take again and again: people, sign-in, device keys, enrollment, signed requests, and a
 * desk-side sync engine per device that turns record edits into real changes.
 *
 *   const server = await startTestServer();            // in beforeAll; server.close() in afterAll
 *   const officer = await server.createUser({ role: 'field-officer', countries: ['TH'] });
 *   const laptop = await server.enroll(officer);
 *   const activity = await laptop.create('activity', { countries: ['TH'] });
 *   expect((await laptop.push()).accepted).toBeGreaterThan(0);
 */
export const testScryptParams = { N: 1024, r: 8, p: 1 };

export interface TestUser extends UserInfo {
  password: string;
}

export interface TestDevice {
  id: string;
  publicKey: string;
  privateKey: OpaqueKey;
  user: TestUser;
  certificate: DeviceCertificate;
  /** Signs as this device: bundle manifests and chunks. */
  signer: BundleSigner;
  /** The X25519 key enrolled with the device (in its certificate): bundles addressed to it open with it. */
  encryption: { publicKey: string; privateKey: OpaqueKey };
  /** The desk's replica: its engine records edits as changes and applies what pull brings. */
  engine: SyncEngine;
  storage: MemoryStorage;
  /** A new record of this kind (an example record with a new id, `fields` on top); answers it. */
  create<E extends EntityType>(entity: E, fields?: Partial<EntityRecord<E>>): Promise<EntityRecord<E>>;
  update(entity: EntityType, recordId: string, fields: Record<string, unknown>, scope?: CountryCode[]): Promise<Change[]>;
  remove(entity: EntityType, recordId: string): Promise<Change[]>;
  /** This desk's changes the server has not processed yet (by `received`). */
  unsent(): Change[];
  /** Pushes `changes` (default: unsent ones), signed; answers the parsed response, throwing on an error. */
  push(changes?: readonly Change[]): Promise<PushResponse>;
  /** One pull page; its changes are applied to this desk's engine. */
  pull(cursor?: string, limit?: number): Promise<PullResponse>;
  /** Pulls until `more` is false; answers every change received and the last cursor. */
  pullAll(cursor?: string, limit?: number): Promise<{ changes: Change[]; cursor: string }>;
  /** A raw signed request: for refusal tests. `body` as bytes is sent as is; anything else as JSON. */
  signed(method: string, path: string, body?: unknown, options?: SignOptions): Promise<Response>;
  /** The same desk (same engine, same progress) talking to another server process (`secondApp`). */
  via(app: Hono<AppEnv>): TestDevice;
}

export interface SignOptions {
  now?: Date;
  /** Sign these bytes but send `body`: a tampered request. */
  signBody?: Uint8Array;
  /** Sign with this key instead of the device's. */
  privateKey?: OpaqueKey;
  /** Sign this path instead of the one requested. */
  signPath?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  app: Hono<AppEnv>;
  db: Database;
  deps: AppDeps;
  serverKey: ServerKey;
  logs: Record<string, unknown>[];
  /** `app.request` with JSON bodies encoded and an optional bearer token. */
  request(method: string, path: string, options?: { json?: unknown; body?: Uint8Array | string; token?: string; headers?: Record<string, string> }): Promise<Response>;
  createUser(options: { role: UserRole; countries?: CountryCode[]; username?: string; password?: string; displayName?: string }): Promise<TestUser>;
  signIn(user: Pick<TestUser, 'username' | 'password'>): Promise<string>;
  newDeviceKey(): Promise<{ id: string; publicKey: string; privateKey: OpaqueKey }>;
  enroll(user: TestUser, options?: { id?: string; name?: string; key?: { publicKey: string; privateKey: OpaqueKey } }): Promise<TestDevice>;
  /**
   * Another server process on the same database: its own connection pool on PostgreSQL (the same
   * embedded instance on PGlite), its own app. Closed with the server.
   */
  secondApp(): Promise<Hono<AppEnv>>;
  close(): Promise<void>;
}

/** The error code of a response, asserting that the body has the contract's error shape. */
export async function errorCode(response: Response): Promise<ApiErrorCode> {
  return apiErrorSchema.parse(await response.json()).error.code;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter += 1)}${randomBytes(2).toString('hex')}`;

async function openTestDatabase(): Promise<{ db: Database; reopen: () => Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.STEP_TEST_DATABASE_URL;
  if (!adminUrl) {
    const db = await openPglite();
    return { db, reopen: () => ({ ...db, close: async () => undefined }), drop: () => db.close() };
  }
  const name = `step_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), { max: 5 });
  const others: Database[] = [];
  return {
    db,
    reopen: () => {
      const other = openPostgres(url.toString(), { max: 5 });
      others.push(other);
      return other;
    },
    drop: async () => {
      await Promise.all([db, ...others].map((each) => each.close()));
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function startTestServer(options: { now?: () => number } = {}): Promise<TestServer> {
  const { db, reopen, drop } = await openTestDatabase();
  await migrate(db);
  const serverKey = await loadServerKey(db);
  const logger = memoryLogger();
  const deps: AppDeps = { db, serverKey, logger, sessionHours: 1, version: '0.0.0-test', scryptParams: testScryptParams, now: options.now };
  const app = createApp(deps);

  const request: TestServer['request'] = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(path, { method, headers, body }));
  };

  const signIn = async (user: Pick<TestUser, 'username' | 'password'>) => {
    const response = await request('POST', '/api/v1/session', { json: { username: user.username, password: user.password } });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    return signInResponseSchema.parse(await response.json()).token;
  };

  const newDeviceKey = async () => {
    const pair = (await webcrypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    return { id: unique('dev-'), publicKey: toBase64Url(new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey))), privateKey: pair.privateKey };
  };

  const server: TestServer = {
    app,
    db,
    deps,
    serverKey,
    logs: logger.lines,
    request,
    async createUser({ role, countries = [], username = unique('user-'), password = 'correct horse battery', displayName }) {
      const info = await createUser(db, { username, displayName: displayName ?? username, role, countries, password }, testScryptParams);
      return { ...info, password };
    },
    signIn,
    newDeviceKey,
    async enroll(user, opts = {}) {
      const key = opts.key ? { id: opts.id ?? unique('dev-'), ...opts.key } : { ...(await newDeviceKey()), ...(opts.id ? { id: opts.id } : {}) };
      const token = await signIn(user);
      const encryption = await generateX25519KeyPair();
      const response = await request('POST', '/api/v1/devices', {
        token,
        json: { deviceId: key.id, devicePublicKey: key.publicKey, name: opts.name ?? `${user.username}'s laptop`, encryptionPublicKey: encryption.publicKey },
      });
      if (response.status !== 200) throw new Error(`enroll failed: ${response.status} ${await response.text()}`);
      const { certificate } = enrollResponseSchema.parse(await response.json());
      const signer: BundleSigner = { deviceId: key.id, publicKey: key.publicKey, sign: (data) => signEd25519(key.privateKey, data) };
      return makeDevice(app, { ...key, user, certificate, signer, encryption });
    },
    async secondApp() {
      const other = reopen();
      return createApp({ ...deps, db: other, serverKey: await loadServerKey(other) });
    },
    close: drop,
  };
  return server;
}

type DeviceBase = Pick<TestDevice, 'id' | 'publicKey' | 'privateKey' | 'user' | 'certificate' | 'signer' | 'encryption'>;
type DeskState = { storage: MemoryStorage; engine: SyncEngine; received: number };

function makeDevice(app: Hono<AppEnv>, base: DeviceBase, desk?: DeskState): TestDevice {
  const storage = desk?.storage ?? new MemoryStorage();
  const state: DeskState = desk ?? { storage, engine: new SyncEngine(storage, base.id, `device:${base.id}`), received: 0 };
  const engine = state.engine;

  const signed: TestDevice['signed'] = async (method, path, body, options = {}) => {
    const bytes = body === undefined ? new Uint8Array(0) : body instanceof Uint8Array ? body : new TextEncoder().encode(JSON.stringify(body));
    const headers = await signDeviceRequest(base.id, options.privateKey ?? base.privateKey, {
      method,
      pathWithQuery: options.signPath ?? path,
      body: options.signBody ?? bytes,
      now: options.now,
    });
    const contentType: Record<string, string> = body === undefined || body instanceof Uint8Array ? {} : { 'content-type': 'application/json' };
    return app.request(path, { method, headers: { ...headers, ...contentType, ...options.headers }, body: method === 'GET' ? undefined : bytes });
  };

  const ok = async <T>(response: Response, schema: { parse(value: unknown): T }): Promise<T> => {
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${response.status} ${text}`);
    return schema.parse(JSON.parse(text));
  };

  const device: TestDevice = {
    ...base,
    engine,
    storage,
    async create(entity, fields = {}) {
      const record = { ...exampleRecords[entity], id: newRecordId(), ...fields } as EntityRecord<typeof entity>;
      const { entity: _e, id, updatedAt: _u, ...values } = record as unknown as Record<string, unknown> & { id: string };
      const scope = (Array.isArray(values.countries) ? values.countries : typeof values.country === 'string' ? [values.country] : []) as CountryCode[];
      await engine.recordLocal([{ kind: 'write', entity, recordId: id, fields: values as Record<string, Change['value']>, scope }]);
      return record;
    },
    update: (entity, recordId, fields, scope = []) => engine.recordLocal([{ kind: 'write', entity, recordId, fields: fields as Record<string, Change['value']>, scope }]),
    remove: (entity, recordId) => engine.recordLocal([{ kind: 'delete', entity, recordId, scope: [] }]),
    unsent: () => storage.allChanges().filter((change) => change.device === base.id && change.seq > state.received).sort((a, b) => a.seq - b.seq),
    async push(changes) {
      const response = await ok(await signed('POST', '/api/v1/sync/push', { changes: changes ?? device.unsent() }), pushResponseSchema);
      state.received = Math.max(state.received, response.received);
      return response;
    },
    async pull(cursor, limit) {
      const response = await ok(await signed('POST', '/api/v1/sync/pull', { ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) }), pullResponseSchema);
      await engine.apply(response.changes);
      return response;
    },
    async pullAll(cursor, limit) {
      const changes: Change[] = [];
      let at = cursor;
      for (let page = 0; page < 10_000; page += 1) {
        const response = await device.pull(at, limit);
        changes.push(...response.changes);
        at = response.cursor;
        if (!response.more) break;
      }
      return { changes, cursor: at ?? '0.0' };
    },
    signed,
    via: (other) => makeDevice(other, base, state),
  };
  return device;
}
