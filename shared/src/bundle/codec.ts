import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { allowedAuthors, principalOfCertificate } from '../access/authors';
import { canSee, type Principal } from '../access/rules';
import { verifyCertificate, type DeviceCertificate } from '../api/certificate';
import type { CountryCode } from '../domain/taxonomy/countries';
import { canonicalJson } from '../records/canonical';
import { aesGcmDecrypt, aesGcmEncrypt, fromBase64Url, sha256Hex, toBase64Url, verifyEd25519, type OpaqueKey } from '../security/webCrypto';
import { decodeChunk } from './chunk';
import { dataKey, deflateRaw, inflateRawBounded, newDataKey, newNonce, scryptParamsProblem, unwrapKeyWithPassphrase, unwrapKeyX25519, wrapKeyForX25519, wrapKeyWithPassphrase } from './crypto';
import { BundleError } from './errors';
import {
  bundleFormat,
  bundleFormatVersion,
  bundleLimits,
  bundleManifestSchema,
  chunkSigningInput,
  defaultScryptParams,
  manifestEntryName,
  manifestSignatureEntryName,
  manifestSigningInput,
  partAdditionalData,
  partName,
  plainBudget,
  supportedBundleVersions,
  type BundleManifest,
  type BundlePart,
  type KeyWrap,
} from './format';
import { revokedDeviceIds, signedRevocationListSchema, verifyRevocationList, type SignedRevocationList } from './revocations';
import { scopeKey } from './seal';
import { verifyServerAck, type SignedServerAck } from './serverAck';
import type { BundleKey, BundleProgress, BundleTrust, OpenedBundle, OpenedChunk, WriteBundleInput } from './types';
import { readStoredZip, writeStoredZip } from './zip';

/**
 * Bundles to bytes and back (docs/bundle-format.md). `writeBundle` seals, encrypts and zips;
 * `inspectBundle` reads what can be read without a key; `openBundle` runs every check of the
 * specification's § Verification, in its order, and returns the contents only when all pass.
 */

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** How many parts are encrypted, hashed or decrypted at once: WebCrypto works off the main thread meanwhile. */
const parallelParts = 8;

async function inBatches<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, done?: (count: number) => void): Promise<R[]> {
  const out: R[] = [];
  for (let at = 0; at < items.length; at += parallelParts) {
    out.push(...(await Promise.all(items.slice(at, at + parallelParts).map((item, offset) => work(item, at + offset)))));
    done?.(out.length);
  }
  return out;
}

/** The certificates part: each member is checked on its own (a bad server ack is dropped, not refused). */
const certificatesPayloadSchema = z.strictObject({
  certificates: z.array(z.unknown()).max(100_000),
  revocations: z.unknown().optional(),
  serverAck: z.unknown().optional(),
});

// ---------------------------------------------------------------- writing

type PartInput =
  | { kind: 'certificates'; plain: Uint8Array }
  | { kind: 'chunk'; plain: Uint8Array; chunk: WriteBundleInput['chunks'][number] }
  | { kind: 'attachment'; plain: Uint8Array; sha256: string; stored: boolean };

/**
 * Media that is compressed already (a photo, a video, a zip, a PDF): deflating it gains next to nothing and
 * costs time and a second copy in memory, so its part is sealed as it is (`compression: none`, which the
 * format allows for any part).
 */
export function isCompressedMedia(mimeType: string | undefined): boolean {
  const type = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  return (
    type === 'image/jpeg' || type === 'image/png' || type === 'image/webp' || type === 'image/gif' || type === 'image/heic' ||
    type.startsWith('video/') || type.startsWith('audio/') || type === 'application/zip' || type === 'application/pdf'
  );
}

/** Writes a bundle: the file's bytes, ready to be saved. Throws a plain Error on input no bundle may hold. */
export async function writeBundle(input: WriteBundleInput): Promise<Uint8Array<ArrayBuffer>> {
  const progress = (phase: BundleProgress['phase'], done: number, total: number) => input.onProgress?.({ phase, done, total });
  const createdAt = (input.now ?? (() => new Date()))();
  const bundleId = uuidv7({ msecs: createdAt.getTime() });

  const exporterCertificate = input.certificates.find((certificate) => certificate.body.deviceId === input.exporter.deviceId);
  if (!exporterCertificate) throw new Error('writeBundle: the exporter’s own certificate must be among the certificates');
  for (const chunk of input.chunks) {
    if (chunk.count < 1 || chunk.count > bundleLimits.maxChunkChanges) throw new Error(`writeBundle: a chunk of ${chunk.count} changes`);
    if (!input.certificates.some((certificate) => certificate.body.deviceId === chunk.device)) throw new Error(`writeBundle: no certificate for device ${chunk.device}, whose chunk it carries`);
  }

  const attachments = new Map<string, { bytes: Uint8Array; mimeType?: string }>();
  for (const attachment of input.attachments) {
    if (attachments.has(attachment.sha256)) continue;
    if ((await sha256Hex(attachment.bytes)) !== attachment.sha256) throw new Error(`writeBundle: attachment ${attachment.sha256} does not have that SHA-256`);
    attachments.set(attachment.sha256, { bytes: attachment.bytes, ...(attachment.mimeType ? { mimeType: attachment.mimeType } : {}) });
  }

  const parts: PartInput[] = [
    { kind: 'certificates', plain: encoder.encode(canonicalJson({ certificates: input.certificates, revocations: input.revocations, serverAck: input.serverAck })) },
    ...input.chunks.map((chunk) => ({ kind: 'chunk' as const, plain: chunk.plain, chunk })),
    ...[...attachments].map(([sha256, { bytes, mimeType }]) => ({ kind: 'attachment' as const, plain: bytes, sha256, stored: isCompressedMedia(mimeType) })),
  ];
  if (parts.length > bundleLimits.maxParts) throw new Error(`writeBundle: ${parts.length} parts, at most ${bundleLimits.maxParts}`);
  for (const part of parts) if (part.plain.length > bundleLimits.maxPartPlainBytes) throw new Error(`writeBundle: a ${part.kind} part of ${part.plain.length} bytes`);

  const rawKey = newDataKey();
  const key = await dataKey(rawKey);
  const wrap = await wrapDataKey(rawKey, input.recipient, bundleId);

  progress('encrypt', 0, parts.length);
  const sealed = await inBatches(
    parts,
    async (part, index) => {
      const name = partName(index + 1);
      const deflated = part.kind === 'attachment' && part.stored ? undefined : await deflateRaw(part.plain);
      const compressed = deflated !== undefined && deflated.length < part.plain.length;
      const nonce = newNonce();
      const bytes = await aesGcmEncrypt(key, nonce, compressed && deflated ? deflated : part.plain, partAdditionalData(bundleId, name));
      const common = {
        name,
        size: bytes.length,
        sha256: await sha256Hex(bytes),
        plainSize: part.plain.length,
        compression: compressed ? ('deflate-raw' as const) : ('none' as const),
        nonce: toBase64Url(nonce),
      };
      const described: BundlePart =
        part.kind === 'certificates'
          ? { ...common, kind: 'certificates' }
          : part.kind === 'chunk'
            ? { ...common, kind: 'chunk', device: part.chunk.device, count: part.chunk.count, minSeq: part.chunk.minSeq, maxSeq: part.chunk.maxSeq, scope: [...part.chunk.scope] as CountryCode[], signature: part.chunk.signature }
            : { ...common, kind: 'attachment', attachment: part.sha256 };
      return { described, bytes };
    },
    (done) => progress('encrypt', done, parts.length),
  );

  const manifest: BundleManifest = {
    format: bundleFormat,
    version: bundleFormatVersion,
    bundleId,
    createdAt: createdAt.toISOString(),
    exporter: { deviceId: input.exporter.deviceId, publicKey: input.exporter.publicKey },
    recipient:
      input.recipient.kind === 'passphrase'
        ? { kind: 'passphrase' }
        : input.recipient.kind === 'server'
          ? { kind: 'server', encryptionKey: input.recipient.encryptionKey }
          : { kind: 'device', deviceId: input.recipient.deviceId, encryptionKey: input.recipient.encryptionKey },
    encryption: { cipher: 'AES-256-GCM', key: wrap },
    // Country codes are checked by the manifest's schema just below.
    scope: { global: input.scope.global, countries: [...input.scope.countries] as CountryCode[] },
    since: input.since,
    upTo: input.upTo,
    ack: input.ack,
    counts: {
      changes: input.chunks.reduce((sum, chunk) => sum + chunk.count, 0),
      chunks: input.chunks.length,
      attachments: attachments.size,
      certificates: input.certificates.length,
    },
    parts: sealed.map((part) => part.described),
  };
  const checked = bundleManifestSchema.safeParse(manifest);
  if (!checked.success) throw new Error(`writeBundle: the manifest would not be valid: ${issueText(checked.error)}`);
  const manifestBytes = encoder.encode(canonicalJson(manifest));
  const signature = await input.exporter.sign(manifestSigningInput(manifestBytes));

  progress('zip', 0, 1);
  const file = writeStoredZip(
    [
      { name: manifestEntryName, bytes: manifestBytes },
      { name: manifestSignatureEntryName, bytes: encoder.encode(signature) },
      ...sealed.map((part) => ({ name: part.described.name, bytes: part.bytes })),
    ],
    createdAt,
  );
  progress('zip', 1, 1);
  // No reader would open it: say so now, at export, rather than on the stick's far side.
  if (file.length > bundleLimits.maxFileBytes) throw new BundleError('too-large', { size: file.length, limit: bundleLimits.maxFileBytes });
  return file;
}

function wrapDataKey(rawKey: Uint8Array, recipient: WriteBundleInput['recipient'], bundleId: string): Promise<KeyWrap> {
  if (recipient.kind === 'passphrase') return wrapKeyWithPassphrase(rawKey, recipient.passphrase, recipient.kdf ?? defaultScryptParams, bundleId);
  return wrapKeyForX25519(rawKey, recipient.encryptionKey, bundleId);
}

// ---------------------------------------------------------------- reading: what needs no key

const issueText = (error: z.ZodError) => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'manifest'}: ${issue.message}` : 'invalid';
};

/**
 * The manifest, checked for shape, version and internal consistency (not yet for its signature). With
 * `fileBytes`, the plaintext it declares must also fit the file's budget (`plainBudget`).
 */
/**
 * The manifest as the file states it, unchecked beyond its shape, or undefined: for logging which bundle
 * a refusal was about. Cheap (no hashing, no signature); never throws.
 */
export function readManifest(bytes: Uint8Array): BundleManifest | undefined {
  try {
    const entry = readStoredZip(bytes).get(manifestEntryName);
    return entry ? parseManifest(entry) : undefined;
  } catch {
    return undefined;
  }
}

export function parseManifest(bytes: Uint8Array, fileBytes?: number): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new BundleError('manifest-invalid', { detail: 'not UTF-8 JSON' });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new BundleError('manifest-invalid', { detail: 'not an object' });
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format !== bundleFormat) throw new BundleError('manifest-invalid', { detail: 'not a STEP bundle manifest' });
  if (typeof version !== 'number' || !supportedBundleVersions.includes(version))
    throw new BundleError('unsupported-version', { found: typeof version === 'number' ? version : String(version), supported: supportedBundleVersions.join(', ') });
  const parsed = bundleManifestSchema.safeParse(raw);
  if (!parsed.success) throw new BundleError('manifest-invalid', { detail: issueText(parsed.error) });
  const manifest = parsed.data;

  manifest.parts.forEach((part, index) => {
    if (part.name !== partName(index + 1)) throw new BundleError('manifest-invalid', { detail: `part ${index + 1} is named ${part.name}` });
    if ((part.kind === 'certificates') !== (index === 0)) throw new BundleError('manifest-invalid', { detail: 'the first part, and only it, holds the certificates' });
    if (part.kind === 'chunk' && (part.minSeq > part.maxSeq || part.count > part.maxSeq - part.minSeq + 1)) throw new BundleError('manifest-invalid', { detail: `${part.name}: seq range` });
    if (part.compression === 'none' && part.size !== part.plainSize + 16) throw new BundleError('manifest-invalid', { detail: `${part.name}: size` });
  });
  if (manifest.parts.length === 0) throw new BundleError('manifest-invalid', { detail: 'no certificates part' });
  const attachmentHashes = manifest.parts.flatMap((part) => (part.kind === 'attachment' ? [part.attachment] : []));
  if (new Set(attachmentHashes).size !== attachmentHashes.length) throw new BundleError('manifest-invalid', { detail: 'an attachment twice' });
  const totalPlain = manifest.parts.reduce((sum, part) => sum + part.plainSize, 0);
  const limit = fileBytes === undefined ? bundleLimits.maxTotalPlainBytes : plainBudget(fileBytes);
  if (totalPlain > limit) throw new BundleError('too-large', { size: totalPlain, limit });
  const wrapKind = manifest.encryption.key.kind;
  if ((manifest.recipient.kind === 'passphrase') !== (wrapKind === 'scrypt')) throw new BundleError('manifest-invalid', { detail: 'recipient and key wrapping disagree' });
  return manifest;
}

/** The manifest's own totals against its list of parts. */
function countProblems(manifest: BundleManifest): BundleError | undefined {
  const chunks = manifest.parts.filter((part) => part.kind === 'chunk');
  const changes = chunks.reduce((sum, part) => sum + part.count, 0);
  const attachments = manifest.parts.filter((part) => part.kind === 'attachment').length;
  if (manifest.counts.chunks !== chunks.length) return new BundleError('count-mismatch', { detail: `chunks: says ${manifest.counts.chunks}, has ${chunks.length}` });
  if (manifest.counts.changes !== changes) return new BundleError('count-mismatch', { detail: `changes: says ${manifest.counts.changes}, has ${changes}` });
  if (manifest.counts.attachments !== attachments) return new BundleError('count-mismatch', { detail: `attachments: says ${manifest.counts.attachments}, has ${attachments}` });
  return undefined;
}

interface ReadFile {
  manifest: BundleManifest;
  manifestBytes: Uint8Array;
  signature: string | undefined;
  entries: Map<string, Uint8Array>;
}

function readFile(bytes: Uint8Array): ReadFile {
  const entries = readStoredZip(bytes);
  const manifestBytes = entries.get(manifestEntryName);
  if (!manifestBytes) throw new BundleError('missing-part', { part: manifestEntryName });
  const manifest = parseManifest(manifestBytes, bytes.length);
  const signatureBytes = entries.get(manifestSignatureEntryName);
  let signature: string | undefined;
  try {
    signature = signatureBytes && utf8.decode(signatureBytes).trim();
  } catch {
    signature = '';
  }
  return { manifest, manifestBytes, signature, entries };
}

async function checkManifestSignature(file: ReadFile): Promise<BundleError | undefined> {
  if (file.signature === undefined) return new BundleError('missing-part', { part: manifestSignatureEntryName });
  const valid = await verifyEd25519(file.manifest.exporter.publicKey, file.signature, manifestSigningInput(file.manifestBytes));
  return valid ? undefined : new BundleError('manifest-signature');
}

function entryProblem(file: ReadFile): BundleError | undefined {
  const listed = new Set(file.manifest.parts.map((part) => part.name));
  for (const part of file.manifest.parts) if (!file.entries.has(part.name)) return new BundleError('missing-part', { part: part.name });
  for (const name of file.entries.keys())
    if (name !== manifestEntryName && name !== manifestSignatureEntryName && !listed.has(name)) return new BundleError('unexpected-part', { entry: name });
  return undefined;
}

async function storedPartProblem(part: BundlePart, stored: Uint8Array): Promise<BundleError | undefined> {
  if (stored.length !== part.size) return new BundleError('part-size', { part: part.name, expected: part.size, found: stored.length });
  if ((await sha256Hex(stored)) !== part.sha256) return new BundleError('part-hash', { part: part.name });
  return undefined;
}

export interface BundleInspection {
  manifest: BundleManifest;
  /** Every problem found without a key (empty when the file, the manifest's signature and every part's hash check). */
  problems: BundleError[];
}

/**
 * What can be known without a key: the zip, the manifest, its signature by the key it names, the entries
 * and every part's size and SHA-256. Throws a BundleError when there is no readable manifest to show.
 * Reveals no personal data: the manifest holds none (names travel in the encrypted certificates part).
 */
export async function inspectBundle(bytes: Uint8Array, options: { onProgress?: (progress: BundleProgress) => void } = {}): Promise<BundleInspection> {
  const file = readFile(bytes);
  const problems: BundleError[] = [];
  const signatureProblem = await checkManifestSignature(file);
  if (signatureProblem) problems.push(signatureProblem);
  const counts = countProblems(file.manifest);
  if (counts) problems.push(counts);
  const entries = entryProblem(file);
  if (entries) problems.push(entries);
  const parts = file.manifest.parts;
  // Hashed in parallel, reported in the manifest's part order.
  const partProblems = await inBatches(
    parts,
    async (part) => {
      const stored = file.entries.get(part.name);
      return stored && (await storedPartProblem(part, stored));
    },
    (done) => options.onProgress?.({ phase: 'verify', done, total: parts.length }),
  );
  for (const problem of partProblems) if (problem) problems.push(problem);
  return { manifest: file.manifest, problems };
}

// ---------------------------------------------------------------- reading: everything

async function unwrapDataKey(manifest: BundleManifest, key: BundleKey): Promise<OpaqueKey> {
  const recipient = manifest.recipient;
  const wrap = manifest.encryption.key;
  let raw: Uint8Array | undefined;
  if (wrap.kind === 'scrypt') {
    if (key.kind !== 'passphrase') throw new BundleError('passphrase-needed');
    const problem = scryptParamsProblem(wrap);
    if (problem) throw new BundleError('kdf-params', { detail: problem });
    raw = await unwrapKeyWithPassphrase(wrap, key.passphrase, manifest.bundleId);
    if (!raw) throw new BundleError('wrong-passphrase');
  } else {
    if (recipient.kind === 'passphrase') throw new BundleError('manifest-invalid', { detail: 'recipient and key wrapping disagree' });
    const addressedTo = recipient.kind === 'server' ? 'server' : recipient.deviceId;
    const holder = key.kind === 'x25519' ? key.holder : 'passphrase';
    if (recipient.kind === 'server' && holder !== 'server') throw new BundleError('addressed-to-server');
    if (key.kind !== 'x25519' || holder !== addressedTo || key.publicKey !== recipient.encryptionKey) throw new BundleError('wrong-recipient', { addressedTo, holder });
    raw = await unwrapKeyX25519(wrap, key.privateKey, key.publicKey, manifest.bundleId);
    // The key is the one the manifest names, yet it does not open: the wrapped key itself was damaged.
    if (!raw) throw new BundleError('part-decrypt', { part: 'data key' });
  }
  return dataKey(raw);
}

async function openPart(part: BundlePart, stored: Uint8Array, key: OpaqueKey, bundleId: string): Promise<Uint8Array> {
  const problem = await storedPartProblem(part, stored);
  if (problem) throw problem;
  const opened = await aesGcmDecrypt(key, fromBase64Url(part.nonce)!, stored, partAdditionalData(bundleId, part.name));
  if (!opened) throw new BundleError('part-decrypt', { part: part.name });
  let plain = opened;
  if (part.compression === 'deflate-raw') {
    const inflated = await inflateRawBounded(opened, part.plainSize);
    if (!inflated.ok) throw inflated.reason === 'too-large' ? new BundleError('part-too-large', { part: part.name, limit: part.plainSize }) : new BundleError('part-decrypt', { part: part.name, detail: 'inflate' });
    plain = inflated.bytes;
  }
  if (plain.length !== part.plainSize) throw new BundleError('part-size', { part: part.name, expected: part.plainSize, found: plain.length, detail: 'plain' });
  return plain;
}

/** The certificates part: certificates signed by the trusted issuer (others are ignored: their devices stay unknown). */
async function readCertificates(plain: Uint8Array, trust: BundleTrust) {
  let payload: z.infer<typeof certificatesPayloadSchema>;
  try {
    payload = certificatesPayloadSchema.parse(JSON.parse(utf8.decode(plain)));
  } catch {
    throw new BundleError('certificates-invalid', { detail: 'not a certificates part' });
  }
  const certificates = new Map<string, DeviceCertificate>();
  for (const candidate of payload.certificates) {
    const claimed = candidate as { body?: { issuer?: unknown; deviceId?: unknown } } | null;
    const valid = await verifyCertificate(candidate, trust.issuer);
    if (!valid) {
      // Another server's certificate vouches for nothing here; one that claims ours and fails is a forgery.
      if (claimed?.body?.issuer === trust.issuer) throw new BundleError('certificates-invalid', { device: String(claimed.body.deviceId ?? '?') });
      continue;
    }
    const held = certificates.get(valid.body.deviceId);
    if (!held || valid.body.issuedAt > held.body.issuedAt) certificates.set(valid.body.deviceId, valid);
  }
  let revocations: SignedRevocationList | undefined;
  if (payload.revocations !== undefined) {
    if (!signedRevocationListSchema.safeParse(payload.revocations).success) throw new BundleError('revocations-invalid');
    revocations = await verifyRevocationList(payload.revocations, trust.issuer);
    // A list from another server means nothing here; one claiming ours that fails is refused.
    if (!revocations && (payload.revocations as SignedRevocationList).body.issuer === trust.issuer) throw new BundleError('revocations-invalid');
  }
  // Advisory: the importer only learns what the server holds from it, so a bad one is dropped, not refused.
  const serverAck: SignedServerAck | undefined = payload.serverAck === undefined ? undefined : await verifyServerAck(payload.serverAck, trust.issuer);
  return { certificates, revocations, serverAck, count: payload.certificates.length };
}

/**
 * Opens a bundle: every check of docs/bundle-format.md § Verification, in order; the first failure is
 * thrown as a BundleError and nothing is returned. What it returns has passed them all.
 *
 * Staged so that a hostile file costs little: nothing but the small certificates part is decrypted until
 * the exporter and every chunk's signer are known, unrevoked devices; then each part is hash-checked,
 * decrypted, verified and decoded in order (opening at most `parallelParts` ahead of verifying, so that
 * little waits in memory), and the first bad part stops the work.
 */
export async function openBundle(bytes: Uint8Array, options: { key: BundleKey; trust: BundleTrust; onProgress?: (progress: BundleProgress) => void }): Promise<OpenedBundle> {
  const { key, trust } = options;
  const progress = (phase: BundleProgress['phase'], done: number, total: number) => options.onProgress?.({ phase, done, total });
  progress('read', 0, 1);
  const file = readFile(bytes);
  const manifest = file.manifest;
  const signatureProblem = await checkManifestSignature(file);
  if (signatureProblem) throw signatureProblem;
  const entries = entryProblem(file);
  if (entries) throw entries;
  const counts = countProblems(manifest);
  if (counts) throw counts;
  progress('read', 1, 1);

  const dataKeyForParts = await unwrapDataKey(manifest, key);
  const parts = manifest.parts;
  const open = (part: BundlePart) => openPart(part, file.entries.get(part.name)!, dataKeyForParts, manifest.bundleId);

  // 1. Who vouches: the certificates part alone.
  progress('decrypt', 0, 1);
  const { certificates, revocations, serverAck, count: certificateCount } = await readCertificates(await open(parts[0]!), trust);
  progress('decrypt', 1, 1);
  if (certificateCount !== manifest.counts.certificates) throw new BundleError('count-mismatch', { detail: `certificates: says ${manifest.counts.certificates}, has ${certificateCount}` });
  const revoked = new Set([...trust.revoked, ...revokedDeviceIds(revocations)]);
  const trusted = (device: string) => {
    const certificate = certificates.get(device);
    if (!certificate || (trust.isKnownDevice && !trust.isKnownDevice(device))) throw new BundleError('unknown-device', { device });
    if (revoked.has(device)) throw new BundleError('revoked-device', { device });
    return certificate;
  };

  // 2. The exporter, and every chunk's signer, from the manifest alone: no chunk is decrypted for a stranger.
  const exporterCertificate = trusted(manifest.exporter.deviceId);
  if (exporterCertificate.body.devicePublicKey !== manifest.exporter.publicKey) throw new BundleError('exporter-mismatch', { device: manifest.exporter.deviceId });
  const exporter = principalOfCertificate(exporterCertificate);
  const signers = new Map<string, DeviceCertificate>();
  for (const part of parts) if (part.kind === 'chunk' && !signers.has(part.device)) signers.set(part.device, trusted(part.device));

  // 3. Part by part: hash, decrypt, inflate, then verify and decode before the next one is touched.
  progress('verify', 0, parts.length);
  const chunks: OpenedChunk[] = [];
  const attachments = new Map<string, Uint8Array>();
  let changeCount = 0;
  // Opening (hash, decrypt, inflate) runs a few parts ahead of verifying, so WebCrypto and the inflater work
  // while the previous chunk is decoded; at most `parallelParts` parts' plaintext wait at a time.
  const opening = new Map<number, Promise<Uint8Array>>();
  const openAhead = (from: number) => {
    for (let at = from; at < Math.min(parts.length, from + parallelParts); at++) {
      if (at === 0 || opening.has(at)) continue;
      const promise = open(parts[at]!);
      promise.catch(() => undefined); // awaited in turn below; an earlier part's failure wins
      opening.set(at, promise);
    }
  };
  const opened = async (index: number) => {
    openAhead(index);
    const plain = await opening.get(index)!;
    opening.delete(index);
    return plain;
  };
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'attachment') {
      const plain = await opened(index);
      if ((await sha256Hex(plain)) !== part.attachment) throw new BundleError('part-hash', { part: part.name, detail: 'attachment' });
      attachments.set(part.attachment, plain);
    } else if (part.kind === 'chunk') {
      const chunk = await openChunk(part, await opened(index), signers.get(part.device)!, exporter);
      changeCount += chunk.changes.length;
      chunks.push(chunk);
    }
    progress('verify', index + 1, parts.length);
  }

  if (changeCount !== manifest.counts.changes) throw new BundleError('count-mismatch', { detail: `changes: says ${manifest.counts.changes}, has ${changeCount}` });
  return { manifest, certificates, revocations, ...(serverAck ? { serverAck } : {}), chunks, attachments };
}

async function openChunk(part: Extract<BundlePart, { kind: 'chunk' }>, plain: Uint8Array, signer: DeviceCertificate, exporter: Principal): Promise<OpenedChunk> {
  const device = part.device;
  if (!(await verifyEd25519(signer.body.devicePublicKey, part.signature, await chunkSigningInput(plain)))) throw new BundleError('chunk-signature', { device, part: part.name });
  const decoded = decodeChunk(plain, part.name);
  const changes = decoded.changes;
  const mismatch = (detail: string) => new BundleError('chunk-mismatch', { part: part.name, device, detail });
  if (decoded.device !== device) throw mismatch(`signed by ${device}, holds changes of ${decoded.device}`);
  if (changes.length !== part.count) throw mismatch(`count: says ${part.count}, holds ${changes.length}`);
  if (changes[0]!.seq !== part.minSeq || changes.at(-1)!.seq !== part.maxSeq) throw mismatch('seq range');
  const declaredScope = scopeKey(part.scope);
  const originator = principalOfCertificate(signer);
  const authors = new Set(allowedAuthors({ deviceId: device, userId: signer.body.userId }));
  // A chunk's changes share one scope (or a few orders of it): each distinct one is checked once.
  const checkedScopes = new Set<string>();
  for (const change of changes) {
    if (!authors.has(change.author)) throw new BundleError('forged-author', { device, author: change.author });
    const joined = change.scope.join(',');
    if (checkedScopes.has(joined)) continue;
    if (scopeKey(change.scope) !== declaredScope) throw mismatch('scope');
    if (!canSee(originator, change.scope) || !canSee(exporter, change.scope)) throw new BundleError('outside-scope', { device, country: joined });
    checkedScopes.add(joined);
  }
  // `plain` is kept: it is what the originator signed, which a relay passes on verbatim.
  return { device, plain, signature: part.signature, count: part.count, minSeq: part.minSeq, maxSeq: part.maxSeq, scope: [...part.scope], changes };
}
