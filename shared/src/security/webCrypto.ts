/**
 * The slice of WebCrypto that shared code uses. Browsers, Electron's renderer and Node 20 all have it as
 * `globalThis.crypto`; shared/ is compiled without DOM or Node types, so the shape is declared here and
 * keys stay opaque (a CryptoKey in every host).
 */
export type OpaqueKey = object;

export interface AesGcmParams {
  name: 'AES-GCM';
  iv: Uint8Array;
  additionalData?: Uint8Array;
}

export interface SubtleLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  sign(algorithm: 'Ed25519', key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: 'Ed25519', key: OpaqueKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'Ed25519', extractable: boolean, usages: 'verify'[]): Promise<OpaqueKey>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'X25519', extractable: boolean, usages: never[]): Promise<OpaqueKey>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'HKDF', extractable: false, usages: 'deriveBits'[]): Promise<OpaqueKey>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'AES-GCM', extractable: boolean, usages: ('encrypt' | 'decrypt')[]): Promise<OpaqueKey>;
  exportKey(format: 'raw', key: OpaqueKey): Promise<ArrayBuffer>;
  generateKey(algorithm: 'Ed25519', extractable: boolean, usages: ('sign' | 'verify')[]): Promise<{ publicKey: OpaqueKey; privateKey: OpaqueKey }>;
  generateKey(algorithm: 'X25519', extractable: boolean, usages: 'deriveBits'[]): Promise<{ publicKey: OpaqueKey; privateKey: OpaqueKey }>;
  deriveBits(algorithm: { name: 'X25519'; public: OpaqueKey }, baseKey: OpaqueKey, length: number): Promise<ArrayBuffer>;
  deriveBits(algorithm: { name: 'HKDF'; hash: 'SHA-256'; salt: Uint8Array; info: Uint8Array }, baseKey: OpaqueKey, length: number): Promise<ArrayBuffer>;
  encrypt(algorithm: AesGcmParams, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
}

export interface WebCryptoLike {
  subtle: SubtleLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

export function webCrypto(): WebCryptoLike {
  const found = (globalThis as unknown as { crypto?: WebCryptoLike }).crypto;
  if (!found?.subtle) throw new Error('WebCrypto is not available in this host');
  return found;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const alphabetIndex = new Map([...alphabet].map((char, index) => [char, index]));

/** Base64url without padding (RFC 4648 section 5). Hand-written: shared/ has neither btoa nor Buffer. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += alphabet[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Undefined for anything that is not canonical base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of text) {
    const value = alphabetIndex.get(char);
    if (value === undefined) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 255;
    }
  }
  // Leftover bits must be zero, or two texts would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await webCrypto().subtle.digest('SHA-256', data)));
}

export async function signEd25519(privateKey: OpaqueKey, data: Uint8Array): Promise<string> {
  return toBase64Url(new Uint8Array(await webCrypto().subtle.sign('Ed25519', privateKey, data)));
}

/** False (never a throw) for a malformed key or signature: hostile input is an answer, not an error. */
export async function verifyEd25519(publicKeyBase64Url: string, signatureBase64Url: string, data: Uint8Array): Promise<boolean> {
  const raw = fromBase64Url(publicKeyBase64Url);
  const signature = fromBase64Url(signatureBase64Url);
  if (raw?.length !== 32 || signature?.length !== 64) return false;
  try {
    const key = await webCrypto().subtle.importKey('raw', raw, 'Ed25519', false, ['verify']);
    return await webCrypto().subtle.verify('Ed25519', key, signature, data);
  } catch {
    return false;
  }
}

export function randomToken(bytes = 32): string {
  return toBase64Url(webCrypto().getRandomValues(new Uint8Array(bytes)));
}

/** Random bytes from the host's CSPRNG. */
export function randomBytes(length: number): Uint8Array {
  return webCrypto().getRandomValues(new Uint8Array(length));
}

/**
 * A new X25519 key pair (for bundle encryption, issue 5). The private key stays a CryptoKey (IndexedDB
 * stores it as it is; `extractable` false by default so a script cannot read it out); the public key is
 * the raw 32 bytes, base64url.
 */
export async function generateX25519KeyPair(extractable = false): Promise<{ publicKey: string; privateKey: OpaqueKey }> {
  const pair = await webCrypto().subtle.generateKey('X25519', extractable, ['deriveBits']);
  return { publicKey: toBase64Url(new Uint8Array(await webCrypto().subtle.exportKey('raw', pair.publicKey))), privateKey: pair.privateKey };
}

/** The X25519 shared secret of our private key and their public key (base64url); undefined for a malformed or low-order key. */
export async function x25519SharedSecret(privateKey: OpaqueKey, publicKeyBase64Url: string): Promise<Uint8Array | undefined> {
  const raw = fromBase64Url(publicKeyBase64Url);
  if (raw?.length !== 32) return undefined;
  try {
    const publicKey = await webCrypto().subtle.importKey('raw', raw, 'X25519', true, []);
    return new Uint8Array(await webCrypto().subtle.deriveBits({ name: 'X25519', public: publicKey }, privateKey, 256));
  } catch {
    return undefined;
  }
}

/** HKDF-SHA256 (RFC 5869): `length` bytes from input key material, salt and info. */
export async function hkdfSha256(keyMaterial: Uint8Array, salt: Uint8Array, info: Uint8Array, length = 32): Promise<Uint8Array> {
  const key = await webCrypto().subtle.importKey('raw', keyMaterial, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await webCrypto().subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8));
}

/** An AES-256-GCM key from 32 raw bytes, for repeated use (one import per bundle, not per part). */
export function importAesGcmKey(raw: Uint8Array): Promise<OpaqueKey> {
  return webCrypto().subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** AES-GCM encryption with a 12-byte nonce; the result is the ciphertext followed by the 16-byte tag. */
export async function aesGcmEncrypt(key: OpaqueKey, nonce: Uint8Array, plain: Uint8Array, additionalData: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await webCrypto().subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData }, key, plain));
}

/** The plaintext, or undefined when the tag does not check (a wrong key, or altered bytes): never a throw. */
export async function aesGcmDecrypt(key: OpaqueKey, nonce: Uint8Array, sealed: Uint8Array, additionalData: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await webCrypto().subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData }, key, sealed));
  } catch {
    return undefined;
  }
}
