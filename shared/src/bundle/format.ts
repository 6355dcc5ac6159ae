import { z } from 'zod';
import { publicKeySchema, signatureSchema } from '../api/certificate';
import { countryCodeSchema } from '../domain/taxonomy/countries';
import { sha256Hex } from '../security/webCrypto';
import { concatBytes } from './bytes';
import { deviceIdSchema } from '../sync/hlc';

export { signedRevocationListSchema, type SignedRevocationList } from './revocations';

/**
 * The `*.stepbundle` file format, version 1 (docs/bundle-format.md is the specification; this file is its
 * machine-readable half). Everything a reader needs to refuse a file before decrypting anything lives here:
 * the limits, the names, the manifest's schema and the bytes each signature covers.
 */
export const bundleFormat = 'step-bundle';
export const bundleFormatVersion = 1;
/** Versions this code reads. A newer version is refused with `unsupported-version`, never guessed at. */
export const supportedBundleVersions: readonly number[] = [1];
export const bundleFileExtension = '.stepbundle';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/**
 * Hard limits a reader enforces before it allocates: a hostile file cannot make it read, inflate or hold
 * more than this. Chosen well above what a year of a country's data needs (100k records is about 30 MB).
 */
export const bundleLimits = {
  /**
   * The whole file: a bundle is read into memory once, and in the desktop app it crosses IPC in one
   * message, which Electron cannot carry much beyond 512 MiB (electron/electron#53961). Writers refuse
   * to make a larger one; readers refuse to open one.
   */
  maxFileBytes: 500 * MiB,
  /** One part's plaintext (a chunk or an attachment) after inflating. */
  maxPartPlainBytes: 64 * MiB,
  /** Every part's plaintext together, whatever the file's size (see plainBudget). */
  maxTotalPlainBytes: 4 * GiB,
  /**
   * Every part's plaintext together, per byte of the file: deflate rarely shrinks our data more than
   * tenfold, so a file declaring more is a decompression bomb, refused before anything is decrypted.
   */
  maxPlainPerFileByte: 64,
  /** Parts in one bundle: a zip without zip64 (what fflate writes) holds at most 65,535 entries. */
  maxParts: 65_000,
  /** Changes in one chunk. */
  maxChunkChanges: 5_000,
  /** manifest.json: about 300 bytes per part at most. */
  maxManifestBytes: 64 * MiB,
  /** manifest.sig: base64url of 64 bytes, with room for a newline. */
  maxSignatureBytes: 200,
} as const;

/** What a writer seals per chunk by default: small enough to apply in one transaction, large enough to compress well. */
export const defaultChunkChanges = 2_000;

/** scrypt parameters: what writers use, and the only ones readers accept (a cheap KDF is a weak passphrase). */
export const defaultScryptParams = { logN: 17, r: 8, p: 1 } as const;
export const scryptBounds = { logN: [14, 18], r: [8, 16], p: [1, 4] } as const;
/**
 * scrypt's cost in memory, 128·N·r·p bytes, which readers cap: a file must not make a reader allocate
 * gigabytes (writers' default is 128 MiB, half of it).
 */
export const maxScryptMemoryBytes = 256 * MiB;

/** How much plaintext a file of `fileBytes` bytes may declare in all (bundleLimits). */
export const plainBudget = (fileBytes: number) => Math.min(bundleLimits.maxTotalPlainBytes, bundleLimits.maxPlainPerFileByte * fileBytes);

export const manifestEntryName = 'manifest.json';
export const manifestSignatureEntryName = 'manifest.sig';
export const partNamePattern = /^parts\/\d{6}\.bin$/;
/** The name of the `index`-th part (1-based): parts/000001.bin, parts/000002.bin, ... */
export const partName = (index: number) => `parts/${String(index).padStart(6, '0')}.bin`;

const encoder = new TextEncoder();

/** What the exporting device signs: a prefix, so this signature can never be mistaken for another kind. */
export const manifestSigningInput = (manifestBytes: Uint8Array) => concatBytes(encoder.encode('STEP-BUNDLE-1\n'), manifestBytes);

/** What the originating device signs for a chunk: the hash of the encoded chunk (chunk.ts). */
export async function chunkSigningInput(plain: Uint8Array): Promise<Uint8Array> {
  return encoder.encode(`STEP-CHUNK-1\n${await sha256Hex(plain)}`);
}

/** Additional data of a part's AES-GCM: the part cannot be moved to another bundle or position. */
export const partAdditionalData = (bundleId: string, name: string) => encoder.encode(`${bundleId}\n${name}`);
/** Additional data of the wrapped data key: it opens this bundle only. */
export const keyWrapAdditionalData = (bundleId: string) => encoder.encode(`STEP-BUNDLE-KEY-1\n${bundleId}`);

// ---- schemas ----

const base64urlOf = (bytes: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 8) / 6)}}$`), { error: `${bytes} bytes, base64url` });
/** A raw X25519 public key (32 bytes), base64url: same shape as an Ed25519 key. */
export const x25519PublicKeySchema = base64urlOf(32);
export const nonceSchema = base64urlOf(12);
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const seqSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const versionVectorSchema = z.record(deviceIdSchema, count);
export const bundleScopeSchema = z.strictObject({ global: z.boolean(), countries: z.array(countryCodeSchema).max(50) });

export const manifestRecipientSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('server'), encryptionKey: x25519PublicKeySchema }),
  z.strictObject({ kind: z.literal('device'), deviceId: deviceIdSchema, encryptionKey: x25519PublicKeySchema }),
  z.strictObject({ kind: z.literal('passphrase') }),
]);
export type ManifestRecipient = z.infer<typeof manifestRecipientSchema>;

/** How the payload's data key is wrapped (docs/bundle-format.md § Encryption). */
export const keyWrapSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('x25519'),
    /** A fresh X25519 key of the exporter's; with the recipient's key it derives the wrapping key (HKDF-SHA256). */
    ephemeralPublicKey: x25519PublicKeySchema,
    nonce: nonceSchema,
    /** The 32-byte data key, AES-256-GCM encrypted (48 bytes with the tag). */
    wrappedKey: base64urlOf(48),
  }),
  z.strictObject({
    kind: z.literal('scrypt'),
    salt: base64urlOf(16),
    // Any integers here; the bounds are checked apart so that a weak setting is `kdf-params`, not a schema error.
    logN: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    nonce: nonceSchema,
    wrappedKey: base64urlOf(48),
  }),
]);
export type KeyWrap = z.infer<typeof keyWrapSchema>;

const partCommon = {
  name: z.string().regex(partNamePattern),
  /** Bytes stored in the zip (the ciphertext with its tag). */
  size: z.number().int().nonnegative().max(bundleLimits.maxPartPlainBytes + 64),
  /** SHA-256 (hex) of the stored bytes: checked before decrypting. */
  sha256: sha256HexSchema,
  /** Bytes of the plaintext: inflating stops past it, so a part cannot inflate without bound. */
  plainSize: z.number().int().nonnegative().max(bundleLimits.maxPartPlainBytes),
  /** 'none' for what deflate does not shrink (a JPEG, a PDF). */
  compression: z.enum(['deflate-raw', 'none']),
  nonce: nonceSchema,
};

export const bundlePartSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...partCommon, kind: z.literal('certificates') }),
  z.strictObject({
    ...partCommon,
    kind: z.literal('chunk'),
    /** The originating device, whose signature this is. */
    device: deviceIdSchema,
    count: z.number().int().positive().max(bundleLimits.maxChunkChanges),
    minSeq: seqSchema,
    maxSeq: seqSchema,
    scope: z.array(countryCodeSchema).max(50),
    signature: signatureSchema,
  }),
  z.strictObject({ ...partCommon, kind: z.literal('attachment'), attachment: sha256HexSchema }),
]);
export type BundlePart = z.infer<typeof bundlePartSchema>;
export type ChunkPart = Extract<BundlePart, { kind: 'chunk' }>;
export type AttachmentPart = Extract<BundlePart, { kind: 'attachment' }>;

export const bundleManifestSchema = z.strictObject({
  format: z.literal(bundleFormat),
  version: z.literal(bundleFormatVersion),
  bundleId: z.uuid({ version: 'v7' }),
  createdAt: z.iso.datetime(),
  /** The device that wrote the bundle and signed this manifest (its certificate is in the certificates part). */
  exporter: z.strictObject({ deviceId: deviceIdSchema, publicKey: publicKeySchema }),
  recipient: manifestRecipientSchema,
  encryption: z.strictObject({ cipher: z.literal('AES-256-GCM'), key: keyWrapSchema }),
  scope: bundleScopeSchema,
  /** What the exporter believed the recipient already held: the bundle brings changes beyond it. */
  since: versionVectorSchema,
  /** What the recipient holds after importing (on top of `since`). */
  upTo: versionVectorSchema,
  /**
   * What the exporter itself holds: an acknowledgement of everything up to here. The exporter speaks only
   * for itself; what the server holds travels as its own signed statement (serverAck.ts) in the
   * certificates part.
   */
  ack: versionVectorSchema,
  counts: z.strictObject({ changes: count, chunks: count, attachments: count, certificates: count }),
  parts: z.array(bundlePartSchema).max(bundleLimits.maxParts),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;
