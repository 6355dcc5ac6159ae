import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canSee } from '../access/rules';
import { ApiFailure } from '../api/client';
import type { PullResponse, PushResponse } from '../api/contract';
import type { CountryCode } from '../domain/taxonomy/countries';
import { changeKey, type Change } from '../sync/change';
import { syncOnce, type NetSyncApi, type NetSyncPort, type NetSyncState } from '../sync/netSync';
import { snapshot } from '../sync/testing';
import { acknowledgeServerReceived, applyImport, exportBundle, prepareImport } from './exchange';
import { testBundleReplica, type BundleReplica } from './testReplica';
import { signServerAck } from './serverAck';
import { testIssuer, type TestIssuer } from './testing';
import type { BundleKey, BundleRecipient } from './types';

/**
 * Bundles keep the engine's promise (docs/sync.md) whatever happens to the sticks: six replicas (three
 * field officers of Thailand, Thailand's coordinator, the Secretariat's server, and an officer of Viet
 * Nam) edit the same few records, exchange bundles between random pairs (addressed to a device, to the
 * server, or to a passphrase), which are lost, imported twice, kept for later and imported in another
 * order, or cut short by a crash between chunks and imported again; bundles relay the chunks of others;
 * some bundles lie about what the server holds; and network sync rounds with the server are mixed in. After a last round in which everyone sends a
 * bundle straight to everyone, every replica holds exactly the changes of its countries and shows the
 * same records as every other replica that may see them, nothing is quarantined, and importing any
 * bundle again changes nothing. Then everyone syncs with the server, and it still holds.
 */

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const seed = Number(env.STEP_BUNDLE_PROPERTY_SEED ?? 5_2026);
const numRuns = Number(env.STEP_BUNDLE_PROPERTY_RUNS ?? 50);

const names = ['officer-1', 'officer-2', 'officer-3', 'coord-th', 'server', 'officer-vn'] as const;
const serverIndex = 4;
const desks = [0, 1, 2, 3, 5];
/** Each record's countries and the desk that creates it. */
const records: { id: string; scope: CountryCode[]; owner: number }[] = [
  { id: '019a0000-0000-7000-8000-000000000001', scope: ['TH'], owner: 0 },
  { id: '019a0000-0000-7000-8000-000000000002', scope: ['TH'], owner: 1 },
  { id: '019a0000-0000-7000-8000-000000000003', scope: ['TH'], owner: 3 },
  { id: '019a0000-0000-7000-8000-000000000004', scope: ['TH', 'VN'], owner: 3 },
  { id: '019a0000-0000-7000-8000-000000000005', scope: ['VN'], owner: 5 },
];
/** Valid values only: nothing may be quarantined. */
const values: Record<string, Change['value'][]> = {
  title: [{ en: 'a' }, { en: 'b', zh: '乙' }, { en: 'c' }],
  status: ['pipeline', 'implementation', 'closed'],
  iatiIdentifier: ['XM-1', 'XM-2', null],
  plannedStart: ['2026-01-01', '2026-06-30'],
};
const fields = Object.keys(values);

const desk = fc.constantFrom(...desks);
const anyone = fc.integer({ min: 0, max: names.length - 1 });
const record = fc.integer({ min: 0, max: records.length - 1 });
const op = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), record }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('edit' as const), at: desk, record, field: fc.constantFrom(...fields), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: desk, record, restore: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), at: desk, pick: fc.nat() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('bundle' as const),
      from: anyone,
      to: anyone,
      fate: fc.constantFrom('import', 'import', 'twice', 'later', 'lost', 'crash', 'crash'),
      full: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      passphrase: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      resumeAtOnce: fc.boolean(),
      // A desk that lies about the server: a statement of its holdings not signed by the server's key.
      lies: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), twice: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), at: desk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), at: desk, deltaMs: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -3e10, max: 0 })) }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const passphrase = 'a shared secret';
const cheapKdf = { logN: 14, r: 8, p: 1 };

interface Bundle {
  bytes: Uint8Array;
  to: number;
  key: BundleKey;
}

/** The Secretariat's server for network sync, over the server replica: what it holds, in arrival order. */
function serverApi(server: BundleReplica, r: BundleReplica): NetSyncApi {
  const device = r.identity.deviceId;
  const received = async () => (await server.engine.vector())[device] ?? 0;
  return {
    pull: async ({ cursor, limit = 7 }): Promise<PullResponse> => {
      const stream = server.storage.allChanges();
      const from = cursor ? Number(cursor.split('.')[0]) : 0;
      const beyond: { change: Change; at: number }[] = [];
      for (let at = from; at < stream.length; at += 1) {
        const change = stream[at]!;
        if (change.device !== device && canSee(r.identity.principal, change.scope)) beyond.push({ change, at });
      }
      const page = beyond.slice(0, limit);
      const next = page.length === beyond.length ? stream.length : page.at(-1)!.at + 1;
      return { changes: page.map((p) => p.change), cursor: `${next}.0`, more: page.length < beyond.length, received: await received(), remaining: beyond.length - page.length };
    },
    push: async ({ changes }): Promise<PushResponse> => {
      const before = await received();
      if (changes[0]!.seq > before + 1) throw new ApiFailure('seq-gap', 409, 'gap', { expected: before + 1 });
      if (changes.some((change) => change.device !== device || !canSee(r.identity.principal, change.scope))) throw new Error('a desk pushed what it may not');
      const result = await server.engine.apply(changes);
      return { accepted: result.applied, duplicates: result.duplicates, refused: [], received: await received() };
    },
  };
}

function netPort(r: BundleReplica, states: Map<string, NetSyncState>): NetSyncPort {
  return {
    loadState: async () => ({ ...(states.get(r.name) ?? { received: 0 }) }),
    saveState: async (state) => void states.set(r.name, { ...state }),
    applyRemote: (changes) => r.engine.apply(changes),
    ownChangesAfter: (seq, limit) => r.storage.changesAfter(r.identity.deviceId, seq, limit),
    localSeq: async () => (await r.storage.getLocal()).seq,
    recordRefusals: async (refusals) => {
      if (refusals.length > 0) throw new Error('the server refused a change');
    },
  };
}

let issuer: TestIssuer;
let impostor: TestIssuer;
beforeAll(async () => {
  issuer = await testIssuer();
  impostor = await testIssuer();
});

/** "The server holds everything": in the server's name, signed by another key. Nobody may believe it. */
const forgedServerAck = (from: BundleReplica) =>
  signServerAck({ version: 1, issuer: issuer.publicKey, issuedAt: new Date(from.clock.now + 1e12).toISOString(), vector: Object.fromEntries(names.map((name) => [name, 1_000_000])) }, impostor.privateKey);

async function run(ops: readonly Op[]) {
  const crashing = new Set<string>();
  const replicas: BundleReplica[] = [];
  for (const [i, name] of names.entries()) {
    replicas.push(
      await testBundleReplica(issuer, name, {
        server: i === serverIndex,
        role: i === 3 ? 'national-coordinator' : 'field-officer',
        countries: i === 5 ? ['VN'] : ['TH'],
        startMs: Date.UTC(2026, 0, 1) + i * 777_777,
        // A crash between chunks: the first chunk after the first commits, the rest do not.
        beforeCommit: ({ index }) => {
          if (crashing.has(name) && index > 0) throw new Error('unplugged');
        },
      }),
    );
  }
  const server = replicas[serverIndex]!;
  const netStates = new Map<string, NetSyncState>();
  const made: Change[] = [];
  const created = new Set<number>();
  const delivered: Bundle[] = [];
  const later: Bundle[] = [];

  const importInto = async (bundle: Bundle) => {
    const to = replicas[bundle.to]!;
    const plan = await prepareImport(to.port, bundle.bytes, bundle.key);
    const result = await applyImport(to.port, plan);
    delivered.push(bundle);
    // Every change the bundle brought within the reader's countries is now held (a chunk marked done is applied).
    const brought = plan.chunks.flatMap((chunk) => chunk.accept.map(changeKey));
    expect((await to.port.heldKeys(brought)).size).toBe(brought.length);
    expect(plan.chunks.flatMap((chunk) => chunk.quarantine.map((q) => `${changeKey(q.change)} ${q.change.field} ${q.reason} ${q.detail ?? ''}`))).toEqual([]);
    return result;
  };
  const send = async (from: BundleReplica, to: BundleReplica, options: { full?: boolean; passphrase?: boolean; lies?: boolean } = {}): Promise<Bundle> => {
    const recipient: BundleRecipient = options.passphrase ? { kind: 'passphrase', passphrase, kdf: cheapKdf } : to.recipient;
    const port = options.lies && from !== server ? { ...from.port, serverAck: () => forgedServerAck(from) } : from.port;
    const exported = await exportBundle(port, { recipient, party: to.identity.deviceId, recipientScope: to.scope, full: options.full, chunkChanges: 2 });
    return { bytes: exported.bytes, to: replicas.indexOf(to), key: options.passphrase ? { kind: 'passphrase', passphrase } : to.key };
  };
  const sync = async (r: BundleReplica) => {
    await syncOnce(netPort(r, netStates), serverApi(server, r), undefined, { pullLimit: 7, pushLimit: 5 });
    await acknowledgeServerReceived(r.port, r.identity.deviceId, netStates.get(r.name)?.received ?? 0);
  };

  const create = async (index: number) => {
    if (created.has(index)) return;
    created.add(index);
    const { id, scope, owner } = records[index]!;
    const r = replicas[owner]!;
    r.clock.now += 1000;
    made.push(...(await r.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: id, fields: { countries: scope, title: { en: id.slice(-1) }, status: 'pipeline' }, scope }])));
  };
  // Every record but one exists from the start, on the desk that created it: bundles carry it to others.
  for (const index of [0, 2, 3, 4]) await create(index);

  for (const step of ops) {
    if (step.kind === 'create') await create(step.record);
    else if (step.kind === 'edit' || step.kind === 'delete') {
      const r = replicas[step.at]!;
      const { id, scope } = records[step.record]!;
      const current = r.storage.records().get(`activity:${id}`);
      if (!current) continue;
      r.clock.now += 1000;
      if (step.kind === 'edit' && !current.deleted) {
        const choices = values[step.field]!;
        made.push(...(await r.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: id, fields: { [step.field]: choices[step.pick % choices.length]! }, scope }])));
      } else if (step.kind === 'delete' && current.deleted === step.restore) {
        made.push(...(await r.engine.recordLocal([{ kind: step.restore ? 'restore' : 'delete', entity: 'activity', recordId: id, scope }])));
      }
    } else if (step.kind === 'resolve') {
      const r = replicas[step.at]!;
      const conflicts = await r.engine.conflicts();
      const conflict = conflicts[step.pick % Math.max(conflicts.length, 1)];
      if (!conflict) continue;
      const scope = records.find((entry) => entry.id === conflict.recordId)!.scope;
      const resolution = conflict.kind === 'delete' ? { deleted: step.pick % 2 === 0 } : { keep: conflict.heads[step.pick % conflict.heads.length]!.stamp };
      r.clock.now += 1000;
      made.push(await r.engine.resolve(conflict, resolution, scope));
    } else if (step.kind === 'bundle') {
      // The server exports return bundles to desks, never to itself; every replica writes to another.
      if (step.from === step.to) continue;
      const bundle = await send(replicas[step.from]!, replicas[step.to]!, { full: step.full, passphrase: step.passphrase, lies: step.lies });
      if (step.fate === 'import') await importInto(bundle);
      else if (step.fate === 'twice') {
        await importInto(bundle);
        expect((await importInto(bundle)).applied).toBe(0);
      } else if (step.fate === 'later') later.push(bundle);
      else if (step.fate === 'crash') {
        // Unplugged after the first chunk: imported again at once, or later (or never).
        const name = replicas[bundle.to]!.name;
        crashing.add(name);
        await importInto(bundle).catch((error: unknown) => {
          if (!(error instanceof Error) || error.message !== 'unplugged') throw error;
        });
        crashing.delete(name);
        if (step.resumeAtOnce) await importInto(bundle);
        else later.push(bundle);
      }
    } else if (step.kind === 'deliver') {
      const bundle = later.splice(step.pick % Math.max(later.length, 1), 1)[0];
      if (!bundle) continue;
      await importInto(bundle);
      if (step.twice) await importInto(bundle);
    } else if (step.kind === 'sync') {
      await sync(replicas[step.at]!);
    } else {
      const r = replicas[step.at]!;
      r.clock.now = Math.max(0, r.clock.now + step.deltaMs);
    }
    await expectKnowledgeTrue(replicas);
  }

  // Quiescence: every bundle still in a drawer is lost; everyone sends a bundle straight to everyone.
  for (const from of replicas) for (const to of replicas) if (from !== to) await importInto(await send(from, to));
  return { replicas, made, delivered, sync, importInto };
}

/**
 * What a replica believes another holds is never more than it holds: a delta computed from it never
 * leaves out a change the other lacks (a lost bundle, a crashed import, must not count as delivered),
 * even when a desk lies about what the server holds (replicas are not assumed honest about third parties).
 */
async function expectKnowledgeTrue(replicas: readonly BundleReplica[]) {
  const vectors = new Map(await Promise.all(replicas.map(async (r) => [r.identity.deviceId, await r.engine.vector()] as const)));
  for (const r of replicas) {
    for (const [party, believed] of Object.entries(await r.port.acks())) {
      const actual = vectors.get(party);
      expect(actual, `${r.name} knows of ${party}`).toBeDefined();
      for (const [device, seq] of Object.entries(believed)) expect(seq, `${r.name} believes ${party} holds ${device} up to`).toBeLessThanOrEqual(actual?.[device] ?? 0);
    }
  }
}

/** What each replica should hold and show: the changes and records of its countries. */
function expectConverged(replicas: readonly BundleReplica[], made: readonly Change[]) {
  const server = replicas[serverIndex]!;
  const full = snapshot(server);
  for (const r of replicas) {
    const principal = r.identity.principal;
    const visible = new Set(records.filter((entry) => canSee(principal, entry.scope)).map((entry) => `activity:${entry.id}`));
    const expected = {
      records: full.records.filter((entry) => visible.has(entry.key)),
      conflicts: full.conflicts.filter((conflict) => visible.has(conflict.split(':').slice(0, 2).join(':'))),
    };
    expect(snapshot(r), r.name).toEqual(expected);
    // Exactly the changes of its countries: nothing of another country ever reached it, by bundle or network.
    expect(r.storage.allChanges().map(changeKey).sort(), r.name).toEqual(made.filter((change) => canSee(principal, change.scope)).map(changeKey).sort());
    for (const chunk of r.port.state.chunks.values()) expect(canSee(principal, chunk.scope), `${r.name} keeps a chunk of ${chunk.scope.join(',')}`).toBe(true);
    expect([...r.port.state.quarantine.values()], r.name).toEqual([]);
  }
}

describe('bundles among six replicas (property)', () => {
  it(`converge whatever happens to the sticks, mixed with network sync (seed ${seed}, ${numRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 60 }), async (ops) => {
        const { replicas, made, delivered, sync, importInto } = await run(ops);
        expectConverged(replicas, made);

        // A second import of every bundle changes nothing.
        const before = replicas.map((r) => ({ snapshot: snapshot(r), changes: r.storage.allChanges().length }));
        for (const bundle of delivered.slice()) {
          const result = await importInto(bundle);
          expect(result.applied).toBe(0);
          expect(result.result).toBe('nothing-new');
        }
        expect(replicas.map((r) => ({ snapshot: snapshot(r), changes: r.storage.allChanges().length }))).toEqual(before);

        // Network sync agrees with the bundles.
        for (const index of desks) await sync(replicas[index]!);
        for (const index of desks) await sync(replicas[index]!);
        expectConverged(replicas, made);
      }),
      { seed, numRuns },
    );
  }, 300_000);
});
