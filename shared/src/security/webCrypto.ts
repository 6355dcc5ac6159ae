/**
 * The slice of WebCrypto that shared code uses. Browsers, Electron's renderer and Node 20 all have it as
 * `globalThis.crypto`; shared/ is compiled without DOM or Node types, so the shape is declared here and
 * keys stay opaque (a CryptoKey in every host).
 */
export type OpaqueKey = object;

export interface SubtleLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  sign(algorithm: 'Ed25519', key: OpaqueKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: 'Ed25519', key: OpaqueKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  importKey(format: 'raw', keyData: Uint8Array, algorithm: 'Ed25519', extractable: boolean, usages: 'verify'[]): Promise<OpaqueKey>;
  exportKey(format: 'raw', key: OpaqueKey): Promise<ArrayBuffer>;
  generateKey(algorithm: 'Ed25519', extractable: boolean, usages: ('sign' | 'verify')[]): Promise<{ publicKey: OpaqueKey; privateKey: OpaqueKey }>;
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
