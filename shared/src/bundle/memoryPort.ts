import type { DeviceCertificate } from '../api/certificate';
import { sha256Hex } from '../security/webCrypto';
import { approvalOf } from '../workflow/judge';
import { changeKey, type Change } from '../sync/change';
import type { SyncEngine } from '../sync/engine';
import type { MemoryStorage } from '../sync/memoryStorage';
import { extendContiguous, raised, type VersionVector } from '../sync/vector';
import type { SignedRevocationList } from './format';
import { newerServerAck, type SignedServerAck } from './serverAck';
import { storedChunkKey, type AttachmentInfo, type BundleIdentity, type BundleLogEntry, type BundlePort, type QuarantinedChange } from './port';
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
    /** File bytes by SHA-256 (a test puts a document's file here, as the desk's blob store would hold it). */
    blobs: Map<string, { bytes: Uint8Array; mimeType?: string }>;
    /** Files a bundle brought from another replica than the server (the desk queues them for upload). */
    uploads: Set<string>;
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
    blobs: new Map(),
    uploads: new Set(),
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
    async approvalsAbout(targets) {
      const steps = [...storage.records().values()].flatMap((record) => {
        const step = record.entity === 'approval' && !record.deleted ? approvalOf(record.recordId, record.values, record.updatedAt) : undefined;
        return step ? [step] : [];
      });
      return targets.map(({ entity, recordId }) => steps.filter((step) => step.target.entity === entity && step.target.recordId === recordId));
    },
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

    async attachmentsFor(changes) {
      const records = storage.records();
      const named = new Set<string>();
      for (const [recordId, carried] of documentsOf(changes)) {
        const record = records.get(`document:${recordId}`);
        // A document held names its file as it is now; one not applied here, as the changes say.
        const sha256 = record ? (record.deleted ? undefined : record.values.sha256) : carried;
        if (typeof sha256 === 'string') named.add(sha256);
      }
      const held: AttachmentInfo[] = [];
      const missing: string[] = [];
      for (const sha256 of named) {
        const blob = state.blobs.get(sha256);
        if (blob) held.push({ sha256, size: blob.bytes.length, ...(blob.mimeType ? { mimeType: blob.mimeType } : {}) });
        else missing.push(sha256);
      }
      return { held, missing };
    },
    readAttachment: async (sha256) => state.blobs.get(sha256)?.bytes,
    async storeAttachments(attachments, { from }) {
      let stored = 0;
      for (const { sha256, bytes, mimeType } of attachments) {
        if ((await sha256Hex(bytes)) !== sha256) throw new Error(`attachment ${sha256}: the bytes have another SHA-256`);
        if (state.blobs.has(sha256)) continue;
        state.blobs.set(sha256, { bytes, ...(mimeType ? { mimeType } : {}) });
        if (from !== 'server') state.uploads.add(sha256);
        stored += 1;
      }
      return { stored };
    },
  };
}

/** Each document these changes touch, with the file its `sha256` changes name (the latest of them, if any). */
function documentsOf(changes: readonly Change[]): Map<string, string | undefined> {
  const documents = new Map<string, string | undefined>();
  for (const change of changes) {
    if (change.entity !== 'document') continue;
    if (change.field === 'sha256' && typeof change.value === 'string') documents.set(change.recordId, change.value);
    else if (!documents.has(change.recordId)) documents.set(change.recordId, undefined);
  }
  return documents;
}
