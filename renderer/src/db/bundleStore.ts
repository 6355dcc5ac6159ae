import { principalOfCertificate } from '@shared/access/authors';
import { maxAttachmentBytes } from '@shared/api/contract';
import type { DeviceCertificate } from '@shared/api/certificate';
import type { RejectedChange } from '@shared/bundle/exchange';
import { judgeScopes, type ScopeRun } from '@shared/bundle/importScope';
import { judgeImportWorkflow } from '@shared/bundle/importWorkflow';
import type { SignedRevocationList } from '@shared/bundle/format';
import { storedChunkKey, type AttachmentInfo, type BundleIdentity, type BundleLogEntry, type BundlePort } from '@shared/bundle/port';
import { previewChanges } from '@shared/bundle/preview';
import { newerRevocationList } from '@shared/bundle/revocations';
import { newerServerAck, type SignedServerAck } from '@shared/bundle/serverAck';
import type { SignedChunk } from '@shared/bundle/types';
import { signEd25519 } from '@shared/security/webCrypto';
import { changeKey, type Change } from '@shared/sync/change';
import { checkFieldValue } from '@shared/sync/fieldValues';
import { extendContiguous, raised, type VersionVector } from '@shared/sync/vector';
import Dexie from 'dexie';
import { storeFetchedBlob } from './blobs';
import type { StoredQuarantine } from './database';
import type { ServerSyncData } from './serverSync';
import type { Store } from './store';
import { DexieSyncStorage } from './syncStorage';

/**
 * What bundles keep on this computer, in the same IndexedDB as the data (database.ts version 4), and the
 * BundlePort that shared/bundle/exchange.ts runs over:
 * - each chunk of a bundle is applied through the one write path (repository.applyRemoteWith) in one
 *   transaction with its bookkeeping: the quarantined changes, the kept chunk, the mark that it is done;
 * - other devices' signed chunks are kept to be relayed as they were signed (bundleChunks);
 * - what other parties are known to hold (acknowledgements) and the newest revocation list live in
 *   syncState; device certificates that came in bundles in `certificates`;
 * - the log of bundles, and the quarantine, which the person can review, retry and dismiss;
 * - the files (blobs.ts) the bundle's documents name travel with it; those a bundle brings are kept and,
 *   unless the server sent them, queued for upload: a coordinator relays its officers' photos.
 * This desk's identity is its enrollment: the certificate, the signed-in user (whose countries decide
 * what it may hold) and the device's Ed25519 key.
 */

const keys = {
  acks: 'bundle:acks',
  revocations: 'bundle:revocations',
  serverAck: 'bundle:serverAck',
  /** Keys of quarantined changes the person let go: processed, never applied. */
  dismissed: 'bundle:dismissed',
} as const;

/** A quarantined change as the Bundles page lists it. */
export interface QuarantineItem extends RejectedChange {
  id: number;
  bundleId: string;
  at?: string;
  /** The device whose bundle brought it. */
  from?: string;
}

/**
 * Reasons a retry never reconsiders: the review workflow's ('locked', 'workflow'), refused for good where
 * the change was judged as the server judges it. Judged again against today's state (the record unlocked
 * since, say), such a change could be applied here while the server keeps refusing it: desk and server
 * would disagree. Such changes are only dismissed.
 */
export const dismissOnlyReasons: ReadonlySet<string> = new Set(['locked', 'workflow']);
export const isRetryable = (reason: string): boolean => !dismissOnlyReasons.has(reason);

const itemOf = (row: StoredQuarantine): QuarantineItem => ({
  id: row.id as number,
  bundleId: row.bundleId,
  at: row.at,
  from: row.from,
  recordId: row.recordId,
  entity: row.entity,
  field: row.change.field,
  reason: row.reason,
  detail: row.detail,
});

const signedChunkOf = ({ device, plain, signature, count, minSeq, maxSeq, scope }: SignedChunk): SignedChunk => ({ device, plain, signature, count, minSeq, maxSeq, scope });

export function createBundleStore({ db, repository, serverSync }: Pick<Store, 'db' | 'repository'> & { serverSync: Pick<ServerSyncData, 'loadEnrollment' | 'storedKeyPair'> }) {
  const reads = new DexieSyncStorage(db);
  const get = async <T>(key: string): Promise<T | undefined> => (await db.syncState.get(key))?.value as T | undefined;
  const set = async (key: string, value: unknown): Promise<void> => {
    await db.syncState.put({ key, value });
  };

  async function identity(): Promise<BundleIdentity | undefined> {
    const enrollment = await serverSync.loadEnrollment();
    if (!enrollment) return undefined;
    const { certificate, user } = enrollment;
    const deviceId = certificate.body.deviceId;
    return {
      party: deviceId,
      principal: { userId: user.id, role: user.role, countries: user.countries },
      certificate,
      signer: {
        deviceId,
        publicKey: certificate.body.devicePublicKey,
        async sign(data) {
          const pair = await serverSync.storedKeyPair();
          if (!pair) throw new Error('this device has no signing key');
          return signEd25519(pair.privateKey, data);
        },
      },
    };
  }

  const port: BundlePort = {
    identity,
    async trust() {
      const enrollment = await serverSync.loadEnrollment();
      if (!enrollment) return undefined;
      return { issuer: enrollment.serverPublicKey, revocations: await get<SignedRevocationList>(keys.revocations) };
    },
    vector: () => repository.vector(),
    ownChangesAfter: (afterSeq, limit) => repository.ownChangesAfter(afterSeq, limit),
    storedChunks: async () => (await db.bundleChunks.toArray()).map(signedChunkOf),
    heldKeys: (changeKeys) => reads.heldKeys(changeKeys),
    recordChanges: (records) => recordChanges(records),
    async approvalsAbout(targets) {
      if (targets.length === 0) return [];
      const found = await db.approvals
        .where('[target.entity+target.recordId]')
        .anyOf(targets.map(({ entity, recordId }) => [entity, recordId]))
        .toArray();
      return targets.map(({ entity, recordId }) => found.filter((step) => step.target.entity === entity && step.target.recordId === recordId));
    },
    async processedVector() {
      const [vector, dismissed, quarantinedKeys] = await Promise.all([repository.vector(), get<string[]>(keys.dismissed), db.quarantine.orderBy('key').keys()]);
      // Keys only: which seqs beyond the vector are held, quarantined or dismissed.
      const beyond = new Map<string, Set<number>>();
      for (const key of [...(quarantinedKeys as string[]), ...(dismissed ?? [])]) {
        const at = key.lastIndexOf(':');
        const device = key.slice(0, at);
        let seqs = beyond.get(device);
        if (!seqs) {
          const held = (await db.changes.where('[device+seq]').between([device, (vector[device] ?? 0) + 1], [device, Infinity]).primaryKeys()) as [string, number][];
          beyond.set(device, (seqs = new Set(held.map(([, seq]) => seq))));
        }
        seqs.add(Number(key.slice(at + 1)));
      }
      return extendContiguous(vector, beyond);
    },
    preview: (changes) =>
      previewChanges(changes, async (records) => {
        // Only records this desk has heard of have changes to read (a new record needs none), in one read.
        const metas = await db.recordMeta.bulkGet(records.map(({ entity, recordId }) => [entity, recordId] as [string, string]));
        const known = records.filter((_record, i) => metas[i]);
        const held = await recordChanges(known);
        const byRecord = new Map(known.map((record, i) => [`${record.entity}:${record.recordId}`, held[i]!]));
        return records.map(({ entity, recordId }) => byRecord.get(`${entity}:${recordId}`));
      }),

    async applyChunk({ resumeKey, index, chunk, keep, accept, quarantine }) {
      // Hashing awaits WebCrypto: done before the transaction, which would commit meanwhile.
      const key = keep ? await storedChunkKey(chunk) : undefined;
      const at = new Date().toISOString();
      return repository.applyRemoteWith(accept, async () => {
        if (quarantine.length > 0) {
          const changeKeys = quarantine.map((entry) => changeKey(entry.change));
          const held = new Map((await db.quarantine.where('key').anyOf(changeKeys).toArray()).map((row) => [row.key, row.id]));
          await db.quarantine.bulkPut(
            quarantine.map((entry, i) => {
              const id = held.get(changeKeys[i]!);
              const { change } = entry;
              return { ...(id === undefined ? {} : { id }), key: changeKeys[i]!, entity: change.entity, recordId: change.recordId, change, reason: entry.reason, detail: entry.detail, bundleId: entry.bundleId, from: entry.from, at };
            }),
          );
        }
        if (key !== undefined) await db.bundleChunks.put({ ...signedChunkOf(chunk), key, keptAt: at });
        // Progress is kept under the manifest's digest (the bundleProgress column keeps its old name).
        await db.bundleProgress.put({ bundleId: resumeKey, index, at });
      });
    },
    async appliedChunks(resumeKey) {
      const done = (await db.bundleProgress.where('[bundleId+index]').between([resumeKey, Dexie.minKey], [resumeKey, Dexie.maxKey]).primaryKeys()) as [string, number][];
      return new Set(done.map(([, index]) => index));
    },

    acks: async () => (await get<Record<string, VersionVector>>(keys.acks)) ?? {},
    raiseAcks: (acks) =>
      db.transaction('rw', db.syncState, async () => {
        const known = (await get<Record<string, VersionVector>>(keys.acks)) ?? {};
        for (const [party, vector] of Object.entries(acks)) known[party] = raised(known[party] ?? {}, vector);
        await set(keys.acks, known);
      }),
    serverAck: () => get<SignedServerAck>(keys.serverAck),
    saveServerAck: (signed) =>
      db.transaction('rw', db.syncState, async () => {
        await set(keys.serverAck, newerServerAck(await get<SignedServerAck>(keys.serverAck), signed));
        const known = (await get<Record<string, VersionVector>>(keys.acks)) ?? {};
        await set(keys.acks, { ...known, server: raised(known.server ?? {}, signed.body.vector) });
      }),
    async knownCertificates() {
      const [stored, enrollment] = await Promise.all([db.certificates.toArray(), serverSync.loadEnrollment()]);
      const certificates = stored.map((row) => row.certificate);
      const own = enrollment?.certificate;
      return own && !certificates.some((c) => c.body.deviceId === own.body.deviceId) ? [own, ...certificates] : certificates;
    },
    saveCertificates: (certificates: readonly DeviceCertificate[]) =>
      db.transaction('rw', db.certificates, async () => {
        const held = await db.certificates.bulkGet(certificates.map((c) => c.body.deviceId));
        const newest = new Map<string, DeviceCertificate>();
        for (const [i, certificate] of certificates.entries()) {
          const current = newest.get(certificate.body.deviceId) ?? held[i]?.certificate;
          if (!current || current.body.issuedAt <= certificate.body.issuedAt) newest.set(certificate.body.deviceId, certificate);
        }
        await db.certificates.bulkPut([...newest].map(([deviceId, certificate]) => ({ deviceId, certificate })));
      }),
    saveRevocations: (list) =>
      db.transaction('rw', db.syncState, async () => {
        const newer = newerRevocationList(await get<SignedRevocationList>(keys.revocations), list);
        if (newer) await set(keys.revocations, newer);
      }),
    async log(entry: BundleLogEntry) {
      await db.bundleLog.add({ ...entry });
    },

    attachmentsFor: (changes) => attachmentsFor(changes),
    readAttachment: async (sha256) => (await db.blobs.get(sha256))?.bytes,
    async storeAttachments(attachments, { from }) {
      let stored = 0;
      for (const { sha256, bytes, mimeType } of attachments) {
        const type = mimeType ?? (await db.documents.where('sha256').equals(sha256).first())?.mimeType ?? 'application/octet-stream';
        // What the server sent it holds; a file past the server's upload limit would be refused at every round.
        const queueUpload = from !== 'server' && bytes.byteLength <= maxAttachmentBytes;
        if ((await storeFetchedBlob(sha256, bytes, type, db, { queueUpload })).isNew) stored += 1;
      }
      return { stored };
    },
  };

  /**
   * The files the documents these changes touch name: a document shown here by its record (a deleted one
   * names none); one not shown (quarantined, or not whole yet) by the values the changes carry.
   */
  async function attachmentsFor(changes: readonly Change[]): Promise<{ held: AttachmentInfo[]; missing: string[] }> {
    const carried = new Map<string, { sha256?: string; mimeType?: string; sizeBytes?: number }>();
    for (const change of changes) {
      if (change.entity !== 'document') continue;
      const values = carried.get(change.recordId) ?? {};
      if (change.field === 'sha256' && typeof change.value === 'string') values.sha256 = change.value;
      if (change.field === 'mimeType' && typeof change.value === 'string') values.mimeType = change.value;
      if (change.field === 'sizeBytes' && typeof change.value === 'number') values.sizeBytes = change.value;
      carried.set(change.recordId, values);
    }
    const ids = [...carried.keys()];
    const [documents, metas] = await Promise.all([db.documents.bulkGet(ids), db.recordMeta.bulkGet(ids.map((id) => ['document', id] as [string, string]))]);
    const named = new Map<string, { mimeType?: string; size?: number }>();
    ids.forEach((id, i) => {
      const document = documents[i];
      if (document) named.set(document.sha256, { mimeType: document.mimeType, size: document.sizeBytes });
      else if (!metas[i]?.deleted) {
        const values = carried.get(id)!;
        if (values.sha256 && !named.has(values.sha256)) named.set(values.sha256, { mimeType: values.mimeType, size: values.sizeBytes });
      }
    });
    const addresses = [...named.keys()];
    // Keys only: which bytes are here, without reading them.
    const here = new Set((await db.blobs.where('sha256').anyOf(addresses).primaryKeys()) as string[]);
    const held: AttachmentInfo[] = [];
    for (const sha256 of addresses.filter((address) => here.has(address))) {
      const { mimeType, size } = named.get(sha256)!;
      // A record without its size (not whole yet): the stored blob says it.
      const bytes = size ?? (await db.blobs.get(sha256))?.size ?? 0;
      held.push({ sha256, size: bytes, ...(mimeType ? { mimeType } : {}) });
    }
    return { held, missing: addresses.filter((address) => !here.has(address)) };
  }

  /** The changes held of each record, in one read. */
  async function recordChanges(records: readonly { entity: Change['entity']; recordId: string }[]): Promise<Change[][]> {
    if (records.length === 0) return [];
    const found = await db.changes
      .where('[entity+recordId]')
      .anyOf(records.map(({ entity, recordId }) => [entity, recordId]))
      .toArray();
    const byRecord = new Map<string, Change[]>();
    for (const change of found) {
      const key = `${change.entity}:${change.recordId}`;
      let list = byRecord.get(key);
      if (!list) byRecord.set(key, (list = []));
      list.push(change);
    }
    return records.map(({ entity, recordId }) => byRecord.get(`${entity}:${recordId}`) ?? []);
  }

  return {
    port,

    /** The newest log entries first. */
    async log(limit = 500): Promise<BundleLogEntry[]> {
      return (await db.bundleLog.orderBy('id').reverse().limit(limit).toArray()).map(({ id: _id, ...entry }) => entry);
    },

    /** Quarantined changes, oldest first. */
    async quarantined(limit = 1000): Promise<QuarantineItem[]> {
      return (await db.quarantine.orderBy('id').limit(limit).toArray()).map(itemOf);
    },

    /**
     * Checks these quarantined changes again (all without `ids`), with today's rules and this desk's
     * countries as they are now: those that pass are applied through the write path and leave the
     * quarantine in the same transaction; the others stay, with their reason brought up to date. Changes
     * held for a dismiss-only reason (`dismissOnlyReasons`: the review workflow's) are not retried: they
     * stay as they are, counted in `held` and in `final`.
     */
    async retryQuarantined(ids?: readonly number[]): Promise<{ applied: number; held: number; final: number }> {
      const asked = (ids ? await db.quarantine.bulkGet([...ids]) : await db.quarantine.toArray()).filter((row): row is StoredQuarantine => row !== undefined);
      const rows = asked.filter((row) => isRetryable(row.reason));
      const final = asked.length - rows.length;
      const principal = (await identity())?.principal;
      const certificates = new Map((await port.knownCertificates()).map((certificate) => [certificate.body.deviceId, certificate]));
      const pass: StoredQuarantine[] = [];
      const stay: StoredQuarantine[] = [];
      const valid: StoredQuarantine[] = [];
      for (const row of rows) {
        const check = checkFieldValue(row.change.entity, row.change.field, row.change.value);
        if (!check.ok) stay.push({ ...row, reason: check.reason, detail: check.detail });
        else valid.push(row);
      }
      // The same rules as an import: the review workflow, then per originating device the records' countries before and after.
      const runs = new Map<string, ScopeRun & { changes: Change[] }>();
      for (const row of [...valid].sort((a, b) => a.change.seq - b.change.seq)) {
        const device = row.change.device;
        const certificate = certificates.get(device);
        if (!runs.has(device)) runs.set(device, { principal: certificate && principalOfCertificate(certificate), changes: [] });
        runs.get(device)!.changes.push(row.change);
      }
      const workflow = await judgeImportWorkflow({ runs, port });
      for (const run of runs.values()) run.changes = run.changes.filter((change) => !workflow.has(changeKey(change)));
      const refused = principal ? await judgeScopes({ importer: principal, runs: [...runs.values()], recordChanges }) : undefined;
      for (const row of valid) {
        const refusal = workflow.get(changeKey(row.change)) ?? (refused ? refused.get(changeKey(row.change)) : { reason: 'out-of-scope' as const, detail: 'not enrolled' });
        if (refusal) stay.push({ ...row, reason: refusal.reason, detail: refusal.detail });
        else pass.push(row);
      }
      const changes: Change[] = pass.map((row) => row.change);
      await repository.applyRemoteWith(changes, async () => {
        await db.quarantine.bulkDelete(pass.map((row) => row.id as number));
        if (stay.length > 0) await db.quarantine.bulkPut(stay);
      });
      return { applied: pass.length, held: stay.length + final, final };
    },

    /** The person has seen these quarantined changes and lets them go (all without `ids`). */
    async dismissQuarantined(ids?: readonly number[]): Promise<void> {
      // Let go, but processed: the acknowledgement this desk sends moves past them (port.processedVector).
      await db.transaction('rw', db.quarantine, db.syncState, async () => {
        const rows = ids ? (await db.quarantine.bulkGet([...ids])).filter((row): row is StoredQuarantine => row !== undefined) : await db.quarantine.toArray();
        const dismissed = new Set((await get<string[]>(keys.dismissed)) ?? []);
        for (const row of rows) dismissed.add(row.key);
        await set(keys.dismissed, [...dismissed]);
        await db.quarantine.bulkDelete(rows.map((row) => row.id as number));
      });
    },
  };
}

export type BundleStore = ReturnType<typeof createBundleStore>;
