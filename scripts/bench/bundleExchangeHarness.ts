/**
 * Runs inside the benchmark's page (bundled with esbuild, injected as a script): a sync bundle between two
 * desks, through the desk's own code: the renderer's store (`createStore`: repository, network sync data,
 * the bundle port of db/bundleStore.ts on IndexedDB) and the shared exchange (`exportBundle`,
 * `prepareImport`, `applyImport`). The two desks are enrolled by the desk's own `requestEnrollment`
 * against a stand-in server: a test issuer (shared/src/bundle/testing.ts) that signs their certificates.
 * Only timers are added: around the exchange calls, the port's calls, and its progress reports.
 */
import type { ApiClient } from '@shared/api/client';
import type { UserInfo } from '@shared/api/contract';
import { signCertificate } from '@shared/api/certificate';
import { openBundle } from '@shared/bundle/codec';
import { applyImport, exportBundle, prepareImport, type BundleScope } from '@shared/bundle/exchange';
import { manifestEntryName, manifestSignatureEntryName } from '@shared/bundle/format';
import type { BundlePort } from '@shared/bundle/port';
import { testIssuer, type TestIssuer } from '@shared/bundle/testing';
import type { BundleKey, BundleProgress, BundleRecipient } from '@shared/bundle/types';
import { readStoredZip } from '@shared/bundle/zip';
import { SyncEngine } from '@shared/sync/engine';
import { deflateSync } from 'fflate';
import { openStepDatabase, tableNames, type StepDatabase } from '../../renderer/src/db/database';
import { createStore, type Store } from '../../renderer/src/db/store';
import { DexieSyncStorage } from '../../renderer/src/db/syncStorage';
import { requestEnrollment } from '../../renderer/src/features/sync/enrollment';

/** The Data page's import batch (renderer/src/db/importer.ts): the seed goes through the same path. */
const seedBatch = 500;
const everything: BundleScope = { global: true, countries: [] };

interface Desk {
  db: StepDatabase;
  store: Store;
  deviceId: string;
  /** What opens a bundle addressed to this desk: its X25519 key, as the Bundles page builds it. */
  key: BundleKey;
  encryptionKey: string;
}

let issuer: TestIssuer | undefined;
let source: Desk | undefined;
let deskCount = 0;

const freshName = (what: string) => `bench-bundle-${what}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function storedRecords(db: StepDatabase): Promise<number> {
  const counts = await Promise.all(Object.values(tableNames).map((table) => db.table(table).count()));
  return counts.reduce((a, b) => a + b, 0);
}

/** The desk's bundle port. */
const portOf = (desk: Desk): BundlePort => desk.store.bundles.port;

/**
 * A fresh desk, enrolled as a Secretariat user (every country: nothing is out of scope) by the desk's own
 * enrollment exchange; the stand-in server signs the certificate with the test issuer's key.
 */
async function newDesk(what: string): Promise<Desk> {
  issuer ??= await testIssuer();
  const signer = issuer;
  deskCount += 1;
  const db = openStepDatabase(freshName(what));
  await db.open();
  const store = createStore(db);
  const deviceId = await store.repository.deviceId();
  const user: UserInfo = { id: `bench-user-${deskCount}`, username: `bench-${what}-${deskCount}`, displayName: `Bench ${what}`, role: 'secretariat', countries: [] };
  const standIn = {
    baseUrl: 'https://bench.invalid',
    async call(operation: string, request: { body: { deviceId: string; devicePublicKey: string; encryptionPublicKey?: string } }) {
      if (operation !== 'enrollDevice') throw new Error(`the stand-in server answers enrollDevice only, not ${operation}`);
      const { body } = request;
      const certificate = await signCertificate(
        {
          version: 1,
          deviceId: body.deviceId,
          devicePublicKey: body.devicePublicKey,
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          countries: user.countries,
          issuedAt: new Date().toISOString(),
          issuer: signer.publicKey,
          ...(body.encryptionPublicKey ? { encryptionPublicKey: body.encryptionPublicKey } : {}),
        },
        signer.privateKey,
      );
      return { certificate, serverPublicKey: signer.publicKey };
    },
  } as unknown as ApiClient;
  const session = { serverUrl: 'https://bench.invalid', serverPublicKey: signer.publicKey, serverEncryptionPublicKey: signer.encryption.publicKey, serverVersion: 'bench', token: '', user };
  const enrollment = await requestEnrollment({ api: standIn, session, serverSync: store.serverSync, deviceId, name: `bench ${what}` });
  await store.serverSync.saveEnrollment(enrollment);
  store.repository.setAuthor(`user:${enrollment.user.id}`);
  const pair = await store.serverSync.encryptionKeyPair();
  return { db, store, deviceId, key: { kind: 'x25519', privateKey: pair.privateKey, publicKey: pair.publicKey, holder: deviceId }, encryptionKey: pair.publicKey };
}

async function dropDesk(desk: Desk): Promise<void> {
  desk.db.close();
  await desk.db.delete();
}

/** The port with the wall time of some of its methods added up (calls may overlap: wall time, not CPU). */
function timedPort(port: BundlePort, methods: readonly (keyof BundlePort)[]) {
  const ms: Record<string, number> = {};
  const calls: Record<string, number> = {};
  /** When each method was first called, and when its last call returned. */
  const firstCall: Record<string, number> = {};
  const lastEnd: Record<string, number> = {};
  const wrapped = new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!methods.includes(property as keyof BundlePort)) return method.bind(target);
      const name = String(property);
      return async (...args: unknown[]) => {
        const t0 = performance.now();
        firstCall[name] ??= t0;
        try {
          return await method.apply(target, args);
        } finally {
          lastEnd[name] = performance.now();
          ms[name] = (ms[name] ?? 0) + lastEnd[name] - t0;
          calls[name] = (calls[name] ?? 0) + 1;
        }
      };
    },
  });
  return { port: wrapped, ms, calls, firstCall, lastEnd };
}

/** When each progress phase was first reported. */
function phaseClock() {
  const first: Partial<Record<BundleProgress['phase'], number>> = {};
  const last: Partial<Record<BundleProgress['phase'], number>> = {};
  return {
    first,
    last,
    onProgress(progress: BundleProgress) {
      const now = performance.now();
      first[progress.phase] ??= now;
      last[progress.phase] = now;
    },
  };
}

/** Where an apply's time goes, summed over its calls (each step runs after the previous one in a call). */
export interface ApplySteps {
  /** `SyncEngine.apply` as a whole: validating the changes, then the steps below in one transaction. */
  applyMs: number;
  /** Which of the changes are already held (`bulkGet` of the change rows). */
  heldKeysMs: number;
  /** Writing the change rows. */
  addChangesMs: number;
  /** Merging every touched record: reading its changes, then writing the record, its list row, recordMeta. */
  rematerializeMs: number;
  /** Raising the version vector: each device's highest contiguous seq, from the change rows' keys. */
  advanceVectorMs: number;
  calls: number;
}

/**
 * Times the engine's steps while `work` runs, by wrapping their prototypes in this page's copy of the
 * code (the page's own; nothing in renderer/ or shared/ changes).
 */
async function withApplySteps<T>(work: () => Promise<T>): Promise<{ value: T; steps: ApplySteps }> {
  const steps: ApplySteps = { applyMs: 0, heldKeysMs: 0, addChangesMs: 0, rematerializeMs: 0, advanceVectorMs: 0, calls: 0 };
  type Patchable = Record<string, (...args: unknown[]) => Promise<unknown>>;
  const patches: [Patchable, string, keyof ApplySteps][] = [
    [SyncEngine.prototype as unknown as Patchable, 'apply', 'applyMs'],
    [SyncEngine.prototype as unknown as Patchable, 'rematerialize', 'rematerializeMs'],
    [SyncEngine.prototype as unknown as Patchable, 'advanceVector', 'advanceVectorMs'],
    [DexieSyncStorage.prototype as unknown as Patchable, 'heldKeys', 'heldKeysMs'],
    [DexieSyncStorage.prototype as unknown as Patchable, 'addChanges', 'addChangesMs'],
  ];
  const originals = patches.map(([target, name]) => target[name]!);
  patches.forEach(([target, name, figure], i) => {
    const original = originals[i]!;
    target[name] = async function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        steps[figure] += performance.now() - t0;
        if (figure === 'applyMs') steps.calls += 1;
      }
    };
  });
  try {
    return { value: await work(), steps };
  } finally {
    patches.forEach(([target, name], i) => (target[name] = originals[i]!));
  }
}

export interface SeedReport {
  records: number;
  changes: number;
  rejected: number;
  seedMs: number;
  deviceId: string;
}

/**
 * The exporting desk: N records imported through the repository's one write path, as Data ▸ Import does
 * (batches of 500, each record's fields recorded as this device's changes). Parsing is not timed, nor
 * is any of this: it is the set-up.
 */
async function seedSource(url: string): Promise<SeedReport> {
  if (source) await dropDesk(source);
  source = await newDesk('source');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '');
  const t0 = performance.now();
  let rejected = 0;
  for (let at = 0; at < lines.length; at += seedBatch) {
    const items = lines.slice(at, at + seedBatch).map((line, offset) => ({ source: at + offset + 1, value: JSON.parse(line) as unknown }));
    const result = await source.store.repository.importBatch(items);
    rejected += result.rejected.length;
  }
  const seedMs = performance.now() - t0;
  return { records: await storedRecords(source.db), changes: await source.db.changes.count(), rejected, seedMs, deviceId: source.deviceId };
}

export interface PartKindBytes {
  parts: number;
  /** Stored (encrypted) bytes, GCM tags included. */
  bytes: number;
  /** Before deflate. */
  plainBytes: number;
}

export interface BundleSizes {
  fileBytes: number;
  manifestBytes: number;
  signatureBytes: number;
  /** Local headers and central directory of the stored zip. */
  zipOverheadBytes: number;
  byKind: Record<string, PartKindBytes>;
  changes: number;
  chunks: number;
  /** Changes per chunk: smallest, median, largest. */
  chunkChanges: { min: number; median: number; max: number };
  /** Distinct scopes (sets of countries) the chunks are cut by. */
  scopes: number;
}

function sizesOf(bytes: Uint8Array): BundleSizes {
  const entries = readStoredZip(bytes);
  const manifestBytes = entries.get(manifestEntryName)!;
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as {
    counts: { changes: number; chunks: number };
    parts: { kind: string; size: number; plainSize: number; count?: number; scope?: string[] }[];
  };
  const byKind: Record<string, PartKindBytes> = {};
  for (const part of manifest.parts) {
    const kind = (byKind[part.kind] ??= { parts: 0, bytes: 0, plainBytes: 0 });
    kind.parts += 1;
    kind.bytes += part.size;
    kind.plainBytes += part.plainSize;
  }
  const stored = manifest.parts.reduce((sum, part) => sum + part.size, 0);
  const signatureBytes = entries.get(manifestSignatureEntryName)?.length ?? 0;
  const counts = manifest.parts.flatMap((part) => (part.kind === 'chunk' ? [part.count ?? 0] : [])).sort((a, b) => a - b);
  return {
    fileBytes: bytes.length,
    manifestBytes: manifestBytes.length,
    signatureBytes,
    zipOverheadBytes: bytes.length - stored - manifestBytes.length - signatureBytes,
    byKind,
    changes: manifest.counts.changes,
    chunks: manifest.counts.chunks,
    chunkChanges: { min: counts[0] ?? 0, median: counts[Math.floor(counts.length / 2)] ?? 0, max: counts.at(-1) ?? 0 },
    scopes: new Set(manifest.parts.flatMap((part) => (part.kind === 'chunk' ? [(part.scope ?? []).join(',')] : []))).size,
  };
}

export interface ExportReport {
  totalMs: number;
  /** `ownChangesAfter` (IndexedDB reads of this device's changes, pages of 5,000). */
  readMs: number;
  /** From the last read to the first encrypted part: the scope filter, encoding and signing the chunks. */
  sealMs: number;
  /** Deflate, AES-GCM and SHA-256 of every part. */
  encryptMs: number;
  zipMs: number;
  /** Before the first read and after the zip: identity, vectors, certificates, the log entry. */
  otherMs: number;
  changes: number;
  chunks: number;
  sizes: BundleSizes;
}

async function timeExport(desk: Desk, recipient: BundleRecipient): Promise<{ report: ExportReport; bytes: Uint8Array }> {
  const timed = timedPort(portOf(desk), ['ownChangesAfter']);
  const phases = phaseClock();
  const t0 = performance.now();
  const result = await exportBundle(timed.port, { recipient, recipientScope: everything, full: true, onProgress: phases.onProgress });
  const t1 = performance.now();
  const encryptStart = phases.first.encrypt ?? t1;
  const zipStart = phases.first.zip ?? t1;
  const zipEnd = phases.last.zip ?? t1;
  const readMs = timed.ms.ownChangesAfter ?? 0;
  const firstRead = timed.firstCall.ownChangesAfter ?? t0;
  const lastRead = timed.lastEnd.ownChangesAfter ?? t0;
  const report: ExportReport = {
    totalMs: t1 - t0,
    readMs,
    sealMs: encryptStart - lastRead,
    encryptMs: zipStart - encryptStart,
    zipMs: zipEnd - zipStart,
    otherMs: firstRead - t0 + (t1 - zipEnd),
    changes: result.summary.changes,
    chunks: result.summary.chunks,
    sizes: sizesOf(result.bytes),
  };
  return { report, bytes: result.bytes };
}

/** A full bundle of the source desk, to the server (the test issuer's X25519 key). */
async function exportToServer(): Promise<ExportReport> {
  if (!source || !issuer) throw new Error('seed the source desk first');
  return (await timeExport(source, { kind: 'server', encryptionKey: issuer.encryption.publicKey })).report;
}

/**
 * Where a bundle's size goes beyond the encoding: the chunks' plaintext as one deflate stream (what
 * cutting into parts costs in compression), measured on the bundle just exported to the server.
 */
async function compressionProbe(): Promise<{ chunkPlainBytes: number; chunkStoredBytes: number; oneStreamDeflateBytes: number; chunks: number }> {
  if (!source || !issuer) throw new Error('seed the source desk first');
  const { bytes } = await timeExport(source, { kind: 'server', encryptionKey: issuer.encryption.publicKey });
  const opened = await openBundle(bytes, { key: issuer.key, trust: issuer.trust() });
  const plains = opened.chunks.map((chunk) => chunk.plain);
  const total = plains.reduce((sum, plain) => sum + plain.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const plain of plains) {
    joined.set(plain, at);
    at += plain.length;
  }
  const stored = opened.manifest.parts.filter((part) => part.kind === 'chunk').reduce((sum, part) => sum + part.size, 0);
  return { chunkPlainBytes: total, chunkStoredBytes: stored, oneStreamDeflateBytes: deflateSync(joined, { level: 6 }).length, chunks: plains.length };
}

export interface ImportReport {
  /** The device recipient's export (the bundle this import takes in). */
  export: ExportReport;
  totalMs: number;
  /** prepareImport up to its first look at the store: read, verify every signature and hash, decrypt, decode. */
  openMs: number;
  /** The rest of prepareImport: what is held, field checks, the preview (new, updated, conflicts). */
  dryRunMs: number;
  /** Of which the port's `heldKeys` and `preview`. */
  dryRunHeldKeysMs: number;
  dryRunPreviewMs: number;
  /** applyImport: every chunk through the one write path, then acks, certificates, the log. */
  applyMs: number;
  /** Of which `applyChunk` calls. */
  applyChunksMs: number;
  /** Of which the engine's steps. */
  applySteps: ApplySteps;
  /**
   * openBundle's own phases, from its progress reports: the manifest (the zip read, the manifest's checks
   * and signature: until the first 'decrypt' report), then the parts (the key, the certificates, then
   * each part's hash, decryption, inflate, signature and decoding).
   */
  openManifestMs: number;
  openPartsMs: number;
  applied: number;
  known: number;
  quarantined: number;
  chunks: number;
  /** The same bundle again: prepare and apply, and what they found. */
  secondMs: number;
  secondOpenMs: number;
  /** Of which the port's `heldKeys` (every change of the bundle is held by then). */
  secondHeldKeysMs: number;
  second: { applied: number; chunksSkipped: number; alreadyKnown: number; toApply: number };
  /** The fresh desk afterwards. */
  records: number;
  changesStored: number;
  invalid: number;
  sourceRecords: number;
  sourceChanges: number;
}

/** Into a fresh desk: a full bundle from the source addressed to it, imported as the Bundles page does, then again. */
async function importIntoFreshDesk(): Promise<ImportReport> {
  if (!source) throw new Error('seed the source desk first');
  const target = await newDesk('target');
  try {
    const exported = await timeExport(source, { kind: 'device', deviceId: target.deviceId, encryptionKey: target.encryptionKey });
    const timed = timedPort(portOf(target), ['appliedChunks', 'applyChunk', 'heldKeys', 'preview']);
    const phases = phaseClock();
    const t0 = performance.now();
    const plan = await prepareImport(timed.port, exported.bytes, target.key, { onProgress: phases.onProgress, fileName: 'bench.stepbundle' });
    const t1 = performance.now();
    const { value: result, steps: applySteps } = await withApplySteps(() => applyImport(timed.port, plan));
    const t2 = performance.now();
    const opened = timed.firstCall.appliedChunks ?? t1;
    const decryptStart = phases.first.decrypt ?? opened;

    const again = timedPort(portOf(target), ['appliedChunks', 'heldKeys']);
    const t3 = performance.now();
    const secondPlan = await prepareImport(again.port, exported.bytes, target.key);
    const secondResult = await applyImport(again.port, secondPlan);
    const t4 = performance.now();

    return {
      export: exported.report,
      totalMs: t2 - t0,
      openMs: opened - t0,
      dryRunMs: t1 - opened,
      dryRunHeldKeysMs: timed.ms.heldKeys ?? 0,
      dryRunPreviewMs: timed.ms.preview ?? 0,
      applyMs: t2 - t1,
      applyChunksMs: timed.ms.applyChunk ?? 0,
      applySteps,
      openManifestMs: decryptStart - t0,
      openPartsMs: opened - decryptStart,
      applied: result.applied,
      known: result.alreadyKnown,
      quarantined: result.quarantined,
      chunks: plan.chunks.length,
      secondMs: t4 - t3,
      secondOpenMs: (again.firstCall.appliedChunks ?? t4) - t3,
      secondHeldKeysMs: again.ms.heldKeys ?? 0,
      second: { applied: secondResult.applied, chunksSkipped: secondResult.chunksSkipped, alreadyKnown: secondPlan.summary.alreadyKnown, toApply: secondPlan.summary.toApply },
      records: await storedRecords(target.db),
      changesStored: await target.db.changes.count(),
      invalid: await target.db.recordMeta.filter((meta) => meta.problems !== undefined).count(),
      sourceRecords: await storedRecords(source.db),
      sourceChanges: await source.db.changes.count(),
    };
  } finally {
    await dropDesk(target);
  }
}

/**
 * A second floor: the rows the import cannot avoid writing as the store is built today, each record with
 * its change rows, by plain Dexie bulkPut into a fresh store, one transaction per chunk's worth of
 * changes (the bundle's chunk size), each record in the transaction of its last change. No validation,
 * no merge, no recordMeta or list rows. The rows are read from the exporting desk beforehand, untimed.
 */
async function bulkPutFloorWithChanges(chunk: number): Promise<{ floorMs: number; changes: number; records: number }> {
  if (!source) throw new Error('seed the source desk first');
  const changes = await source.db.changes.orderBy('[device+seq]').toArray();
  const lastChunk = new Map<string, number>();
  changes.forEach((change, i) => lastChunk.set(`${change.entity}:${change.recordId}`, Math.floor(i / chunk)));
  const slices = Array.from({ length: Math.ceil(changes.length / chunk) }, (_, i) => ({ changes: changes.slice(i * chunk, (i + 1) * chunk), byTable: new Map<string, unknown[]>() }));
  for (const [entity, table] of Object.entries(tableNames)) {
    for (const record of (await source.db.table(table).toArray()) as { id: string }[]) {
      const slice = slices[lastChunk.get(`${entity}:${record.id}`) ?? slices.length - 1]!;
      const rows = slice.byTable.get(table) ?? [];
      rows.push(record);
      slice.byTable.set(table, rows);
    }
  }
  const db = openStepDatabase(freshName('floor'));
  await db.open();
  try {
    const tables = [db.changes, ...Object.values(tableNames).map((table) => db.table(table))];
    const t0 = performance.now();
    for (const slice of slices) {
      await db.transaction('rw', tables, async () => {
        await db.changes.bulkPut(slice.changes);
        for (const [table, rows] of slice.byTable) await db.table(table).bulkPut(rows);
      });
    }
    return { floorMs: performance.now() - t0, changes: await db.changes.count(), records: await storedRecords(db) };
  } finally {
    db.close();
    await db.delete();
  }
}

async function dropSource(): Promise<void> {
  if (source) await dropDesk(source);
  source = undefined;
}

(window as unknown as { __stepBundleBench: unknown }).__stepBundleBench = { seedSource, exportToServer, compressionProbe, importIntoFreshDesk, bulkPutFloorWithChanges, dropSource };

export type StepBundleBench = {
  seedSource: typeof seedSource;
  exportToServer: typeof exportToServer;
  compressionProbe: typeof compressionProbe;
  importIntoFreshDesk: typeof importIntoFreshDesk;
  bulkPutFloorWithChanges: typeof bulkPutFloorWithChanges;
  dropSource: typeof dropSource;
};
