import { isGlobalRole } from '@shared/access/rules';
import { createApiClient, type AbortSignalLike, type FetchLike } from '@shared/api/client';
import type { BundleImportResponse } from '@shared/api/contract';
import { bundleMimeType, type Drive } from '@shared/bridge/contract';
import { inspectBundle } from '@shared/bundle/codec';
import { BundleError } from '@shared/bundle/errors';
import { applyImport, exportBundle, prepareImport, recordExport, type BundleScope, type ExportSummary, type RejectedChange } from '@shared/bundle/exchange';
import { bundleLimits, type BundleManifest } from '@shared/bundle/format';
import type { BundleLogEntry } from '@shared/bundle/port';
import { revokedDeviceIds } from '@shared/bundle/revocations';
import { verifyServerAck } from '@shared/bundle/serverAck';
import type { BundleKey, BundleProgress, BundleRecipient } from '@shared/bundle/types';
import type { VersionVector } from '@shared/sync/vector';
import { getBridge } from '../../bridge';
import type { QuarantineItem } from '../../db/bundleStore';
import { getStore } from '../../db/store';
import { bumpBundlesRevision } from './bundlesStore';
import { knownDevices, type KnownDevice, type RecipientValue } from './exportModel';
import { sortLog } from './logModel';

export type { RejectedChange };
export type { QuarantineItem } from '../../db/bundleStore';

/**
 * The Bundles page's one way into bundles: exporting, inspecting, importing, uploading to the server,
 * the log, the acknowledgements and the quarantine. The format and the exchange live in shared/bundle,
 * the data in db/bundleStore; this file joins them to the bridge (drives, files) and the server, and
 * bumps the page's revision after anything that changes what its cards show.
 */

export interface BundleContext {
  /** This computer has a certificate: without one it cannot sign a bundle, nor check one. */
  enrolled: boolean;
  selfDeviceId: string;
  /** Who signed in at enrollment: the log says "you" for them. */
  userId?: string;
  /** The server's X25519 key, pinned at enrollment: bundles for the Secretariat are encrypted to it. */
  serverKey?: string;
  /** Devices known from certificates (this one left out), newest certificate each. */
  devices: KnownDevice[];
}

export interface ExportRequest {
  recipient: RecipientValue;
  passphrase?: string;
  full: boolean;
}

export interface MadeBundle {
  bundleId: string;
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  changes: number;
  recipient: RecipientValue;
  /** What was left out, and why (shown with the result). */
  skipped: Pick<
    ExportSummary,
    'skippedUnknownSigner' | 'skippedRevokedSigner' | 'skippedOutsideOwnScope' | 'skippedOtherAuthor' | 'skippedMissingAttachments' | 'skippedOversizeAttachments'
  >;
  /** Logged once the file is saved (recordExport). */
  log: BundleLogEntry;
}

export interface InspectedBundle {
  fileName: string;
  bytes: Uint8Array;
  manifest: BundleManifest;
}

export interface DryRun {
  newRecords: number;
  updatedRecords: number;
  conflicts: number;
  known: number;
  rejected: RejectedChange[];
  toApply: number;
  /** The exporter as its certificate (checked now) names it. */
  exporter: { deviceId: string; displayName?: string };
}

export interface ImportOutcome {
  result: BundleLogEntry['result'];
  applied: number;
  known: number;
  quarantined: number;
}

export interface PreparedImport {
  dryRun: DryRun;
  apply(onProgress: (progress: BundleProgress) => void): Promise<ImportOutcome>;
}

export interface AcksView {
  selfDeviceId: string;
  /** How many changes this device has made (its own entry of its vector). */
  own: number;
  acks: Record<string, VersionVector>;
}

// ---- this desk ----

export async function loadBundleContext(): Promise<BundleContext> {
  const { serverSync, repository, bundles } = getStore();
  const [enrollment, selfDeviceId, certificates, trust] = await Promise.all([serverSync.loadEnrollment(), repository.deviceId(), bundles.port.knownCertificates(), bundles.port.trust()]);
  return {
    enrolled: Boolean(enrollment),
    selfDeviceId,
    userId: enrollment?.user.id,
    serverKey: enrollment?.serverEncryptionPublicKey,
    devices: knownDevices(certificates, selfDeviceId, revokedDeviceIds(trust?.revocations)),
  };
}

// ---- export ----

/** The bridge takes bytes over a plain ArrayBuffer; copied only in the rare case they are not. */
const plainBytes = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => (bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes));

const globalScope: BundleScope = { global: true, countries: [] };

/** The countries a bundle is cut to: the recipient's, or for a passphrase (someone unnamed) this desk's own. */
async function recipientOf(request: ExportRequest): Promise<{ recipient: BundleRecipient; scope: BundleScope }> {
  const { serverSync, repository, bundles } = getStore();
  const enrollment = await serverSync.loadEnrollment();
  if (!enrollment) throw new Error('this computer is not enrolled');
  if (request.recipient === 'server') {
    if (!enrollment.serverEncryptionPublicKey) throw new Error("the server's encryption key is not known");
    return { recipient: { kind: 'server', encryptionKey: enrollment.serverEncryptionPublicKey }, scope: globalScope };
  }
  if (request.recipient === 'passphrase') {
    if (!request.passphrase) throw new Error('a passphrase is needed');
    const { role, countries } = enrollment.user;
    return { recipient: { kind: 'passphrase', passphrase: request.passphrase }, scope: isGlobalRole(role) ? globalScope : { global: false, countries } };
  }
  const deviceId = request.recipient.slice('device:'.length);
  const device = knownDevices(await bundles.port.knownCertificates(), await repository.deviceId()).find((known) => known.deviceId === deviceId);
  if (!device?.encryptionKey) throw new Error('this computer has no encryption key for that device');
  return {
    recipient: { kind: 'device', deviceId, encryptionKey: device.encryptionKey },
    scope: isGlobalRole(device.role) ? globalScope : { global: false, countries: device.countries },
  };
}

export async function makeBundle(request: ExportRequest, onProgress: (progress: BundleProgress) => void): Promise<MadeBundle> {
  const { recipient, scope } = await recipientOf(request);
  try {
    const made = await exportBundle(getStore().bundles.port, { recipient, recipientScope: scope, full: request.full, onProgress });
    const { skippedUnknownSigner, skippedRevokedSigner, skippedOutsideOwnScope, skippedOtherAuthor, skippedMissingAttachments, skippedOversizeAttachments } = made.summary;
    return {
      bundleId: made.manifest.bundleId,
      bytes: plainBytes(made.bytes),
      fileName: made.fileName,
      changes: made.summary.changes,
      recipient: request.recipient,
      skipped: { skippedUnknownSigner, skippedRevokedSigner, skippedOutsideOwnScope, skippedOtherAuthor, skippedMissingAttachments, skippedOversizeAttachments },
      log: made.log,
    };
  } finally {
    bumpBundlesRevision();
  }
}

/** The removable drives, or undefined where drives cannot be listed (a plain browser). */
export async function listDrives(): Promise<Drive[] | undefined> {
  const answer = await getBridge().invoke('drives:list', undefined);
  return answer.supported ? answer.drives : undefined;
}

/** An export is logged once it is on a drive or in a file: a failed or cancelled save logs nothing. */
async function logSaved(bundle: MadeBundle, fileName: string | undefined): Promise<void> {
  await recordExport(getStore().bundles.port, bundle, { fileName });
  bumpBundlesRevision();
}

export async function writeToDrive(bundle: MadeBundle, drive: Drive): Promise<{ fileName: string }> {
  const written = await getBridge().invoke('bundle:writeToDrive', { driveId: drive.id, fileName: bundle.fileName, data: bundle.bytes });
  await logSaved(bundle, written.fileName);
  return { fileName: written.fileName };
}

export async function saveElsewhere(bundle: MadeBundle): Promise<{ saved: boolean; fileName?: string }> {
  const result = await getBridge().invoke('files:saveAs', { suggestedName: bundle.fileName, mimeType: bundleMimeType, data: bundle.bytes });
  if (result.saved) await logSaved(bundle, result.fileName ?? bundle.fileName);
  return result;
}

// ---- import ----

/**
 * Reads a file and what can be known of it without a key: the manifest, its signature, every part's
 * size and hash. The first problem found refuses the file here, before any key or passphrase is asked for.
 */
export async function inspectFile(file: File, onProgress?: (progress: BundleProgress) => void): Promise<InspectedBundle> {
  if (file.size === 0) throw new BundleError('empty-file');
  // Before reading it: a file past the limit is never read into memory.
  if (file.size > bundleLimits.maxFileBytes) throw new BundleError('too-large', { size: file.size, limit: bundleLimits.maxFileBytes });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { manifest, problems } = await inspectBundle(bytes, { onProgress });
  if (problems[0]) throw problems[0];
  return { fileName: file.name, bytes, manifest };
}

/** This device's X25519 key, or the passphrase typed. */
async function keyFor(bundle: InspectedBundle, passphrase: string | undefined): Promise<BundleKey> {
  if (bundle.manifest.recipient.kind === 'passphrase') return { kind: 'passphrase', passphrase: passphrase ?? '' };
  const { serverSync, repository } = getStore();
  const pair = await serverSync.storedEncryptionKeyPair();
  // Without a key pair no bundle was ever addressed to this computer: the codec says whose it is.
  if (!pair) throw new BundleError('wrong-recipient', { addressedTo: bundle.manifest.recipient.kind === 'device' ? bundle.manifest.recipient.deviceId : bundle.manifest.recipient.kind });
  return { kind: 'x25519', privateKey: pair.privateKey, publicKey: pair.publicKey, holder: await repository.deviceId() };
}

export async function prepareBundle(bundle: InspectedBundle, passphrase: string | undefined, onProgress: (progress: BundleProgress) => void): Promise<PreparedImport> {
  const port = getStore().bundles.port;
  let plan;
  try {
    plan = await prepareImport(port, bundle.bytes, await keyFor(bundle, passphrase), { onProgress, fileName: bundle.fileName });
  } finally {
    // A refusal is logged by prepareImport.
    bumpBundlesRevision();
  }
  const { summary } = plan;
  return {
    dryRun: {
      newRecords: summary.newRecords,
      updatedRecords: summary.updatedRecords,
      conflicts: summary.conflicts,
      known: summary.alreadyKnown,
      rejected: summary.rejected,
      toApply: summary.toApply,
      exporter: { deviceId: summary.exporter.deviceId, displayName: summary.exporter.displayName },
    },
    async apply(onApplyProgress) {
      try {
        const result = await applyImport(port, plan, { onProgress: onApplyProgress });
        return { result: result.result, applied: result.applied, known: result.alreadyKnown, quarantined: result.quarantined };
      } finally {
        bumpBundlesRevision();
      }
    },
  };
}

// ---- upload to the server ----

/** A large bundle on a slow line takes its time; no answer in this long counts as no answer. */
const uploadTimeoutMs = 10 * 60_000;

const uploadFetch: FetchLike = (url, init) =>
  fetch(url, {
    method: init.method,
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.any([AbortSignal.timeout(uploadTimeoutMs), ...(init.signal ? [init.signal as AbortSignal] : [])]),
    credentials: 'omit',
    cache: 'no-store',
  });

/**
 * Sends a bundle addressed to the server, signed by this device as any sync request is. The server
 * checks and applies it (each change counting as its originating device's); what it now holds comes back
 * signed (`serverAck`), which this desk keeps: the next bundle back to an officer carries it.
 */
export async function uploadBundle(bundle: InspectedBundle, options: { signal?: AbortSignalLike } = {}): Promise<BundleImportResponse> {
  const { serverSync, repository, bundles } = getStore();
  const enrollment = await serverSync.loadEnrollment();
  if (!enrollment) throw new Error('this computer is not enrolled');
  const api = createApiClient({
    baseUrl: enrollment.serverUrl,
    fetch: uploadFetch,
    getDeviceSigner: async () => {
      const keys = await serverSync.storedKeyPair();
      return keys ? { deviceId: await repository.deviceId(), privateKey: keys.privateKey } : undefined;
    },
  });
  const answer = await api.call('importBundle', { body: bundle.bytes, signal: options.signal });
  // What the server holds, as it signed it (checked against the key pinned at enrollment): the next
  // bundle to an officer carries it. Without one, only this device's own entry, as network sync does.
  const signed = await verifyServerAck(answer.serverAck, enrollment.serverPublicKey);
  const self = await repository.deviceId();
  if (signed) await bundles.port.saveServerAck(signed);
  else if (answer.ack[self]) await bundles.port.raiseAcks({ server: { [self]: answer.ack[self] } });
  await bundles.port.log({
    bundleId: answer.bundleId,
    direction: 'upload',
    at: new Date().toISOString(),
    by: enrollment.user.id,
    counterpart: 'server',
    changes: bundle.manifest.counts.changes,
    chunks: bundle.manifest.counts.chunks,
    result: answer.result,
    detail: { applied: answer.applied, alreadyKnown: answer.duplicates, refused: answer.refused.length },
    fileName: bundle.fileName,
  });
  bumpBundlesRevision();
  return answer;
}

// ---- what the other cards show ----

export async function loadAcks(): Promise<AcksView> {
  const { repository, bundles } = getStore();
  const [selfDeviceId, vector, acks] = await Promise.all([repository.deviceId(), bundles.port.vector(), bundles.port.acks()]);
  return { selfDeviceId, own: vector[selfDeviceId] ?? 0, acks };
}

export async function loadLog(): Promise<BundleLogEntry[]> {
  return sortLog(await getStore().bundles.log());
}

export async function loadQuarantine(): Promise<QuarantineItem[]> {
  return getStore().bundles.quarantined();
}

export async function retryQuarantined(ids: readonly number[]): Promise<{ applied: number; held: number; final: number }> {
  try {
    return await getStore().bundles.retryQuarantined(ids);
  } finally {
    bumpBundlesRevision();
  }
}

export async function dismissQuarantined(ids: readonly number[]): Promise<void> {
  try {
    await getStore().bundles.dismissQuarantined(ids);
  } finally {
    bumpBundlesRevision();
  }
}
