import type { DeviceCertificate } from '@shared/api/certificate';
import type { ChangeRefusal, UserInfo } from '@shared/api/contract';
import type { NetSyncPort, NetSyncState, NetSyncSummary } from '@shared/sync/netSync';
import { toBase64Url } from '@shared/security/webCrypto';
import type { StoredRefusal } from './database';
import type { Store } from './store';

/**
 * What network sync keeps on this computer, in the same IndexedDB as the data it numbers:
 * - the enrollment: which server, its pinned public key, this device's certificate and who signed in
 *   (never a password; the session token is not kept at all: device-signed requests do not need it);
 * - the device's Ed25519 key pair, as CryptoKey objects (IndexedDB stores them by structured clone). The
 *   private key is generated non-extractable: no code, ours included, can read its bytes, so it never
 *   leaves this computer;
 * - the device's X25519 key pair, kept the same way: bundles are encrypted to its public key (which the
 *   server puts in the device's certificate) and only this computer can open them;
 * - where the last pull stopped and what the server has received (netSync's state), the last success;
 * - the changes the server refused (table `syncRefusals`), until the person dismisses them.
 */

const keys = {
  state: 'net:state',
  lastSync: 'net:lastSync',
  enrollment: 'net:enrollment',
  deviceKeys: 'net:deviceKeys',
  encryptionKeys: 'net:encryptionKeys',
} as const;

export interface Enrollment {
  serverUrl: string;
  /** The server's certificate key, as it was at enrollment: certificates are checked against it. */
  serverPublicKey: string;
  /**
   * The server's X25519 key as it was at enrollment (serverInfo): bundles for the Secretariat are encrypted
   * to it. Absent in enrollments made before bundles existed; enrolling again fills it in.
   */
  serverEncryptionPublicKey?: string;
  certificate: DeviceCertificate;
  user: UserInfo;
  deviceName: string;
  enrolledAt: string;
}

export interface DeviceKeyPair {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

/** This device's X25519 key pair: the private key a non-extractable CryptoKey, the public key raw, base64url. */
export interface EncryptionKeyPair {
  publicKey: string;
  privateKey: CryptoKey;
}

export interface LastSync {
  at: number;
  summary: NetSyncSummary;
}

export function createServerSyncData({ db, repository }: Pick<Store, 'db' | 'repository'>) {
  const get = async <T>(key: string): Promise<T | undefined> => (await db.syncState.get(key))?.value as T | undefined;
  const set = async (key: string, value: unknown): Promise<void> => {
    await db.syncState.put({ key, value });
  };

  /** The port network sync runs over: the repository (the one write path) and the tables above. */
  const port: NetSyncPort = {
    loadState: async () => (await get<NetSyncState>(keys.state)) ?? { received: 0 },
    saveState: (state) => set(keys.state, state),
    applyRemote: (changes) => repository.applyRemote(changes),
    ownChangesAfter: (seq, limit) => repository.ownChangesAfter(seq, limit),
    localSeq: () => repository.localSeq(),
    recordRefusals: async (refusals: readonly ChangeRefusal[]) => {
      const at = new Date().toISOString();
      await db.syncRefusals.bulkPut(refusals.map((refusal) => ({ ...refusal, at })));
    },
  };

  return {
    port,

    loadEnrollment: () => get<Enrollment>(keys.enrollment),

    async saveEnrollment(enrollment: Enrollment): Promise<void> {
      // A new enrollment may see other countries: its stream starts from the beginning.
      await db.transaction('rw', db.syncState, async () => {
        await set(keys.enrollment, enrollment);
        await db.syncState.bulkDelete([keys.state, keys.lastSync]);
      });
    },

    /**
     * Forgets the enrollment on this computer: the certificate and where sync stood. The records and their
     * changes stay; refused changes stay listed. The key pair stays too: it is this device's identity with
     * its id (its changes carry that id), and the server gives a device id back only to the same key, so
     * the same person can enroll it again later without an administrator.
     */
    async forgetEnrollment(): Promise<void> {
      await db.syncState.bulkDelete([keys.enrollment, keys.state, keys.lastSync]);
    },

    /** This device's key pair, made on first use. */
    async deviceKeyPair(): Promise<DeviceKeyPair> {
      const existing = await get<DeviceKeyPair>(keys.deviceKeys);
      if (existing) return existing;
      // Generated outside the transaction: awaiting WebCrypto inside one would let IndexedDB commit it.
      const generated = (await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify'])) as CryptoKeyPair;
      return db.transaction('rw', db.syncState, async () => {
        const raced = await get<DeviceKeyPair>(keys.deviceKeys);
        if (raced) return raced;
        const pair: DeviceKeyPair = { publicKey: generated.publicKey, privateKey: generated.privateKey };
        await set(keys.deviceKeys, pair);
        return pair;
      });
    },

    /** The stored key pair, if any (without making one). */
    storedKeyPair: () => get<DeviceKeyPair>(keys.deviceKeys),

    /**
     * This device's X25519 key pair, made on first use (as the Ed25519 pair is) and kept across forgetting
     * an enrollment: bundles already encrypted to it can still be opened after enrolling again.
     */
    async encryptionKeyPair(): Promise<EncryptionKeyPair> {
      const existing = await get<EncryptionKeyPair>(keys.encryptionKeys);
      if (existing) return existing;
      // Generated outside the transaction, as in deviceKeyPair.
      const generated = (await crypto.subtle.generateKey('X25519', false, ['deriveBits'])) as CryptoKeyPair;
      const publicKey = await exportPublicKey(generated.publicKey);
      return db.transaction('rw', db.syncState, async () => {
        const raced = await get<EncryptionKeyPair>(keys.encryptionKeys);
        if (raced) return raced;
        const pair: EncryptionKeyPair = { publicKey, privateKey: generated.privateKey };
        await set(keys.encryptionKeys, pair);
        return pair;
      });
    },

    /** The stored X25519 key pair, if any (without making one). */
    storedEncryptionKeyPair: () => get<EncryptionKeyPair>(keys.encryptionKeys),

    loadLastSync: () => get<LastSync>(keys.lastSync),
    saveLastSync: (last: LastSync) => set(keys.lastSync, last),

    /** The newest refusals first, at most `limit`, and how many there are in all. */
    async refusals(limit = 200): Promise<{ items: StoredRefusal[]; total: number }> {
      const [items, total] = await Promise.all([db.syncRefusals.orderBy('seq').reverse().limit(limit).toArray(), db.syncRefusals.count()]);
      return { items, total };
    },

    /** The person has seen these refusals (all of them without `seqs`). */
    async dismissRefusals(seqs?: readonly number[]): Promise<void> {
      if (seqs) await db.syncRefusals.bulkDelete([...seqs]);
      else await db.syncRefusals.clear();
    },
  };
}

export type ServerSyncData = ReturnType<typeof createServerSyncData>;

/** A public key as the contract writes it: 32 raw bytes, base64url. */
export async function exportPublicKey(publicKey: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}
