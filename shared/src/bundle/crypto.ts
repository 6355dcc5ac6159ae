import { scryptAsync } from '@noble/hashes/scrypt.js';
import { Deflate, Inflate } from 'fflate';
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  fromBase64Url,
  generateX25519KeyPair,
  hkdfSha256,
  importAesGcmKey,
  randomBytes,
  toBase64Url,
  x25519SharedSecret,
  type OpaqueKey,
} from '../security/webCrypto';
import { concatBytes } from './bytes';
import { keyWrapAdditionalData, maxScryptMemoryBytes, scryptBounds, type KeyWrap } from './format';
import type { ScryptParams } from './types';

/**
 * The bundle's cryptography (docs/bundle-format.md § Encryption): one random AES-256-GCM data key per
 * bundle encrypts every part; the data key is wrapped to the recipient's X25519 key (ECDH with a fresh
 * ephemeral key, HKDF-SHA256) or to a passphrase (scrypt). Parts are raw-deflated before encryption and
 * inflated afterwards with a hard bound on the output.
 */

const encoder = new TextEncoder();
const hkdfInfo = encoder.encode('STEP-BUNDLE-1 key wrap');

export const newDataKey = () => randomBytes(32);
export const newNonce = () => randomBytes(12);
export const dataKey = (raw: Uint8Array) => importAesGcmKey(raw);

async function x25519WrappingKey(privateKey: OpaqueKey, theirPublicKey: string, ephemeralPublicKey: string, recipientPublicKey: string) {
  const shared = await x25519SharedSecret(privateKey, theirPublicKey);
  if (!shared) return undefined;
  // Both public keys in the salt bind the wrapping key to this exchange (as in HPKE's key schedule).
  const salt = concatBytes(fromBase64Url(ephemeralPublicKey)!, fromBase64Url(recipientPublicKey)!);
  return importAesGcmKey(await hkdfSha256(shared, salt, hkdfInfo));
}

export async function wrapKeyForX25519(rawDataKey: Uint8Array, recipientPublicKey: string, bundleId: string): Promise<Extract<KeyWrap, { kind: 'x25519' }>> {
  const ephemeral = await generateX25519KeyPair();
  const wrappingKey = await x25519WrappingKey(ephemeral.privateKey, recipientPublicKey, ephemeral.publicKey, recipientPublicKey);
  if (!wrappingKey) throw new Error('the recipient’s encryption key is not a valid X25519 key');
  const nonce = newNonce();
  const wrapped = await aesGcmEncrypt(wrappingKey, nonce, rawDataKey, keyWrapAdditionalData(bundleId));
  return { kind: 'x25519', ephemeralPublicKey: ephemeral.publicKey, nonce: toBase64Url(nonce), wrappedKey: toBase64Url(wrapped) };
}

/** The raw data key, or undefined when this private key is not the one the bundle was wrapped to. */
export async function unwrapKeyX25519(wrap: Extract<KeyWrap, { kind: 'x25519' }>, privateKey: OpaqueKey, ownPublicKey: string, bundleId: string): Promise<Uint8Array | undefined> {
  const wrappingKey = await x25519WrappingKey(privateKey, wrap.ephemeralPublicKey, wrap.ephemeralPublicKey, ownPublicKey);
  if (!wrappingKey) return undefined;
  const raw = await aesGcmDecrypt(wrappingKey, fromBase64Url(wrap.nonce)!, fromBase64Url(wrap.wrappedKey)!, keyWrapAdditionalData(bundleId));
  return raw?.length === 32 ? raw : undefined;
}


/** Why these scrypt parameters are refused (a detail for `kdf-params`), or undefined when they are acceptable. */
export function scryptParamsProblem(params: ScryptParams): string | undefined {
  const within = (value: number, [low, high]: readonly [number, number]) => Number.isInteger(value) && value >= low && value <= high;
  if (!within(params.logN, scryptBounds.logN)) return `logN ${params.logN} outside ${scryptBounds.logN.join('..')}`;
  if (!within(params.r, scryptBounds.r)) return `r ${params.r} outside ${scryptBounds.r.join('..')}`;
  if (!within(params.p, scryptBounds.p)) return `p ${params.p} outside ${scryptBounds.p.join('..')}`;
  if (128 * 2 ** params.logN * params.r * params.p > maxScryptMemoryBytes) return `more than ${maxScryptMemoryBytes / 2 ** 20} MiB of memory`;
  return undefined;
}

async function passphraseWrappingKey(passphrase: string, salt: Uint8Array, params: ScryptParams) {
  // NFC: the same passphrase typed on two keyboards (composed or decomposed accents) gives the same key.
  const raw = await scryptAsync(encoder.encode(passphrase.normalize('NFC')), salt, {
    N: 2 ** params.logN,
    r: params.r,
    p: params.p,
    dkLen: 32,
    maxmem: maxScryptMemoryBytes + 1024 * 1024,
  });
  return importAesGcmKey(raw);
}

export async function wrapKeyWithPassphrase(rawDataKey: Uint8Array, passphrase: string, params: ScryptParams, bundleId: string): Promise<Extract<KeyWrap, { kind: 'scrypt' }>> {
  const problem = scryptParamsProblem(params);
  if (problem) throw new Error(`scrypt parameters refused: ${problem}`);
  const salt = randomBytes(16);
  const nonce = newNonce();
  const wrapped = await aesGcmEncrypt(await passphraseWrappingKey(passphrase, salt, params), nonce, rawDataKey, keyWrapAdditionalData(bundleId));
  return { kind: 'scrypt', salt: toBase64Url(salt), logN: params.logN, r: params.r, p: params.p, nonce: toBase64Url(nonce), wrappedKey: toBase64Url(wrapped) };
}

/** The raw data key, or undefined for a wrong passphrase. The caller checks the parameters first. */
export async function unwrapKeyWithPassphrase(wrap: Extract<KeyWrap, { kind: 'scrypt' }>, passphrase: string, bundleId: string): Promise<Uint8Array | undefined> {
  const key = await passphraseWrappingKey(passphrase, fromBase64Url(wrap.salt)!, wrap);
  const raw = await aesGcmDecrypt(key, fromBase64Url(wrap.nonce)!, fromBase64Url(wrap.wrappedKey)!, keyWrapAdditionalData(bundleId));
  return raw?.length === 32 ? raw : undefined;
}

// ---- raw deflate, bounded inflate ----

interface TransformLike {
  readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } };
  writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(reason?: unknown): Promise<void> } };
}
type StreamConstructor = new (format: 'deflate-raw') => TransformLike;

/** The host's native (de)compression streams when it has them (browsers, Electron, Node 20): several times faster than JavaScript. */
function hostStream(name: 'CompressionStream' | 'DecompressionStream'): StreamConstructor | undefined {
  const found = (globalThis as unknown as Record<string, StreamConstructor | undefined>)[name];
  if (!found) return undefined;
  try {
    new found('deflate-raw');
    return found;
  } catch {
    return undefined; // a host whose streams lack 'deflate-raw'
  }
}
let compressionStream: StreamConstructor | undefined | null = null;
let decompressionStream: StreamConstructor | undefined | null = null;
/** For tests: force the JavaScript fallback (fflate) or the host's streams. */
export function useHostCompression(enabled: boolean) {
  compressionStream = enabled ? hostStream('CompressionStream') : undefined;
  decompressionStream = enabled ? hostStream('DecompressionStream') : undefined;
}

/**
 * Runs `data` through a transform stream, handing each output piece to `take`, which may answer false to
 * stop early (the stream is then cancelled: nothing more is produced or held).
 */
async function pump(stream: TransformLike, data: Uint8Array, take: (piece: Uint8Array) => boolean): Promise<void> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Writing and reading run together: awaiting the write first would deadlock on backpressure.
  const writing = writer.write(data).then(() => writer.close());
  writing.catch(() => undefined);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value && !take(value)) {
      await reader.cancel().catch(() => undefined);
      await writer.abort().catch(() => undefined);
      return;
    }
  }
  await writing;
}

export async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  if (compressionStream === null) compressionStream = hostStream('CompressionStream');
  const pieces: Uint8Array[] = [];
  if (compressionStream) {
    await pump(new compressionStream('deflate-raw'), data, (piece) => pieces.push(piece) > 0);
  } else {
    const deflate = new Deflate({ level: 6 }, (piece) => pieces.push(piece));
    deflate.push(data, true);
  }
  return pieces.length === 1 ? pieces[0]! : concatBytes(...pieces);
}

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'corrupt' };

/**
 * Inflates raw deflate data, giving up as soon as the output passes `limit` bytes: a part that claims a
 * small plaintext but inflates to gigabytes costs at most `limit` bytes of memory and the time to reach it.
 */
export async function inflateRawBounded(data: Uint8Array, limit: number): Promise<InflateResult> {
  if (decompressionStream === null) decompressionStream = hostStream('DecompressionStream');
  const pieces: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const take = (piece: Uint8Array) => {
    total += piece.length;
    if (total > limit) {
      tooLarge = true;
      return false;
    }
    pieces.push(piece);
    return true;
  };
  try {
    if (decompressionStream) {
      await pump(new decompressionStream('deflate-raw'), data, take);
    } else {
      let ended = false;
      const inflate = new Inflate((piece, final) => {
        if (!tooLarge) take(piece);
        if (final) ended = true;
        if (tooLarge) throw new Error('bound');
      });
      // fflate inflates a whole push at once; 4 KiB of input inflates to at most about 4 MiB, so the bound
      // stops it soon after it is passed.
      const slice = 4096;
      for (let at = 0; at < data.length && !tooLarge; at += slice) {
        try {
          inflate.push(data.subarray(at, at + slice), at + slice >= data.length);
        } catch (error) {
          if (!tooLarge) throw error;
        }
      }
      if (!tooLarge && !ended) return { ok: false, reason: 'corrupt' };
    }
  } catch {
    return tooLarge ? { ok: false, reason: 'too-large' } : { ok: false, reason: 'corrupt' };
  }
  if (tooLarge) return { ok: false, reason: 'too-large' };
  return { ok: true, bytes: pieces.length === 1 ? pieces[0]! : concatBytes(...pieces) };
}
