/**
 * Server push throughput and latency under concurrent desks: a real server process (PGlite, or
 * PostgreSQL), `devices` field officers (one enrolled device each, spread over the ASEAN countries),
 * each with its own realistic change log made by the shared engine: activities of its country entered
 * as drafts and later edited into their final form (scripts/bench/syncHistory.ts's `draftOf`), about 20
 * changes each. Every desk pushes its log in chunks of at most `chunk` changes (netSync's `pushChunk`,
 * which never cuts a record's run), one push after another, all desks at once, over real HTTP on
 * loopback with the desk's typed API client (signed requests, the contract's validation both ways).
 * Fixed work: `changesPerDevice` changes per desk. Latency is per push, as the desk sees it.
 *
 * Also a command, so that the PostgreSQL run can sit inside scripts/with-postgres.mjs; the last line of
 * its output is the figures as JSON:
 *   node --import tsx scripts/bench/pushLoad.ts --database pglite|postgres [--devices 100] [--changes 1000] [--chunk 100]
 * With `--database postgres` it creates a database on STEP_TEST_DATABASE_URL's server and drops it after.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { generateDemoRecords } from '@shared/demo/generate';
import type { Activity, AnyRecord } from '@shared/domain';
import { aseanCountryCodes, type CountryCode } from '@shared/domain/taxonomy/countries';
import { sameContent } from '@shared/records/canonical';
import type { Change } from '@shared/sync/change';
import { pushChunk } from '@shared/sync/netSync';
import { BenchServer } from './benchServer';
import { addUser, adminClient, benchPassword, DeskLog, enrollDevice, fieldsOf, type EnrolledDevice } from './serverClients';
import { median, percentile, round } from './stats';
import { draftOf } from './syncHistory';

type Json = Change['value'];

export interface PushLoadOptions {
  devices: number;
  changesPerDevice: number;
  chunk: number;
  log: (message: string) => void;
}

export interface PushLoadFigures {
  devices: number;
  changes: number;
  pushes: number;
  wallMs: number;
  changesPerS: number;
  pushesPerS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The server's own time per push (its request log), and the push's size. */
  serverP50Ms: number;
  serverP99Ms: number;
  meanChangesPerPush: number;
  serverPeakRssMb: number;
}

/** A desk's log: activities of `country`, drafted then edited, exactly `changes` changes. */
async function deskChanges(device: EnrolledDevice, country: CountryCode, changes: number, seed: number): Promise<Change[]> {
  const desk = new DeskLog(device.deviceId, `user:${device.user.id}`);
  const activities = [...generateDemoRecords({ records: Math.ceil(changes / 12), seed, mix: 'activities' })].map(
    (activity) => ({ ...activity, countries: [country, ...(activity as Activity).countries.filter((c) => c !== country)] }) as Activity,
  );
  return desk.batch(async (engine) => {
    let made = 0;
    const write = async (activity: Activity, fields: Record<string, Json>) => {
      const taken = Object.fromEntries(Object.entries(fields).slice(0, changes - made));
      made += (await engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: activity.id, fields: taken, scope: activity.countries }])).length;
    };
    const drafts = activities.map(draftOf);
    let entered = 0;
    // A new record is entered whole (a half-entered one would be refused: no countries yet)...
    for (const [i, activity] of activities.entries()) {
      if (changes - made < Object.keys(drafts[i]!).length) break;
      await write(activity, drafts[i]!);
      entered += 1;
      const final = fieldsOf(activity as AnyRecord);
      const edits = Object.entries(final).filter(([field, value]) => !sameContent(drafts[i]![field], value));
      if (made < changes) await write(activity, Object.fromEntries(edits));
    }
    // ...and the rest is notes added to the descriptions of those already entered, one save each.
    for (let i = 0; made < changes; i = (i + 1) % entered) {
      const activity = activities[i]!;
      await write(activity, { description: { ...activity.description, en: `${activity.description?.en ?? ''} Update: report received.`.trim() } });
    }
    if (made !== changes) throw new Error(`desk ${device.deviceId}: ${made} changes made, ${changes} asked for`);
  });
}

async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) results.push(...(await Promise.all(items.slice(start, start + width).map((item, i) => work(item, start + i)))));
  return results;
}

export async function pushLoad(server: BenchServer, options: PushLoadOptions): Promise<PushLoadFigures> {
  const admin = await adminClient(server);
  options.log(`push load (${server.database}): ${options.devices} officers and devices, ${options.changesPerDevice} changes each…`);
  // Sign-ins and enrollments hash passwords (scrypt): a few at a time, not timed.
  const desks = await inBatches(Array.from({ length: options.devices }, (_, i) => i), 4, async (i) => {
    const country = aseanCountryCodes[i % aseanCountryCodes.length]!;
    const user = await addUser(admin, `bench-officer-${i}`, 'field-officer', [country]);
    const device = await enrollDevice(server.url, user, `bench-desk-${i}`);
    return { device, changes: await deskChanges(device, country, options.changesPerDevice, 100 + i) };
  });
  server.takeRequests();

  const latencies: number[] = [];
  const sizes: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    desks.map(async ({ device, changes }) => {
      for (let rest = changes; rest.length > 0; ) {
        const chunk = pushChunk(rest, options.chunk);
        const started = performance.now();
        const answer = await device.client.call('push', { body: { changes: chunk } });
        latencies.push(performance.now() - started);
        sizes.push(chunk.length);
        if (answer.accepted !== chunk.length) throw new Error(`${device.deviceId}: ${answer.accepted} of ${chunk.length} accepted (${JSON.stringify(answer.refused.slice(0, 2))})`);
        rest = rest.slice(chunk.length);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const serverMs = server
    .takeRequests()
    .filter((line) => line.path === '/api/v1/sync/push')
    .map((line) => line.ms);
  const changes = sizes.reduce((a, b) => a + b, 0);
  return {
    devices: options.devices,
    changes,
    pushes: latencies.length,
    wallMs: round(wallMs),
    changesPerS: round(changes / (wallMs / 1000), 0),
    pushesPerS: round(latencies.length / (wallMs / 1000), 1),
    p50Ms: round(median(latencies)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(Math.max(...latencies)),
    serverP50Ms: round(median(serverMs)),
    serverP99Ms: round(percentile(serverMs, 99)),
    meanChangesPerPush: round(changes / latencies.length),
    serverPeakRssMb: round(((await server.rssKb()) ?? 0) / 1024, 0),
  };
}

/** A fresh database on the PostgreSQL that STEP_TEST_DATABASE_URL names (an admin URL); dropped by `drop`. */
export async function throwawayDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `step_bench_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { database: { type: 'string', default: 'pglite' }, devices: { type: 'string', default: '100' }, changes: { type: 'string', default: '1000' }, chunk: { type: 'string', default: '100' } },
    strict: true,
  });
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
  let database: { url: string; drop: () => Promise<void> } | undefined;
  if (values.database === 'postgres') {
    const adminUrl = process.env.STEP_TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('--database postgres needs STEP_TEST_DATABASE_URL (run under node scripts/with-postgres.mjs --)');
    database = await throwawayDatabase(adminUrl);
  } else if (values.database !== 'pglite') throw new Error(`--database must be pglite or postgres, not ${values.database}`);
  const server = new BenchServer(database?.url);
  try {
    await server.startWithAdmin(benchPassword);
    const figures = await pushLoad(server, { devices: Number(values.devices), changesPerDevice: Number(values.changes), chunk: Number(values.chunk), log });
    console.log(JSON.stringify(figures));
  } finally {
    await server.stop();
    await database?.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench: push load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
