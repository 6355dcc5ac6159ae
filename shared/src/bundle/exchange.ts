import { allowedAuthors, principalOfCertificate } from '../access/authors';
import { canSee, type Principal } from '../access/rules';
import type { DeviceCertificate } from '../api/certificate';
import { changeKey, type Change } from '../sync/change';
import type { ApplyResult } from '../sync/engine';
import { checkFieldValue } from '../sync/fieldValues';
import { raised, type VersionVector } from '../sync/vector';
import { canonicalJson } from '../records/canonical';
import { sha256Hex } from '../security/webCrypto';
import { decodeChunk } from './chunk';
import { openBundle, readManifest, writeBundle } from './codec';
import { isBundleError, type BundleError } from './errors';
import { bundleFileExtension, bundleLimits, type BundleManifest, type SignedRevocationList } from './format';
import { judgeScopes, type ScopeRun } from './importScope';
import { judgeImportWorkflow } from './importWorkflow';
import { resumeKeyOf, type BundleAttachment, type BundleIdentity, type BundleLogEntry, type BundlePort, type QuarantinedChange, type QuarantineReason } from './port';
import { revokedDeviceIds } from './revocations';
import { reservedDeviceIds, type SignedServerAck } from './serverAck';
import { sealChunks } from './seal';
import type { BundleKey, BundleProgress, BundleRecipient, OpenedBundle, SignedChunk } from './types';

/**
 * What a replica puts in a bundle and how it takes one in (docs/bundle-format.md § Exchange), over a
 * BundlePort so that the desk (IndexedDB), the server and the tests (memory) share it:
 * - `exportBundle`: the changes the recipient may lack (beyond what it acknowledged, or everything), cut to
 *   its countries: this device's own changes sealed now, and the signed chunks of other devices this
 *   replica keeps from bundles it imported (relayed verbatim), with what this replica has processed and
 *   the newest signed statement of the server's holdings, and the files the bundle's `document` records
 *   name (as many as the file's limit allows); `recordExport` logs it once it is saved;
 * - `prepareImport`: every check of the format (openBundle), then a dry run: what is new, known,
 *   conflicting, or to be quarantined (an invalid value; a change the review workflow refuses, as the
 *   server would, importWorkflow.ts; a record its originator may not change, judged on the countries this
 *   replica computes, importScope.ts; a record outside this desk's countries);
 * - `applyImport`: first the files the bundle carries (verified by openBundle, kept once), then chunk by
 *   chunk, each atomic and marked done, so an interrupted import resumes; then the acknowledgements,
 *   certificates and revocations the bundle brought.
 */

export interface BundleScope {
  global: boolean;
  countries: readonly string[];
}

/** The file bytes a bundle carries by default (ExportOptions.maxAttachmentBytes): 150 MiB. */
export const defaultAttachmentBudgetBytes = 150 * 1024 * 1024;

export interface ExportOptions {
  recipient: BundleRecipient;
  /**
   * Whose acknowledged vector gives the delta: 'server' or a device id. Defaults to the recipient's
   * ('server', or the device); a passphrase bundle without one carries everything.
   */
  party?: string;
  /** The recipient's countries: nothing outside them goes into the bundle. */
  recipientScope: BundleScope;
  /** Everything in the recipient's scope, not only what it has not acknowledged. */
  full?: boolean;
  /**
   * Only the signed chunks of other devices this replica relays, none of its own changes: a desk that
   * syncs by network relays its officers' changes to the server in a bundle and pushes its own.
   */
  relayOnly?: boolean;
  /** Changes per sealed chunk (default: the format's); tests use small ones to have many chunks. */
  chunkChanges?: number;
  /**
   * The largest file to write (default, and at most, the format's `bundleLimits.maxFileBytes`): files
   * that would pass it are left out, the largest first. Tests use a small one.
   */
  maxFileBytes?: number;
  /**
   * The most file bytes (attachments) one bundle carries, default `defaultAttachmentBudgetBytes`: the writer
   * holds them, their sealed parts and the zip in memory at once. What does not fit is left out and counted
   * as oversize (a later bundle, or network sync, brings it).
   */
  maxAttachmentBytes?: number;
  onProgress?: (progress: BundleProgress) => void;
  now?: () => Date;
}

export interface ExportSummary {
  /** Changes in the bundle, and how many of them are this device's own (the rest are relayed). */
  changes: number;
  ownChanges: number;
  chunks: number;
  relayedChunks: number;
  /** Relayed chunks left out because the signer's certificate is unknown here or its device is revoked. */
  skippedUnknownSigner: number;
  skippedRevokedSigner: number;
  /** This device's own changes outside its own countries (the reader would refuse the whole bundle). */
  skippedOutsideOwnScope: number;
  /** This device's own changes made by someone else than its certificate's user (enrolled before by another person). */
  skippedOtherAuthor: number;
  /** Files the bundle carries: those named by the `document` records whose changes it carries. */
  attachments: number;
  /** Files such a document names that this replica does not hold (or holds damaged): left out. */
  skippedMissingAttachments: number;
  /** Files left out because they would not fit in the bundle's size limit (the largest go first). */
  skippedOversizeAttachments: number;
  /** What the delta was computed from (empty: a full bundle). */
  since: VersionVector;
}

export interface ExportResult {
  bytes: Uint8Array;
  manifest: BundleManifest;
  /** e.g. step-TH-1a2b3c4d-20260301-1415.stepbundle */
  fileName: string;
  summary: ExportSummary;
  /** The log entry to write once the file is saved (recordExport). */
  log: BundleLogEntry;
}

export interface RejectedChange {
  recordId: string;
  entity: Change['entity'];
  field: string;
  reason: QuarantineReason;
  detail?: string;
}

export interface ImportSummary {
  bundleId: string;
  createdAt: string;
  /** The exporting device, as its certificate names it. */
  exporter: { deviceId: string; displayName?: string; role?: string; countries?: readonly string[] };
  /** Records this desk has never held that the bundle creates, and held records it changes. */
  newRecords: number;
  updatedRecords: number;
  /** Conflicts applying it would open. */
  conflicts: number;
  /** Changes already held (from this bundle before, another bundle, or network sync). */
  alreadyKnown: number;
  /** Changes that will be quarantined, with why: never applied, never dropped, listed for review. */
  rejected: RejectedChange[];
  toApply: number;
  chunks: number;
  /** Chunks already applied by an earlier, interrupted import of this very bundle. */
  doneChunks: number;
  /** Files the bundle carries (verified; those already held here are kept as they are). */
  attachments: number;
}

export interface PlannedChunk {
  index: number;
  chunk: SignedChunk;
  /** Keep the signed chunk to relay it (not this device's own, and within its countries). */
  keep: boolean;
  accept: Change[];
  quarantine: QuarantinedChange[];
  known: number;
  done: boolean;
}

export interface ImportPlan {
  manifest: BundleManifest;
  /** Where the progress of this import is kept (resumeKeyOf). */
  resumeKey: string;
  /** The server's holdings as the bundle carries them, verified against the pinned server key. */
  serverAck?: SignedServerAck;
  /** Who the bundle came from, and who on this desk is importing it. */
  exporter: string;
  importer: BundleIdentity;
  certificates: DeviceCertificate[];
  revocations?: SignedRevocationList;
  chunks: PlannedChunk[];
  /** The files the bundle carries, verified against the manifest, with the media type its documents give. */
  attachments: BundleAttachment[];
  summary: ImportSummary;
  fileName?: string;
}

export interface ImportOptions {
  onProgress?: (progress: BundleProgress) => void;
  /** For the log. */
  fileName?: string;
}

export interface ImportResult {
  bundleId: string;
  result: 'ok' | 'nothing-new' | 'partial';
  applied: number;
  /** Changes already held when their chunk was applied. */
  alreadyKnown: number;
  quarantined: number;
  chunksApplied: number;
  /** Chunks skipped because an earlier import of this bundle had applied them. */
  chunksSkipped: number;
  /** Files the bundle carried that were new here (a second import stores none). */
  attachmentsStored: number;
  clockWarnings: ApplyResult['clockWarnings'];
}

/** Own changes are read in pages of this many. */
const readPage = 5_000;

const visibleTo = (scope: BundleScope, countries: readonly string[]) => scope.global || countries.some((country) => scope.countries.includes(country));
const principalOf = principalOfCertificate;

const pad = (n: number) => String(n).padStart(2, '0');

/** A file name that says whose, from where and when: step-TH-1a2b3c4d-20260301-1415.stepbundle (local time). */
export function bundleFileName(exporter: { deviceId: string; principal: Principal }, at: Date): string {
  const where = exporter.principal.role === 'secretariat' || exporter.principal.role === 'admin' ? 'ALL' : exporter.principal.countries.join('-') || 'XX';
  // Device ids are UUIDv7 on desks: their start is the minting time, shared by devices made together.
  const device = exporter.deviceId.replace(/[^A-Za-z0-9]/g, '').slice(-8) || 'device';
  const when = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `step-${where}-${device}-${when}${bundleFileExtension}`;
}

const defaultParty = (recipient: BundleRecipient) => (recipient.kind === 'server' ? 'server' : recipient.kind === 'device' ? recipient.deviceId : undefined);
const counterpartOf = (recipient: { kind: string; deviceId?: string }) => (recipient.kind === 'device' ? (recipient.deviceId ?? 'device') : recipient.kind);

async function requireIdentity(port: BundlePort): Promise<BundleIdentity> {
  const identity = await port.identity();
  if (!identity) throw new Error('bundles need an enrolled device');
  return identity;
}

/** Writes a bundle for `recipient` and logs it. The file is not saved here (the caller knows where). */
export async function exportBundle(port: BundlePort, options: ExportOptions): Promise<ExportResult> {
  const progress = (phase: BundleProgress['phase'], done: number, total: number) => options.onProgress?.({ phase, done, total });
  const identity = await requireIdentity(port);
  const { signer, certificate } = identity;
  if (!signer || !certificate) throw new Error('only an enrolled device exports bundles');
  const me = signer.deviceId;
  const own = principalOf(certificate);
  const [vector, processed, acks, trust, known, serverAck] = await Promise.all([port.vector(), port.processedVector(), port.acks(), port.trust(), port.knownCertificates(), port.serverAck()]);
  const party = options.party ?? defaultParty(options.recipient);
  const since: VersionVector = options.full || party === undefined ? {} : { ...(acks[party] ?? {}) };
  const recipientDevice = options.recipient.kind === 'device' ? options.recipient.deviceId : undefined;
  const summary: ExportSummary = {
    changes: 0,
    ownChanges: 0,
    chunks: 0,
    relayedChunks: 0,
    skippedUnknownSigner: 0,
    skippedRevokedSigner: 0,
    skippedOutsideOwnScope: 0,
    skippedOtherAuthor: 0,
    attachments: 0,
    skippedMissingAttachments: 0,
    skippedOversizeAttachments: 0,
    since,
  };

  // This device's own changes beyond what the recipient acknowledged, within its countries, sealed now.
  const ownChanges: Change[] = [];
  // The reader accepts a device's changes only in the name of the device or of its certificate's user.
  const authors = new Set(allowedAuthors({ deviceId: me, userId: certificate.body.userId }));
  const from = since[me] ?? 0;
  const ownTotal = options.relayOnly ? 0 : Math.max(0, (vector[me] ?? 0) - from);
  progress('seal', 0, ownTotal);
  for (let after = from; !options.relayOnly; ) {
    const page = await port.ownChangesAfter(after, readPage);
    if (page.length === 0) break;
    after = page.at(-1)!.seq;
    for (const change of page) {
      if (!visibleTo(options.recipientScope, change.scope)) continue;
      if (!canSee(own, change.scope)) summary.skippedOutsideOwnScope += 1;
      else if (!authors.has(change.author)) summary.skippedOtherAuthor += 1;
      else ownChanges.push(change);
    }
    progress('seal', Math.min(after - from, ownTotal), ownTotal);
  }
  const sealed = await sealChunks(signer, ownChanges, { maxChanges: options.chunkChanges });
  progress('seal', ownTotal, ownTotal);

  // Chunks of other devices kept from imported bundles, passed on as they were signed.
  const certificates = new Map<string, DeviceCertificate>(known.map((held) => [held.body.deviceId, held]));
  const revoked = revokedDeviceIds(trust?.revocations);
  const relayed: SignedChunk[] = [];
  for (const chunk of await port.storedChunks()) {
    if (chunk.device === me || chunk.device === recipientDevice) continue;
    if (chunk.maxSeq <= (since[chunk.device] ?? 0)) continue;
    if (!visibleTo(options.recipientScope, chunk.scope) || !canSee(own, chunk.scope)) continue;
    const signerCertificate = certificates.get(chunk.device);
    if (!signerCertificate) summary.skippedUnknownSigner += 1;
    else if (revoked.has(chunk.device)) summary.skippedRevokedSigner += 1;
    // The originator must have been able to see it too, or the reader refuses the whole bundle.
    else if (canSee(principalOf(signerCertificate), chunk.scope)) relayed.push(chunk);
  }
  relayed.sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : a.minSeq - b.minSeq || a.maxSeq - b.maxSeq));

  const chunks = [...sealed, ...relayed];
  const signers = new Set(relayed.map((chunk) => chunk.device));
  const carried = [certificate, ...[...signers].sort().map((device) => certificates.get(device) as DeviceCertificate)];
  // What the recipient holds once it has this bundle: at least what the chunks reach.
  let upTo = { ...vector };
  for (const chunk of chunks) upTo = raised(upTo, { [chunk.device]: chunk.maxSeq });
  const now = options.now ?? (() => new Date());
  const createdAt = now();

  // The files the bundle's documents name, as many as fit in what the file may still hold.
  const maxFileBytes = Math.min(options.maxFileBytes ?? bundleLimits.maxFileBytes, bundleLimits.maxFileBytes);
  const fixed = fixedBytes({ chunks, certificates: { certificates: carried, revocations: trust?.revocations, serverAck }, vectors: { since, upTo, processed } });
  const attachments = await attachmentsToCarry(port, [...ownChanges, ...relayed.flatMap(documentChangesOf)], {
    room: Math.min(maxFileBytes - fixed, options.maxAttachmentBytes ?? defaultAttachmentBudgetBytes),
    parts: bundleLimits.maxParts - 1 - chunks.length,
    summary,
  });

  const bytes = await writeBundle({
    exporter: signer,
    certificates: carried,
    revocations: trust?.revocations,
    recipient: options.recipient,
    scope: { global: options.recipientScope.global, countries: [...options.recipientScope.countries] },
    since,
    upTo,
    // What it has processed (held, quarantined or dismissed): the recipient moves on past those.
    ack: processed,
    // Claims about third parties travel only signed by the server; the reader checks the signature.
    serverAck,
    chunks,
    attachments,
    now: () => createdAt,
    onProgress: options.onProgress,
  });
  const manifest = readManifest(bytes)!;
  summary.chunks = chunks.length;
  summary.relayedChunks = relayed.length;
  summary.ownChanges = ownChanges.length;
  summary.changes = manifest.counts.changes;
  summary.attachments = manifest.counts.attachments;
  const fileName = bundleFileName({ deviceId: me, principal: identity.principal }, createdAt);
  const log: BundleLogEntry = {
    bundleId: manifest.bundleId,
    direction: 'export',
    at: createdAt.toISOString(),
    by: identity.principal.userId,
    counterpart: counterpartOf(options.recipient),
    changes: summary.changes,
    chunks: summary.chunks,
    result: 'ok',
    detail: {
      own: summary.ownChanges,
      relayedChunks: summary.relayedChunks,
      full: options.full ? 1 : 0,
      ...(summary.attachments > 0 ? { attachments: summary.attachments } : {}),
      ...(summary.skippedMissingAttachments > 0 ? { missingAttachments: summary.skippedMissingAttachments } : {}),
      ...(summary.skippedOversizeAttachments > 0 ? { oversizeAttachments: summary.skippedOversizeAttachments } : {}),
    },
    fileName,
  };
  return { bytes, manifest, fileName, summary, log };
}

/**
 * What a zip entry costs besides its bytes, at most: its local and central headers with the name (about
 * 110 bytes) and its entry in the manifest (about 450 bytes for a chunk, with its signature).
 */
const perPartBytes = 1024;
/** The manifest's fixed fields, its signature, the zip's end record: well within this. */
const reservedBytes = 64 * 1024;
/** AES-GCM's tag: a part is stored as at most its plaintext and this (deflate is kept only when smaller). */
const tagBytes = 16;

/** An upper bound on the bytes of a bundle without its attachments. */
function fixedBytes(input: { chunks: readonly SignedChunk[]; certificates: unknown; vectors: unknown }): number {
  const encoder = new TextEncoder();
  const part = (plain: number) => plain + tagBytes + perPartBytes;
  return (
    reservedBytes +
    part(encoder.encode(canonicalJson(input.certificates)).length) +
    input.chunks.reduce((sum, chunk) => sum + part(chunk.plain.length), 0) +
    encoder.encode(canonicalJson(input.vectors)).length
  );
}

/** The `document` changes of a relayed chunk (verified when it was imported; one that does not decode names no file). */
function documentChangesOf(chunk: SignedChunk): Change[] {
  try {
    return decodeChunk(chunk.plain).changes.filter((change) => change.entity === 'document');
  } catch {
    return [];
  }
}

/**
 * The files the documents of these changes name that this replica holds, the smallest first while they
 * fit in `room` bytes and `parts` entries: the largest are left out (skippedOversizeAttachments), as are
 * files not held or whose bytes no longer have their SHA-256 (skippedMissingAttachments). Bytes are read
 * one file at a time, only for the files that go in.
 */
async function attachmentsToCarry(port: BundlePort, changes: readonly Change[], limits: { room: number; parts: number; summary: ExportSummary }): Promise<BundleAttachment[]> {
  const documents = changes.filter((change) => change.entity === 'document');
  if (documents.length === 0) return [];
  const { held, missing } = await port.attachmentsFor(documents);
  const { summary } = limits;
  summary.skippedMissingAttachments += missing.length;
  let room = limits.room;
  let parts = limits.parts;
  const carried: BundleAttachment[] = [];
  const seen = new Set<string>();
  const bySize = [...held].sort((a, b) => a.size - b.size || (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
  for (const info of bySize) {
    if (seen.has(info.sha256)) continue;
    seen.add(info.sha256);
    const fits = (size: number) => parts > 0 && size <= bundleLimits.maxPartPlainBytes && size + tagBytes + perPartBytes <= room;
    if (!fits(info.size)) {
      summary.skippedOversizeAttachments += 1;
      continue;
    }
    const bytes = await port.readAttachment(info.sha256);
    // Gone meanwhile, or damaged on this disk: the writer would refuse the whole bundle for it.
    if (!bytes || (await sha256Hex(bytes)) !== info.sha256) {
      summary.skippedMissingAttachments += 1;
      continue;
    }
    // The size the record gave was not the file's.
    if (!fits(bytes.length)) {
      summary.skippedOversizeAttachments += 1;
      continue;
    }
    room -= bytes.length + tagBytes + perPartBytes;
    parts -= 1;
    carried.push({ sha256: info.sha256, bytes, ...(info.mimeType ? { mimeType: info.mimeType } : {}) });
  }
  return carried;
}

/** Logs an exported bundle once it is saved (a file, a drive): a bundle never saved is not in the log. */
export async function recordExport(port: BundlePort, exported: Pick<ExportResult, 'log'>, saved: { fileName?: string; at?: Date } = {}): Promise<void> {
  await port.log({ ...exported.log, at: (saved.at ?? new Date()).toISOString(), fileName: saved.fileName ?? exported.log.fileName });
}

/**
 * Opens and checks a bundle (every check before anything is applied; a failure is a BundleError, logged
 * as refused), then works out what applying it would do, without applying anything.
 */
export async function prepareImport(port: BundlePort, bytes: Uint8Array, key: BundleKey, options: ImportOptions = {}): Promise<ImportPlan> {
  const identity = await requireIdentity(port);
  const trust = await port.trust();
  if (!trust) throw new Error('bundles need an enrolled device: no trusted server key');
  let opened: OpenedBundle;
  try {
    opened = await openBundle(bytes, {
      key,
      trust: { issuer: trust.issuer, revoked: revokedDeviceIds(trust.revocations), isKnownDevice: trust.isKnownDevice },
      onProgress: options.onProgress,
    });
  } catch (error) {
    // Asking for the passphrase is a question, not a refusal.
    if (isBundleError(error) && error.code !== 'passphrase-needed') await logRefusal(port, identity, bytes, error, options.fileName);
    throw error;
  }
  const { manifest } = opened;
  const resumeKey = await resumeKeyOf(manifest);
  const done = await port.appliedChunks(resumeKey);
  const held = await port.heldKeys([...new Set(opened.chunks.flatMap((chunk) => chunk.changes.map(changeKey)))]);
  const principal = identity.principal;
  const from = manifest.exporter.deviceId;
  const bundleId = manifest.bundleId;

  // First the field values, then, per originating device, the access rules on the records' countries.
  const seen = new Set<string>();
  const runs = new Map<string, ScopeRun & { changes: Change[]; carried: Change[] }>();
  const planned: PlannedChunk[] = opened.chunks.map((chunk, index) => {
    const { changes, ...signed } = chunk;
    const plan: PlannedChunk = { index, chunk: signed, keep: chunk.device !== identity.party && canSee(principal, chunk.scope), accept: [], quarantine: [], known: 0, done: done.has(index) };
    let run = runs.get(chunk.device);
    if (!run) {
      const certificate = opened.certificates.get(chunk.device);
      runs.set(chunk.device, (run = { principal: certificate && principalOf(certificate), changes: [], carried: [] }));
    }
    for (const change of changes) {
      const key = changeKey(change);
      if (held.has(key) || seen.has(key)) {
        plan.known += 1;
        // Applied by an interrupted import of this bundle: judged again with the rest, as the first time.
        if (plan.done && !seen.has(key)) run.carried.push(change);
        seen.add(key);
        continue;
      }
      seen.add(key);
      const check = checkFieldValue(change.entity, change.field, change.value);
      if (!check.ok) plan.quarantine.push({ change, reason: check.reason, detail: check.detail, bundleId, from });
      else {
        plan.accept.push(change);
        run.changes.push(change);
      }
    }
    return plan;
  });
  // The review workflow first, as the server judges it (edits of locked records, steps not the originator's to take).
  const workflow = await judgeImportWorkflow({ runs, port });
  for (const run of runs.values()) run.changes = run.changes.filter((change) => !workflow.has(changeKey(change)));
  const refused = await judgeScopes({ importer: principal, runs: [...runs.values()], recordChanges: (records) => port.recordChanges(records) });
  for (const plan of planned) {
    plan.accept = plan.accept.filter((change) => {
      const refusal = workflow.get(changeKey(change)) ?? refused.get(changeKey(change));
      if (refusal) plan.quarantine.push({ change, reason: refusal.reason, detail: refusal.detail, bundleId, from });
      return !refusal;
    });
  }

  const accepted = planned.flatMap((plan) => plan.accept);
  const preview = accepted.length > 0 ? await port.preview(accepted) : { existing: new Set<string>(), newConflicts: 0 };
  const records = new Set(accepted.map((change) => `${change.entity}:${change.recordId}`));
  const exporterCertificate = opened.certificates.get(manifest.exporter.deviceId);
  const summary: ImportSummary = {
    bundleId: manifest.bundleId,
    createdAt: manifest.createdAt,
    exporter: {
      deviceId: manifest.exporter.deviceId,
      displayName: exporterCertificate?.body.displayName,
      role: exporterCertificate?.body.role,
      countries: exporterCertificate?.body.countries,
    },
    newRecords: [...records].filter((record) => !preview.existing.has(record)).length,
    updatedRecords: [...records].filter((record) => preview.existing.has(record)).length,
    conflicts: preview.newConflicts,
    alreadyKnown: planned.reduce((sum, plan) => sum + plan.known, 0),
    rejected: planned.flatMap((plan) =>
      plan.quarantine.map(({ change, reason, detail }) => ({ recordId: change.recordId, entity: change.entity, field: change.field, reason, detail })),
    ),
    toApply: accepted.length,
    chunks: planned.length,
    doneChunks: planned.filter((plan) => plan.done).length,
    attachments: opened.attachments.size,
  };
  const mimeTypes = mimeTypesOf(opened.chunks.flatMap((chunk) => chunk.changes));
  const attachments = [...opened.attachments].map(([sha256, bytes]): BundleAttachment => {
    const mimeType = mimeTypes.get(sha256);
    return { sha256, bytes, ...(mimeType ? { mimeType } : {}) };
  });
  return {
    manifest,
    resumeKey,
    serverAck: opened.serverAck,
    exporter: manifest.exporter.deviceId,
    importer: identity,
    certificates: [...opened.certificates.values()],
    revocations: opened.revocations,
    chunks: planned,
    attachments,
    summary,
    fileName: options.fileName,
  };
}

/** The media type the bundle's `document` changes give each file (by its SHA-256), where they give one. */
function mimeTypesOf(changes: readonly Change[]): Map<string, string> {
  const documents = new Map<string, { sha256?: string; mimeType?: string }>();
  for (const change of changes) {
    if (change.entity !== 'document' || (change.field !== 'sha256' && change.field !== 'mimeType') || typeof change.value !== 'string') continue;
    const document = documents.get(change.recordId) ?? {};
    document[change.field] = change.value;
    documents.set(change.recordId, document);
  }
  const types = new Map<string, string>();
  for (const { sha256, mimeType } of documents.values()) if (sha256 && mimeType && !types.has(sha256)) types.set(sha256, mimeType);
  return types;
}

async function logRefusal(port: BundlePort, identity: BundleIdentity, bytes: Uint8Array, error: BundleError, fileName?: string) {
  const manifest = readManifest(bytes);
  await port.log({
    bundleId: manifest?.bundleId ?? '',
    direction: 'import',
    at: new Date().toISOString(),
    by: identity.principal.userId,
    counterpart: manifest?.exporter.deviceId ?? 'unknown',
    changes: manifest?.counts.changes ?? 0,
    chunks: manifest?.counts.chunks ?? 0,
    result: 'refused',
    detail: { code: error.code, ...error.params },
    fileName,
  });
}

/**
 * Applies a prepared bundle chunk by chunk (each atomic, each marked done: an import cut short resumes
 * with the next chunk), then takes in what it says: the exporter has processed `ack`; the server holds
 * what its signed statement says; certificates and a newer revocation list are kept. Applying twice changes nothing.
 */
export async function applyImport(port: BundlePort, plan: ImportPlan, options: { onProgress?: (progress: BundleProgress) => void } = {}): Promise<ImportResult> {
  const { manifest } = plan;
  const bundleId = manifest.bundleId;
  const done = await port.appliedChunks(plan.resumeKey);
  const result: ImportResult = { bundleId, result: 'nothing-new', applied: 0, alreadyKnown: 0, quarantined: 0, chunksApplied: 0, chunksSkipped: 0, attachmentsStored: 0, clockWarnings: [] };
  // The files first (verified with the rest by prepareImport): a document applied below finds its bytes.
  // Each is kept once, so a resumed or repeated import stores nothing again.
  if (plan.attachments.length > 0) result.attachmentsStored = (await port.storeAttachments(plan.attachments, { bundleId, from: plan.exporter })).stored;
  const total = plan.chunks.length;
  options.onProgress?.({ phase: 'apply', done: 0, total });
  for (const [at, planned] of plan.chunks.entries()) {
    if (done.has(planned.index)) result.chunksSkipped += 1;
    else {
      const applied = await port.applyChunk({ bundleId, resumeKey: plan.resumeKey, index: planned.index, chunk: planned.chunk, keep: planned.keep, accept: planned.accept, quarantine: planned.quarantine });
      result.applied += applied.applied;
      result.alreadyKnown += planned.known + applied.duplicates;
      result.quarantined += planned.quarantine.length + applied.rejected.length;
      result.clockWarnings.push(...applied.clockWarnings);
      result.chunksApplied += 1;
    }
    options.onProgress?.({ phase: 'apply', done: at + 1, total });
  }

  // The exporter speaks for itself only; what the server holds is believed only as the server signed it.
  if (plan.exporter !== plan.importer.party && !reservedDeviceIds.includes(plan.exporter)) await port.raiseAcks({ [plan.exporter]: manifest.ack });
  if (plan.serverAck) await port.saveServerAck(plan.serverAck);
  if (plan.certificates.length > 0) await port.saveCertificates(plan.certificates);
  if (plan.revocations) await port.saveRevocations(plan.revocations);

  result.result = result.quarantined > 0 ? 'partial' : result.applied > 0 || result.attachmentsStored > 0 ? 'ok' : 'nothing-new';
  await port.log({
    bundleId,
    direction: 'import',
    at: new Date().toISOString(),
    by: plan.importer.principal.userId,
    counterpart: plan.exporter,
    changes: manifest.counts.changes,
    chunks: manifest.counts.chunks,
    result: result.result,
    detail: {
      applied: result.applied,
      alreadyKnown: result.alreadyKnown,
      quarantined: result.quarantined,
      chunksSkipped: result.chunksSkipped,
      ...(result.attachmentsStored > 0 ? { attachmentsStored: result.attachmentsStored } : {}),
    },
    fileName: plan.fileName,
  });
  return result;
}

/**
 * This device's changes, and how many of them the Secretariat is known to hold (by network sync, or by
 * acknowledgements that came back in bundles): "your changes that reached the Secretariat".
 */
export async function ownReachedSecretariat(port: BundlePort): Promise<{ own: number; reached: number }> {
  const identity = await port.identity();
  if (!identity) return { own: 0, reached: 0 };
  const [vector, acks] = await Promise.all([port.vector(), port.acks()]);
  const own = vector[identity.party] ?? 0;
  return { own, reached: Math.min(own, acks.server?.[identity.party] ?? 0) };
}

/** After a network sync round: the server said it has this device's changes up to `received`. */
export async function acknowledgeServerReceived(port: BundlePort, device: string, received: number): Promise<void> {
  if (received > 0) await port.raiseAcks({ server: { [device]: received } });
}
