import { canSee } from '@shared/access/rules';
import type { DeviceCertificate } from '@shared/api/certificate';
import type { RejectedChange } from '@shared/bundle/exchange';
import type { SignedRevocationList } from '@shared/bundle/format';
import { storedChunkKey, type BundleIdentity, type BundleLogEntry, type BundlePort } from '@shared/bundle/port';
import { previewChanges } from '@shared/bundle/preview';
import { newerRevocationList } from '@shared/bundle/revocations';
import type { SignedChunk } from '@shared/bundle/types';
import { signEd25519 } from '@shared/security/webCrypto';
import { changeKey, type Change } from '@shared/sync/change';
import { checkFieldValue } from '@shared/sync/fieldValues';
import type { VersionVector } from '@shared/sync/vector';
import Dexie from 'dexie';
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
 * - the log of bundles, and the quarantine, which the person can review, retry and dismiss.
 * This desk's identity is its enrollment: the certificate, the signed-in user (whose countries decide
 * what it may hold) and the device's Ed25519 key.
 */

const keys = {
  acks: 'bundle:acks',
  revocations: 'bundle:revocations',
} as const;

/** A quarantined change as the Bundles page lists it. */
export interface QuarantineItem extends RejectedChange {
  id: number;
  bundleId: string;
  at?: string;
  /** The device whose bundle brought it. */
  from?: string;
}

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
    preview: (changes) =>
      previewChanges(changes, async (records) => {
        // Only records this desk has heard of have changes to read: a new record needs no query.
        const metas = await db.recordMeta.bulkGet(records.map(({ entity, recordId }) => [entity, recordId] as [string, string]));
        return Promise.all(records.map(({ entity, recordId }, i) => (metas[i] ? reads.changesOfRecord(entity, recordId) : undefined)));
      }),

    async applyChunk({ bundleId, index, chunk, keep, accept, quarantine }) {
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
        await db.bundleProgress.put({ bundleId, index, at });
      });
    },
    async appliedChunks(bundleId) {
      const done = (await db.bundleProgress.where('[bundleId+index]').between([bundleId, Dexie.minKey], [bundleId, Dexie.maxKey]).primaryKeys()) as [string, number][];
      return new Set(done.map(([, index]) => index));
    },

    acks: async () => (await get<Record<string, VersionVector>>(keys.acks)) ?? {},
    raiseAcks: (acks) =>
      db.transaction('rw', db.syncState, async () => {
        const known = (await get<Record<string, VersionVector>>(keys.acks)) ?? {};
        for (const [party, vector] of Object.entries(acks)) {
          const into = (known[party] ??= {});
          for (const [device, seq] of Object.entries(vector)) if (seq > (into[device] ?? 0)) into[device] = seq;
        }
        await set(keys.acks, known);
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
  };

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
    quarantineCount: () => db.quarantine.count(),

    /**
     * Checks these quarantined changes again (all without `ids`), with today's rules and this desk's
     * countries as they are now: those that pass are applied through the write path and leave the
     * quarantine in the same transaction; the others stay, with their reason brought up to date.
     */
    async retryQuarantined(ids?: readonly number[]): Promise<{ applied: number; held: number }> {
      const rows = (ids ? await db.quarantine.bulkGet([...ids]) : await db.quarantine.toArray()).filter((row): row is StoredQuarantine => row !== undefined);
      const principal = (await identity())?.principal;
      const pass: StoredQuarantine[] = [];
      const stay: StoredQuarantine[] = [];
      for (const row of rows) {
        const check = checkFieldValue(row.change.entity, row.change.field, row.change.value);
        if (!check.ok) stay.push({ ...row, reason: check.reason, detail: check.detail });
        else if (!principal || !canSee(principal, row.change.scope)) stay.push({ ...row, reason: 'out-of-scope', detail: row.change.scope.join(',') });
        else pass.push(row);
      }
      const changes: Change[] = pass.map((row) => row.change);
      await repository.applyRemoteWith(changes, async () => {
        await db.quarantine.bulkDelete(pass.map((row) => row.id as number));
        if (stay.length > 0) await db.quarantine.bulkPut(stay);
      });
      return { applied: pass.length, held: stay.length };
    },

    /** The person has seen these quarantined changes and lets them go (all without `ids`). */
    async dismissQuarantined(ids?: readonly number[]): Promise<void> {
      if (ids) await db.quarantine.bulkDelete([...ids]);
      else await db.quarantine.clear();
    },
  };
}

export type BundleStore = ReturnType<typeof createBundleStore>;
