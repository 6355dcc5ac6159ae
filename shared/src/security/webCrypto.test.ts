import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, sha256Hex, signEd25519, toBase64Url, verifyEd25519, webCrypto } from './webCrypto';

describe('base64url', () => {
  it('round-trips any bytes and matches the standard encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(text.length).toBe(Math.ceil((bytes.length * 4) / 3));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('matches RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) expect(toBase64Url(new TextEncoder().encode(plain))).toBe(encoded);
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('refuses what is not canonical base64url', () => {
    for (const bad of ['a', 'ab+c', 'ab/c', 'ab=c', 'AB', 'é']) expect(fromBase64Url(bad)).toBeUndefined();
  });
});

describe('Ed25519', () => {
  it('verifies its own signatures and nothing else, without throwing on garbage', async () => {
    const keys = await webCrypto().subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    const publicKey = toBase64Url(new Uint8Array(await webCrypto().subtle.exportKey('raw', keys.publicKey)));
    const data = new TextEncoder().encode('hello');
    const signature = await signEd25519(keys.privateKey, data);
    expect(await verifyEd25519(publicKey, signature, data)).toBe(true);
    expect(await verifyEd25519(publicKey, signature, new TextEncoder().encode('hellO'))).toBe(false);
    expect(await verifyEd25519(publicKey, 'not a signature', data)).toBe(false);
    expect(await verifyEd25519('short', signature, data)).toBe(false);
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('X25519, HKDF and AES-GCM', () => {
  it('agree on a shared secret, derive keys, and refuse altered ciphertext without throwing', async () => {
    const { aesGcmDecrypt, aesGcmEncrypt, generateX25519KeyPair, hkdfSha256, importAesGcmKey, randomBytes, x25519SharedSecret } = await import('./webCrypto');
    const alice = await generateX25519KeyPair();
    const bob = await generateX25519KeyPair();
    const secret = await x25519SharedSecret(alice.privateKey, bob.publicKey);
    expect(secret).toHaveLength(32);
    expect(await x25519SharedSecret(bob.privateKey, alice.publicKey)).toEqual(secret);
    expect(await x25519SharedSecret(bob.privateKey, 'short')).toBeUndefined();
    // RFC 5869 test case 3 (no salt, no info): the first bytes of the output.
    const okm = await hkdfSha256(new Uint8Array(22).fill(0x0b), new Uint8Array(), new Uint8Array(), 42);
    expect(toBase64Url(okm.subarray(0, 6))).toBe(toBase64Url(new Uint8Array([0x8d, 0xa4, 0xe7, 0x75, 0xa5, 0x63])));
    const key = await importAesGcmKey(await hkdfSha256(secret!, new Uint8Array(), new TextEncoder().encode('test')));
    const nonce = randomBytes(12);
    const ad = new TextEncoder().encode('ad');
    const sealed = await aesGcmEncrypt(key, nonce, new TextEncoder().encode('secret'), ad);
    expect(new TextDecoder().decode(await aesGcmDecrypt(key, nonce, sealed, ad))).toBe('secret');
    const altered = sealed.slice();
    altered[0]! ^= 1;
    expect(await aesGcmDecrypt(key, nonce, altered, ad)).toBeUndefined();
    expect(await aesGcmDecrypt(key, nonce, sealed, new TextEncoder().encode('other'))).toBeUndefined();
  });
});
