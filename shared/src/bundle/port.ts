import type { Principal } from '../access/rules';
import type { DeviceCertificate } from '../api/certificate';
import type { Approval } from '../domain/entities/approval';
import type { RecordRef } from '../domain/scope';
import type { Change } from '../sync/change';
import type { ApplyResult } from '../sync/engine';
import type { VersionVector } from '../sync/vector';
import { sha256Hex } from '../security/webCrypto';
import { canonicalJson } from '../records/canonical';
import type { BundleManifest, SignedRevocationList } from './format';
import type { SignedServerAck } from './serverAck';
import type { BundleSigner, SignedChunk } from './types';

/**
 * A replica's side of bundle exchange (exchange.ts), as netSync's NetSyncPort is for network sync: the
 * desk implements it on IndexedDB (renderer/src/db/bundleStore.ts), the tests in memory (memoryPort.ts).
 * Everything a bundle changes goes through `applyChunk`, in one atomic unit per chunk, so an import cut
 * short resumes from the next chunk and never leaves half a chunk applied.
 */
export interface BundlePort {
  /** Who this replica is (undefined before enrollment: bundles need one). */
  identity(): Promise<BundleIdentity | undefined>;
  /** The server's certificate key this replica trusts (pinned at enrollment) and the revocations it knows. */
  trust(): Promise<{ issuer: string; revocations?: SignedRevocationList; isKnownDevice?(deviceId: string): boolean } | undefined>;

  /** The engine's version vector: what this replica holds (contiguous per device). */
  vector(): Promise<VersionVector>;
  /** This device's own changes with seq greater than `afterSeq`, in seq order, at most `limit`. */
  ownChangesAfter(afterSeq: number, limit: number): Promise<Change[]>;
  /** Signed chunks of other devices this replica holds (kept from bundles it imported), to relay. */
  storedChunks(): Promise<SignedChunk[]>;
  /** Which of these change keys (`device:seq`) are already held. */
  heldKeys(keys: readonly string[]): Promise<Set<string>>;
  /**
   * For the dry run: which of these changes' records exist here (`entity:recordId`), and how many open
   * conflicts applying the changes would add (previewChanges in preview.ts computes both from a lookup).
   */
  preview(changes: readonly Change[]): Promise<{ existing: Set<string>; newConflicts: number }>;
  /** The changes this replica holds of each record (empty: never heard of it), in one batch: the scope rule reads them. */
  recordChanges(records: readonly RecordRef[]): Promise<Change[][]>;
  /** The review steps (valid approval records) this replica holds about each record, in one batch: the workflow rules read them. */
  approvalsAbout(targets: readonly RecordRef[]): Promise<Approval[][]>;
  /**
   * What this replica has processed: the vector, raised past changes it quarantined or dismissed
   * (contiguous per device). The ack it sends: a peer moves on past them rather than resend them forever.
   */
  processedVector(): Promise<VersionVector>;

  /**
   * One chunk, atomically: apply `accept` through the one write path, quarantine `quarantine` with their
   * reasons, keep the signed chunk for relaying when `keep` (not this device's own, and within its scope),
   * and mark the chunk done under `resumeKey`. All of it or none of it.
   */
  applyChunk(input: { bundleId: string; resumeKey: string; index: number; chunk: SignedChunk; keep: boolean; accept: Change[]; quarantine: QuarantinedChange[] }): Promise<ApplyResult>;
  /**
   * Indexes of the chunks already applied under `resumeKey` (an interrupted import resumes after them).
   * The key is the bundle's manifest digest (resumeKeyOf), not its id: the exporter chooses the id.
   */
  appliedChunks(resumeKey: string): Promise<Set<number>>;

  /** What this replica knows other parties hold: `server`, or a device id. */
  acks(): Promise<Record<string, VersionVector>>;
  /** Raises the known vectors (never lowers them). */
  raiseAcks(acks: Record<string, VersionVector>): Promise<void>;
  /** The newest statement of the server's holdings this replica has (verified when it came in). */
  serverAck(): Promise<SignedServerAck | undefined>;
  /** Keeps a verified statement if newer than the one held, and raises `acks.server` from it. */
  saveServerAck(signed: SignedServerAck): Promise<void>;
  knownCertificates(): Promise<DeviceCertificate[]>;
  /** Keeps certificates checked against the trusted issuer (the newest per device wins). */
  saveCertificates(certificates: readonly DeviceCertificate[]): Promise<void>;
  /** Keeps a checked revocation list if it is newer than the one held. */
  saveRevocations(list: SignedRevocationList): Promise<void>;
  log(entry: BundleLogEntry): Promise<void>;

  /**
   * The files these `document` changes' records name (their `sha256` as held here; a deleted document
   * names none), each once: those this replica holds (`held`, with their size, so the exporter can fit
   * them in the bundle before reading any bytes) and those it does not (`missing`: left out and counted,
   * never a reason to fail the export).
   */
  attachmentsFor(changes: readonly Change[]): Promise<{ held: AttachmentInfo[]; missing: string[] }>;
  /** A held file's bytes (undefined: gone meanwhile). Read one at a time: all of them may not fit in memory. */
  readAttachment(sha256: string): Promise<Uint8Array | undefined>;
  /**
   * Keeps files a verified bundle carried (their SHA-256 checked again as they are stored), each once:
   * a file already held is left as it is. Returns how many were new here. `from` is the exporter: on a
   * desk, files from anyone but the server are also queued for upload (a coordinator relays the officers'
   * photos to the Secretariat).
   */
  storeAttachments(attachments: readonly BundleAttachment[], context: { bundleId: string; from: string }): Promise<{ stored: number }>;
}

/** A file a bundle may carry: its address and size (from the `document` record or the stored bytes). */
export interface AttachmentInfo {
  sha256: string;
  size: number;
  mimeType?: string;
}

/** A file's bytes as a bundle carries them; the media type comes from the `document` records naming it. */
export interface BundleAttachment {
  sha256: string;
  bytes: Uint8Array;
  mimeType?: string;
}

export interface BundleIdentity {
  /** How other replicas name this one in their acknowledgements: this device's id, or 'server'. */
  party: string;
  /** Whose data this replica may hold: a desk's signed-in user, the server's global view. */
  principal: Principal;
  /** This device's signer and certificate: needed to export (a replica without them only imports). */
  signer?: BundleSigner;
  certificate?: DeviceCertificate;
}

/**
 * 'out-of-scope': the originator may not change the record, or this replica may not hold it;
 * 'moves-out-of-scope': the change would take the record out of its originator's countries; 'locked': the
 * record is locked in review (submitted, approved, accepted); 'workflow': a review step its originator may
 * not take, or a change to a step (shared/src/workflow/judge.ts, as the server judges them).
 */
export type QuarantineReason = 'invalid-value' | 'unknown-field' | 'out-of-scope' | 'moves-out-of-scope' | 'locked' | 'workflow';

export interface QuarantinedChange {
  change: Change;
  reason: QuarantineReason;
  detail?: string;
  bundleId: string;
  /** The device whose bundle brought it (the exporter). */
  from?: string;
}

export interface BundleLogEntry {
  bundleId: string;
  /** 'upload': a bundle sent to the server over the network (the server's answer is in `detail`). */
  direction: 'export' | 'import' | 'upload';
  at: string;
  /** Who did it on this desk (user id or device). */
  by: string;
  /** The other side: 'server', a device id, or 'passphrase'. */
  counterpart: string;
  changes: number;
  chunks: number;
  result: 'ok' | 'nothing-new' | 'partial' | 'refused';
  /** For imports: applied, already known, quarantined. For refusals: the error code. */
  detail?: Record<string, number | string>;
  fileName?: string;
}

/** Where an import's progress is kept: the digest of the manifest (signed by the exporter), not its chosen id. */
export async function resumeKeyOf(manifest: BundleManifest): Promise<string> {
  return `${manifest.bundleId}:${(await sha256Hex(new TextEncoder().encode(canonicalJson(manifest)))).slice(0, 32)}`;
}

/** A stored chunk's identity, so that the same chunk relayed in several bundles is kept once. */
export async function storedChunkKey(chunk: Pick<SignedChunk, 'device' | 'minSeq' | 'maxSeq' | 'plain'>): Promise<string> {
  return `${chunk.device}:${chunk.minSeq}:${chunk.maxSeq}:${(await sha256Hex(chunk.plain)).slice(0, 32)}`;
}
