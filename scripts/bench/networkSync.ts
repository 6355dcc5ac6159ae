/**
 * The network sync benchmarks of `npm run bench` (`--only sync-server`, `--only server-push`):
 * - initial sync: a real server process (PGlite) seeded with N demo records of every kind through the
 *   real push path, then the desk's own sync round (netSyncHarness.ts) into a fresh Chromium store,
 *   beside the plain bulkPut floor of the same N records in the same browser, with where the time goes;
 * - no-op sync: rounds with nothing new, in the store the initial sync just filled;
 * - push load: 100 desks pushing at once, on PGlite and on PostgreSQL (pushLoad.ts, one process each).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { BenchOptions } from './args';
import { BenchServer, type RequestLogLine } from './benchServer';
import type { NetSyncReport, RoundTimings, StepNetSyncBench } from './netSyncHarness';
import type { PushLoadFigures } from './pushLoad';
import { addUser, adminClient, benchPassword, enrollDevice, seedThroughPush } from './serverClients';
import { median, round } from './stats';
import type { StepSyncBench } from './syncHarness';

export interface NetworkSyncHelpers {
  log: (message: string) => void;
  bundleHarness: (entry: string) => Promise<string>;
  /** The plain bulkPut of an NDJSON file of records in one transaction (referenceHarness.ts), ms. */
  timeReferenceBulkPut: (browser: Browser, baseUrl: string, file: string) => Promise<number>;
}

/** The desk's pull size (renderer/src/features/sync/syncController.ts) and how many no-op rounds to time. */
const maxChangesInOnePage = 300_000;
export const netShape = { pullLimit: 1000, noopRounds: 10, pushDevices: 100, pushChangesPerDevice: 1000, pushChunk: 100 };

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

interface Breakdown {
  totalMs: number;
  /** The server's own time for the pulls (its request log: auth, queries, JSON). */
  serverMs: number;
  /** Fetch time beyond the server's: loopback transfer, HTTP, the browser's network stack. */
  transferMs: number;
  /** The API call beyond its fetch: signing the request, JSON.parse and the contract's zod validation. */
  clientParseMs: number;
  /** `applyRemote`: the repository's one write path (validation, change log, merge, records, list rows). */
  applyMs: number;
  /** Everything else: saving the cursor, reading state, the push phase's checks. */
  otherMs: number;
}

function breakdownOf(round: RoundTimings, pulls: readonly RequestLogLine[]): Breakdown {
  const serverMs = sum(pulls.map((line) => line.ms));
  const fetchMs = sum(round.pullFetchMs);
  const callMs = sum(round.pullCallMs);
  const applyMs = sum(round.applyMs);
  return { totalMs: round.totalMs, serverMs, transferMs: fetchMs - serverMs, clientParseMs: callMs - fetchMs, applyMs, otherMs: round.totalMs - callMs - applyMs };
}

const pullLines = (lines: readonly RequestLogLine[], deviceId: string) => lines.filter((line) => line.path === '/api/v1/sync/pull' && line.deviceId === deviceId);

export async function syncServer(browser: Browser, baseUrl: string, options: BenchOptions, work: string, helpers: NetworkSyncHelpers): Promise<Record<string, number>> {
  const { log } = helpers;
  const server = new BenchServer();
  await server.startWithAdmin(benchPassword);
  try {
    const admin = await adminClient(server);
    const secretariat = await addUser(admin, 'bench-secretariat', 'secretariat');
    const reader = await addUser(admin, 'bench-reader', 'secretariat');
    const seeder = await enrollDevice(server.url, secretariat, 'bench-secretariat-desk');
    const files = { records: join(work, 'server-records.ndjson'), changes: join(work, 'server-changes.ndjson') };
    log(`network sync: seeding a server (PGlite) with ${options.records} records through the real push path…`);
    const seed = await seedThroughPush(server, seeder, { records: options.records, seed: 1, recordsFile: files.records, changesFile: files.changes, log });
    log(`seeded: ${seed.records} records, ${seed.changes} changes in ${seed.pushes} pushes, ${round(seed.ms)} ms (server ${round(seed.serverMs)} ms), ${round(seed.changes / (seed.ms / 1000), 0)} changes/s`);

    // "Nothing new" as the server answers it, from a Node desk whose cursor is at the end of the stream.
    const nodeReader = await enrollDevice(server.url, reader, 'bench-node-reader');
    const endCursor = `${seed.changes}.${seed.changes}`;
    const nodeNoop: number[] = [];
    for (let call = 0; call <= netShape.noopRounds; call += 1) {
      const t0 = performance.now();
      const answer = await nodeReader.client.call('pull', { body: { cursor: endCursor, limit: netShape.pullLimit } });
      if (call > 0) nodeNoop.push(performance.now() - t0);
      if (answer.changes.length > 0 || answer.more) throw new Error(`a pull at the end of the stream (${endCursor}) answered ${answer.changes.length} changes, more: ${answer.more}`);
    }
    const nodeNoopServer = median(server.takeRequests().filter((line) => line.path === '/api/v1/sync/pull').map((line) => line.ms));
    log(`no-op pull from a Node desk at the stream's end: ${round(median(nodeNoop), 1)} ms (server ${round(nodeNoopServer, 1)} ms) with ${seed.records} records`);

    const harness = await helpers.bundleHarness('scripts/bench/netSyncHarness.ts');
    const floorHarness = await helpers.bundleHarness('scripts/bench/syncHarness.ts');
    const open = async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.route('**/bench-server-changes.ndjson', (route) => route.fulfill({ path: files.changes, contentType: 'application/x-ndjson' }));
      await page.route('**/bench-server-records.ndjson', (route) => route.fulfill({ path: files.records, contentType: 'application/x-ndjson' }));
      await page.goto(`${baseUrl}/#/settings`);
      return { context, page };
    };

    const totals: number[] = [];
    const floors: number[] = [];
    const logFloors: number[] = [];
    const snapshotFloors: number[] = [];
    const snapshotLogFloors: number[] = [];
    const breakdowns: Breakdown[] = [];
    const noop: number[] = [];
    const noopServer: number[] = [];
    let last: NetSyncReport | undefined;
    for (let run = 1; run <= options.runs; run += 1) {
      server.takeRequests();
      const { context, page } = await open();
      await page.addScriptTag({ content: harness });
      const report = await page.evaluate(
        (args) => (window as unknown as { __stepNetSyncBench: StepNetSyncBench }).__stepNetSyncBench.initialSync(args),
        { serverUrl: server.url, username: 'bench-reader', password: benchPassword, pullLimit: netShape.pullLimit, noopRounds: run === options.runs ? netShape.noopRounds : 0 },
      );
      await context.close();
      const lines = pullLines(server.takeRequests(), report.deviceId);
      // A record whose countries were computed after its creation is replayed whole (pull.ts): a few
      // changes may come twice, and are duplicates to the desk. Every one must be stored, once.
      if (report.records !== seed.records || report.invalid !== 0 || report.initial.pulled < seed.changes || report.changesStored !== seed.changes) {
        throw new Error(`initial sync: expected ${seed.records} records and ${seed.changes} changes, got ${JSON.stringify({ ...report, initial: undefined, noop: undefined, pulled: report.initial.pulled })}`);
      }
      if (report.initial.pulled > seed.changes) log(`  ${report.initial.pulled - seed.changes} changes pulled twice (records replayed after a scope change)`);
      const breakdown = breakdownOf(report.initial, lines.slice(0, report.initial.pulls));
      breakdowns.push(breakdown);
      totals.push(report.initial.totalMs);
      last = report;
      log(
        `initial sync run ${run}/${options.runs}: ${report.records} records, ${report.initial.pulled} changes in ${report.initial.pulls} pulls, ${round(report.initial.totalMs)} ms ` +
          `(server ${round(breakdown.serverMs)}, transfer ${round(breakdown.transferMs)}, parse+validate ${round(breakdown.clientParseMs)}, apply ${round(breakdown.applyMs)}, other ${round(breakdown.otherMs)}); ` +
          `${round(report.initial.bytesReceived / 1e6)} MB received`,
      );
      if (run === 1) {
        const perPull = report.initial.applyMs.map((apply, i) => `${round(lines[i]?.ms ?? 0, 0)}/${round(report.initial.pullFetchMs[i] ?? 0, 0)}/${round(apply, 0)}`);
        const sample = (from: number) => perPull.slice(from, from + 3).join(' ');
        log(`  per pull (server/fetch/apply ms): first ${sample(0)} … middle ${sample(Math.floor(perPull.length / 2))} … last ${sample(Math.max(0, perPull.length - 3))}`);
      }
      for (const [i, round_] of report.noop.entries()) {
        noop.push(round_.totalMs);
        noopServer.push(lines[report.initial.pulls + i]?.ms ?? Number.NaN);
      }
      if (noop.length > 0) log(`no-op sync: median ${round(median(noop), 1)} ms over ${noop.length} rounds (server ${round(median(noopServer), 1)} ms) with ${seed.records} records`);

      floors.push(await helpers.timeReferenceBulkPut(browser, baseUrl, files.records));
      log(`floor run ${run}/${options.runs}: plain bulkPut of the ${seed.records} records, one transaction: ${round(floors.at(-1)!)} ms`);
      // The two floors below read the whole change log into one page (about 250 MB of NDJSON at 100,000
      // records), more than the benchmark profile's tab survives: measured up to 30,000 records.
      if (seed.changes > maxChangesInOnePage) {
        log(`floors with the change log: skipped at ${seed.changes} changes (a tab cannot hold the whole log; measured up to ${maxChangesInOnePage})`);
        continue;
      }
      {
        const { context: floorContext, page: floorPage } = await open();
        await floorPage.addScriptTag({ content: floorHarness });
        const floor = await floorPage.evaluate(
          (chunk) => (window as unknown as { __stepSyncBench: StepSyncBench }).__stepSyncBench.bulkPutFloor('/bench-server-changes.ndjson', '/bench-server-records.ndjson', { chunk }),
          netShape.pullLimit,
        );
        await floorContext.close();
        logFloors.push(floor.floorMs);
        log(`floor with the change log run ${run}/${options.runs}: bulkPut of ${floor.changes} change rows and ${floor.records} records, chunks of ${netShape.pullLimit}: ${round(floor.floorMs)} ms`);
      }
      {
        const { context: snapContext, page: snapPage } = await open();
        await snapPage.addScriptTag({ content: harness });
        const snapshot = await snapPage.evaluate(() =>
          (window as unknown as { __stepNetSyncBench: StepNetSyncBench }).__stepNetSyncBench.snapshotFloor('/bench-server-records.ndjson', '/bench-server-changes.ndjson'),
        );
        await snapContext.close();
        snapshotFloors.push(snapshot.recordsMetaRowsMs);
        snapshotLogFloors.push(snapshot.recordsMetaRowsChangesMs);
        log(
          `snapshot floor run ${run}/${options.runs}: bulkPut of the records, their recordMeta and list rows, one transaction: ${round(snapshot.recordsMetaRowsMs)} ms; ` +
            `with the ${snapshot.changes} change rows too: ${round(snapshot.recordsMetaRowsChangesMs)} ms`,
        );
      }
    }
    if (!last) throw new Error('no initial sync ran');
    const pick = (key: keyof Breakdown) => round(median(breakdowns.map((b) => b[key])));
    const total = median(totals);
    // Floors that were skipped (too large for one tab) are left out of the figures, not reported as 0.
    const medianOrNaN = (values: readonly number[]) => (values.length > 0 ? median(values) : Number.NaN);
    log(`initial sync / plain bulkPut floor: ${round(total / median(floors), 2)}× (aim: 1.5×); / floor with the change log: ${round(total / medianOrNaN(logFloors), 2)}×`);
    log(`no-op sync: median ${round(median(noop), 1)} ms over ${noop.length} rounds (server ${round(median(noopServer), 1)} ms) with ${last.records} records`);
    return {
      sync_server_records: seed.records,
      sync_server_changes: seed.changes,
      sync_seed_push_ms: round(seed.ms),
      sync_seed_changes_per_s: round(seed.changes / (seed.ms / 1000), 0),
      sync_initial_ms: round(total),
      sync_initial_records_per_s: round(seed.records / (total / 1000), 0),
      sync_initial_changes_per_s: round(seed.changes / (total / 1000), 0),
      sync_initial_received_bytes: last.initial.bytesReceived,
      sync_initial_sent_bytes: last.initial.bytesSent,
      sync_initial_server_ms: pick('serverMs'),
      sync_initial_transfer_ms: pick('transferMs'),
      sync_initial_client_parse_ms: pick('clientParseMs'),
      sync_initial_apply_ms: pick('applyMs'),
      sync_initial_other_ms: pick('otherMs'),
      sync_initial_floor_bulkput_ms: round(median(floors)),
      sync_initial_floor_with_log_ms: round(medianOrNaN(logFloors)),
      sync_initial_floor_snapshot_ms: round(medianOrNaN(snapshotFloors)),
      sync_initial_floor_snapshot_with_log_ms: round(medianOrNaN(snapshotLogFloors)),
      sync_initial_vs_floor_ratio: round(total / median(floors), 2),
      sync_noop_ms: round(median(noop), 1),
      sync_noop_server_ms: round(median(noopServer), 1),
      sync_noop_pull_node_ms: round(median(nodeNoop), 1),
      sync_noop_pull_node_server_ms: round(nodeNoopServer, 1),
      sync_server_records_file_bytes: statSync(files.records).size,
    };
  } finally {
    await server.stop();
  }
}

/** Push load on PGlite, then on PostgreSQL (inside scripts/with-postgres.mjs), `runs` times each; medians. */
export async function serverPush(options: BenchOptions, log: (message: string) => void): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const database of ['pglite', 'postgres'] as const) {
    if (database === 'postgres' && !process.env.PG_BIN_DIR && !existsSync('/usr/lib/postgresql')) {
      log('warning: no PostgreSQL here (apt-get install postgresql, or set PG_BIN_DIR): push load on PostgreSQL skipped');
      continue;
    }
    const runs: PushLoadFigures[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const load = ['--import', 'tsx', 'scripts/bench/pushLoad.ts', '--database', database, '--devices', String(netShape.pushDevices), '--changes', String(netShape.pushChangesPerDevice), '--chunk', String(netShape.pushChunk)];
      const argv = database === 'postgres' ? ['scripts/with-postgres.mjs', '--', process.execPath, ...load] : load;
      const { code, stdout } = await runNode(argv);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) throw new Error(`push load on ${database} failed (exit ${code})`);
      const result = JSON.parse(line) as PushLoadFigures;
      runs.push(result);
      log(
        `push load ${database} run ${run}/${options.runs}: ${result.changes} changes in ${result.pushes} pushes by ${result.devices} desks in ${result.wallMs} ms: ` +
          `${result.changesPerS} changes/s, ${result.pushesPerS} pushes/s; latency p50 ${result.p50Ms}, p95 ${result.p95Ms}, p99 ${result.p99Ms}, max ${result.maxMs} ms ` +
          `(server's own p50 ${result.serverP50Ms}, p99 ${result.serverP99Ms} ms); server peak RSS ${result.serverPeakRssMb} MB`,
      );
    }
    if (runs.length === 0) continue;
    const pick = (key: keyof PushLoadFigures) => round(median(runs.map((r) => r[key])), 1);
    Object.assign(figures, {
      [`push_${database}_changes_per_s`]: pick('changesPerS'),
      [`push_${database}_pushes_per_s`]: pick('pushesPerS'),
      [`push_${database}_p50_ms`]: pick('p50Ms'),
      [`push_${database}_p95_ms`]: pick('p95Ms'),
      [`push_${database}_p99_ms`]: pick('p99Ms'),
      [`push_${database}_server_p99_ms`]: pick('serverP99Ms'),
    });
  }
  return figures;
}

/** Runs node with `argv`; stderr goes through (progress), stdout is kept (its last line is the figures). */
function runNode(argv: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout }));
  });
}
