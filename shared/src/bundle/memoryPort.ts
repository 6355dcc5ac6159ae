import type { DeviceCertificate } from '../api/certificate';
import { changeKey } from '../sync/change';
import type { SyncEngine } from '../sync/engine';
import type { MemoryStorage } from '../sync/memoryStorage';
import { extendContiguous, raised, type VersionVector } from '../sync/vector';
import type { SignedRevocationList } from './format';
import { newerServerAck, type SignedServerAck } from './serverAck';
import { storedChunkKey, type BundleIdentity, type BundleLogEntry, type BundlePort, type QuarantinedChange } from './port';
import { previewChanges } from './preview';
import { newerRevocationList } from './revocations';
import type { SignedChunk } from './types';

export interface MemoryBundlePortOptions {
  identity: BundleIdentity | undefined;
  /** The server's certificate key this replica trusts. */
  issuer: string;
  revocations?: SignedRevocationList;
  certificates?: readonly DeviceCertificate[];
  isKnownDevice?(deviceId: string): boolean;
  /**
   * The server's replica in tests: it states its own holdings, signed now (a desk keeps the newest it
   * received instead).
   */
  signServerAck?(vector: VersionVector): Promise<SignedServerAck>;
  /** Tests: called inside a chunk's atomic unit after the data is applied, before it commits (throw to crash). */
  beforeCommit?(input: { bundleId: string; index: number }): void;
}

/** A BundlePort in memory, with what it holds open to inspection (for tests and tools). */
export interface MemoryBundlePort extends BundlePort {
  readonly state: {
    chunks: Map<string, SignedChunk>;
    done: Map<string, Set<number>>;
    quarantine: Map<string, QuarantinedChange>;
    /** Keys of quarantined changes the person let go. */
    dismissed: Set<string>;
    serverAck?: SignedServerAck;
    acks: Record<string, VersionVector>;
    certificates: Map<string, DeviceCertificate>;
    revocations?: SignedRevocationList;
    logs: BundleLogEntry[];
  };
}

/**
 * The BundlePort of a replica held in memory (shared/src/sync MemoryStorage and SyncEngine). A chunk's
 * data goes through `engine.apply` inside `storage.atomically`, and the bundle bookkeeping (quarantine,
 * the kept chunk, the done mark) is committed only once that unit has succeeded: all of it or none of it.
 */
export function memoryBundlePort(replica: { storage: MemoryStorage; engine: SyncEngine }, options: MemoryBundlePortOptions): MemoryBundlePort {
  const { storage, engine } = replica;
  const state: MemoryBundlePort['state'] = {
    chunks: new Map(),
    done: new Map(),
    quarantine: new Map(),
    dismissed: new Set(),
    acks: {},
    certificates: new Map((options.certificates ?? []).map((certificate) => [certificate.body.deviceId, certificate])),
    revocations: options.revocations,
    logs: [],
  };

  return {
    state,
    identity: async () => options.identity,
    trust: async () => ({ issuer: options.issuer, revocations: state.revocations, isKnownDevice: options.isKnownDevice }),
    vector: () => engine.vector(),
    ownChangesAfter: (afterSeq, limit) => storage.changesAfter(engine.device, afterSeq, limit),
    storedChunks: async () => [...state.chunks.values()],
    heldKeys: (keys) => storage.heldKeys(keys),
    recordChanges: (records) => Promise.all(records.map(({ entity, recordId }) => storage.changesOfRecord(entity, recordId))),
    async processedVector() {
      const vector = await engine.vector();
      const beyond = new Map<string, Set<number>>();
      for (const key of [...state.quarantine.keys(), ...state.dismissed]) {
        const at = key.lastIndexOf(':');
        const device = key.slice(0, at);
        if (!beyond.has(device)) beyond.set(device, new Set((await storage.changesAfter(device, vector[device] ?? 0, Infinity)).map((change) => change.seq)));
        beyond.get(device)!.add(Number(key.slice(at + 1)));
      }
      return extendContiguous(vector, beyond);
    },
    preview: (changes) => previewChanges(changes, async (records) => Promise.all(records.map(async ({ entity, recordId }) => storage.changesOfRecord(entity, recordId)))),

    async applyChunk({ bundleId, resumeKey, index, chunk, keep, accept, quarantine }) {
      const key = keep ? await storedChunkKey(chunk) : undefined;
      return storage.atomically(async () => {
        const result = await engine.apply(accept);
        options.beforeCommit?.({ bundleId, index });
        // Nothing below can fail: the bookkeeping commits with the data.
        for (const entry of quarantine) state.quarantine.set(changeKey(entry.change), entry);
        if (key !== undefined && !state.chunks.has(key)) state.chunks.set(key, chunk);
        const done = state.done.get(resumeKey) ?? new Set<number>();
        done.add(index);
        state.done.set(resumeKey, done);
        return result;
      });
    },
    appliedChunks: async (resumeKey) => new Set(state.done.get(resumeKey) ?? []),

    acks: async () => Object.fromEntries(Object.entries(state.acks).map(([party, vector]) => [party, { ...vector }])),
    async raiseAcks(acks) {
      for (const [party, vector] of Object.entries(acks)) state.acks[party] = raised(state.acks[party] ?? {}, vector);
    },
    serverAck: async () => (options.signServerAck ? options.signServerAck(await engine.vector()) : state.serverAck),
    async saveServerAck(signed) {
      state.serverAck = newerServerAck(state.serverAck, signed);
      state.acks.server = raised(state.acks.server ?? {}, signed.body.vector);
    },
    knownCertificates: async () => [...state.certificates.values()],
    async saveCertificates(certificates) {
      for (const certificate of certificates) {
        const held = state.certificates.get(certificate.body.deviceId);
        if (!held || held.body.issuedAt <= certificate.body.issuedAt) state.certificates.set(certificate.body.deviceId, certificate);
      }
    },
    async saveRevocations(list) {
      state.revocations = newerRevocationList(state.revocations, list);
    },
    async log(entry) {
      state.logs.push(entry);
    },
  };
}
