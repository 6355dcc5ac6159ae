/**
 * Runs inside the benchmark's page (bundled with esbuild, injected as a script): network sync from a
 * real server process into a fresh store, through the desk's own code: the renderer's store and its
 * sync port (`createServerSyncData(...).port`, whose `applyRemote` is the repository's one write path),
 * the shared typed API client with the browser's fetch and the device's non-extractable Ed25519 key,
 * and the shared `syncOnce` round, with the desk's pull size. Only timers are added around them: the
 * fetch (request sent to last byte read), each API call (signing, fetch, the contract's validation of
 * the answer), and each port call.
 */
import { createApiClient, type FetchLike } from '@shared/api/client';
import type { Activity, AnyRecord } from '@shared/domain';
import type { Change } from '@shared/sync/change';
import { syncApiOf, syncOnce, type NetSyncApi, type NetSyncPort } from '@shared/sync/netSync';
import { activityRowOf } from '../../renderer/src/db/activityRows';
import { openStepDatabase, tableNames, type RecordMeta, type StepDatabase } from '../../renderer/src/db/database';
import { exportPublicKey } from '../../renderer/src/db/serverSync';
import { createStore } from '../../renderer/src/db/store';
import { fetchNdjson } from './fetchNdjson';

export interface RoundTimings {
  totalMs: number;
  pulls: number;
  pushes: number;
  pulled: number;
  /** Per pull, in order: the whole API call, its fetch alone, the apply of its changes, the cursor save. */
  pullCallMs: number[];
  pullFetchMs: number[];
  applyMs: number[];
  saveStateMs: number[];
  /** Bytes of request and response bodies (no compression: the server sends none). */
  bytesSent: number;
  bytesReceived: number;
}

export interface NetSyncReport {
  deviceId: string;
  initial: RoundTimings;
  records: number;
  invalid: number;
  changesStored: number;
  /** Rounds with nothing new, after the initial sync. */
  noop: RoundTimings[];
}

const freshName = () => `bench-netsync-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function storedRecords(db: StepDatabase): Promise<number> {
  const counts = await Promise.all(Object.values(tableNames).map((table) => db.table(table).count()));
  return counts.reduce((a, b) => a + b, 0);
}

const emptyTimings = (): RoundTimings => ({
  totalMs: 0,
  pulls: 0,
  pushes: 0,
  pulled: 0,
  pullCallMs: [],
  pullFetchMs: [],
  applyMs: [],
  saveStateMs: [],
  bytesSent: 0,
  bytesReceived: 0,
});

async function initialSync(options: { serverUrl: string; username: string; password: string; pullLimit: number; noopRounds: number }): Promise<NetSyncReport> {
  let timings = emptyTimings();
  let lastFetchMs = 0;
  const timedFetch: FetchLike = async (url, init) => {
    const t0 = performance.now();
    // As the desk's browserFetch: no cookies, no cache (its timeout is left out: nothing here waits a minute).
    const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, credentials: 'omit', cache: 'no-store' });
    const bytes = await response.arrayBuffer();
    lastFetchMs = performance.now() - t0;
    timings.bytesSent += init.body?.byteLength ?? 0;
    timings.bytesReceived += bytes.byteLength;
    return { status: response.status, ok: response.ok, arrayBuffer: async () => bytes };
  };

  const db = openStepDatabase(freshName());
  await db.open();
  const { repository, serverSync } = createStore(db);

  // Enrollment, as the Sync page does it (without the certificate check, which is not timed anyway).
  const anonymous = createApiClient({ baseUrl: options.serverUrl, fetch: timedFetch });
  const signIn = await anonymous.call('signIn', { body: { username: options.username, password: options.password } });
  const session = createApiClient({ baseUrl: options.serverUrl, fetch: timedFetch, getToken: () => signIn.token });
  const deviceId = await repository.deviceId();
  const keys = await serverSync.deviceKeyPair();
  await session.call('enrollDevice', { body: { deviceId, devicePublicKey: await exportPublicKey(keys.publicKey), name: 'bench browser' } });
  await session.call('signOut');
  repository.setAuthor(`user:${signIn.user.id}`);

  const client = createApiClient({ baseUrl: options.serverUrl, fetch: timedFetch, getDeviceSigner: async () => ({ deviceId, privateKey: keys.privateKey }) });
  const plain = syncApiOf(client);
  const api: NetSyncApi = {
    async pull(request, signal) {
      const t0 = performance.now();
      const answer = await plain.pull(request, signal);
      timings.pullCallMs.push(performance.now() - t0);
      timings.pullFetchMs.push(lastFetchMs);
      timings.pulls += 1;
      timings.pulled += answer.changes.length;
      return answer;
    },
    async push(request, signal) {
      timings.pushes += 1;
      return plain.push(request, signal);
    },
  };
  const port: NetSyncPort = {
    ...serverSync.port,
    async applyRemote(changes) {
      const t0 = performance.now();
      const result = await serverSync.port.applyRemote(changes);
      timings.applyMs.push(performance.now() - t0);
      return result;
    },
    async saveState(state) {
      const t0 = performance.now();
      await serverSync.port.saveState(state);
      timings.saveStateMs.push(performance.now() - t0);
    },
  };

  const round = async (): Promise<RoundTimings> => {
    timings = emptyTimings();
    const t0 = performance.now();
    await syncOnce(port, api, () => {}, { pullLimit: options.pullLimit });
    timings.totalMs = performance.now() - t0;
    return timings;
  };

  const initial = await round();
  const report: NetSyncReport = {
    deviceId,
    initial,
    records: await storedRecords(db),
    invalid: await db.recordMeta.filter((meta) => meta.problems !== undefined).count(),
    changesStored: await db.changes.count(),
    noop: [],
  };
  for (let i = 0; i < options.noopRounds; i += 1) report.noop.push(await round());
  db.close();
  await db.delete();
  return report;
}

/**
 * What a snapshot first sync (materialized records instead of their change history) would cost at the
 * least on this store: plain bulkPuts in one transaction, in a fresh store each, of the records with
 * the rows the desk derives from them (each record's `recordMeta` with its per-field stamps, and the
 * activities' list rows), without and with the change rows. Preparing the rows is not timed.
 */
async function snapshotFloor(recordsUrl: string, changesUrl: string): Promise<{ recordsMetaRowsMs: number; recordsMetaRowsChangesMs: number; records: number; changes: number }> {
  const records = await fetchNdjson<AnyRecord>(recordsUrl);
  const changes = await fetchNdjson<Change>(changesUrl);
  const meta = new Map<string, RecordMeta>();
  for (const record of records) meta.set(`${record.entity}:${record.id}`, { entity: record.entity, recordId: record.id, deleted: false, stamps: {}, scope: [], updatedAt: record.updatedAt });
  for (const change of changes) {
    const row = meta.get(`${change.entity}:${change.recordId}`);
    if (!row) continue;
    row.stamps[change.field] = [change.stamp];
    row.scope = change.scope;
  }
  const byTable = new Map<string, AnyRecord[]>();
  for (const record of records) byTable.set(tableNames[record.entity], [...(byTable.get(tableNames[record.entity]) ?? []), record]);
  const activityRows = records.filter((record): record is Activity => record.entity === 'activity').map(activityRowOf);
  const time = async (withChanges: boolean) => {
    const db = openStepDatabase(freshName());
    await db.open();
    const t0 = performance.now();
    await db.transaction('rw', db.tables, async () => {
      for (const [table, rows] of byTable) await db.table(table).bulkPut(rows);
      await db.recordMeta.bulkPut([...meta.values()]);
      await db.activityRows.bulkPut(activityRows);
      if (withChanges) await db.changes.bulkPut(changes);
    });
    const ms = performance.now() - t0;
    db.close();
    await db.delete();
    return ms;
  };
  return { recordsMetaRowsMs: await time(false), recordsMetaRowsChangesMs: await time(true), records: records.length, changes: changes.length };
}

(window as unknown as { __stepNetSyncBench: unknown }).__stepNetSyncBench = { initialSync, snapshotFloor };

export type StepNetSyncBench = { initialSync: typeof initialSync; snapshotFloor: typeof snapshotFloor };
