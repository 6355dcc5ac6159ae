import { Deflate } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { generateX25519KeyPair } from '../security/webCrypto';
import { defaultScryptParams } from './format';
import { deflateRaw, inflateRawBounded, newDataKey, scryptParamsProblem, unwrapKeyWithPassphrase, unwrapKeyX25519, useHostCompression, wrapKeyForX25519, wrapKeyWithPassphrase } from './crypto';

const bundleId = '0190a5b2-0000-7000-8000-000000000001';

describe('data key wrapping', () => {
  it('X25519: the recipient unwraps; another key, another bundle id or another public key do not', async () => {
    const recipient = await generateX25519KeyPair();
    const other = await generateX25519KeyPair();
    const key = newDataKey();
    const wrap = await wrapKeyForX25519(key, recipient.publicKey, bundleId);
    expect(await unwrapKeyX25519(wrap, recipient.privateKey, recipient.publicKey, bundleId)).toEqual(key);
    expect(await unwrapKeyX25519(wrap, other.privateKey, other.publicKey, bundleId)).toBeUndefined();
    expect(await unwrapKeyX25519(wrap, recipient.privateKey, recipient.publicKey, '0190a5b2-0000-7000-8000-000000000002')).toBeUndefined();
    expect(await unwrapKeyX25519(wrap, recipient.privateKey, other.publicKey, bundleId)).toBeUndefined();
    expect(await unwrapKeyX25519({ ...wrap, ephemeralPublicKey: 'A'.repeat(43) }, recipient.privateKey, recipient.publicKey, bundleId)).toBeUndefined();
    // A fresh ephemeral key each time: two wraps of the same key look unrelated.
    expect((await wrapKeyForX25519(key, recipient.publicKey, bundleId)).wrappedKey).not.toBe(wrap.wrappedKey);
  });

  it('passphrase: the same passphrase (in any Unicode normal form) unwraps, another does not', async () => {
    const key = newDataKey();
    const params = { logN: 14, r: 8, p: 1 };
    const wrap = await wrapKeyWithPassphrase(key, 'café au lait', params, bundleId);
    expect(wrap).toMatchObject(params);
    expect(await unwrapKeyWithPassphrase(wrap, 'cafe\u0301 au lait', bundleId)).toEqual(key);
    expect(await unwrapKeyWithPassphrase(wrap, 'cafe au lait', bundleId)).toBeUndefined();
  });

  it('accepts only scrypt settings within bounds, and at most 256 MiB of memory (writers use 128 MiB)', () => {
    expect(scryptParamsProblem(defaultScryptParams)).toBeUndefined();
    expect(128 * 2 ** defaultScryptParams.logN * defaultScryptParams.r).toBe(128 * 2 ** 20);
    expect(scryptParamsProblem({ logN: 14, r: 8, p: 1 })).toBeUndefined();
    // Exactly 256 MiB: the most a reader allocates.
    for (const atTheCap of [{ logN: 18, r: 8, p: 1 }, { logN: 17, r: 16, p: 1 }, { logN: 17, r: 8, p: 2 }]) expect(scryptParamsProblem(atTheCap), JSON.stringify(atTheCap)).toBeUndefined();
    for (const refused of [
      { logN: 13, r: 8, p: 1 },
      { logN: 19, r: 8, p: 1 },
      { logN: 20, r: 8, p: 1 },
      { logN: 17, r: 7, p: 1 },
      { logN: 17, r: 17, p: 1 },
      { logN: 17, r: 8, p: 5 },
      { logN: 16.5, r: 8, p: 1 },
      { logN: 18, r: 9, p: 1 },
      { logN: 18, r: 8, p: 2 },
    ])
      expect(scryptParamsProblem(refused), JSON.stringify(refused)).toBeTypeOf('string');
    expect(scryptParamsProblem({ logN: 18, r: 9, p: 1 })).toMatch(/256 MiB/);
  });
});

function bomb(megabytes: number): Uint8Array {
  const pieces: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (piece) => pieces.push(piece));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) deflate.push(zeros, i === megabytes - 1);
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  pieces.reduce((at, piece) => (out.set(piece, at), at + piece.length), 0);
  return out;
}

describe.each([
  ['the host’s streams', true],
  ['fflate', false],
])('raw deflate with %s', (_name, host) => {
  afterAll(() => useHostCompression(true));

  it('round-trips, and inflating stops at the bound', async () => {
    useHostCompression(host);
    const data = new TextEncoder().encode('a field report, '.repeat(10_000));
    const deflated = await deflateRaw(data);
    expect(deflated.length).toBeLessThan(data.length / 20);
    expect(await inflateRawBounded(deflated, data.length)).toEqual({ ok: true, bytes: data });
    expect(await inflateRawBounded(deflated, data.length - 1)).toEqual({ ok: false, reason: 'too-large' });
    expect(await inflateRawBounded(await deflateRaw(new Uint8Array()), 0)).toEqual({ ok: true, bytes: new Uint8Array() });
  });

  it('gives up on a bomb after the bound, not after inflating it', async () => {
    useHostCompression(host);
    expect(await inflateRawBounded(bomb(128), 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('answers corrupt for what is not deflate', async () => {
    useHostCompression(host);
    const result = await inflateRawBounded(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]), 1000);
    expect(result).toEqual({ ok: false, reason: 'corrupt' });
  });
});
