import { Deflate, zipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../records/canonical';
import { aesGcmDecrypt, aesGcmEncrypt, fromBase64Url, sha256Hex, signEd25519, type OpaqueKey } from '../security/webCrypto';
import type * as WebCryptoModule from '../security/webCrypto';
import { decodeChunk, encodeChunk } from './chunk';
import { dataKey, deflateRaw, inflateRawBounded, unwrapKeyX25519 } from './crypto';
import { BundleError, bundleErrorText, type BundleErrorCode } from './errors';
import { chunkSigningInput, manifestSigningInput, partAdditionalData, type BundleManifest } from './format';
import { sealChunks } from './seal';
import { ed25519KeyPair, testChanges, testIdentity, testIssuer, type TestIdentity, type TestIssuer } from './testing';
import type { BundleKey, BundleSigner, BundleTrust, SignedChunk, WriteBundleInput } from './types';
import { inspectBundle, openBundle, writeBundle } from './codec';
import { readStoredZip, writeStoredZip } from './zip';

// Decryption passes through, counted: the reader must not decrypt a chunk before its signer is known.
vi.mock('../security/webCrypto', async (importOriginal) => {
  const actual = await importOriginal<typeof WebCryptoModule>();
  return { ...actual, aesGcmDecrypt: vi.fn(actual.aesGcmDecrypt) };
});

/** The parts (by name) openBundle decrypts while `run` runs. */
async function partsDecryptedDuring(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.mocked(aesGcmDecrypt);
  spy.mockClear();
  await run().catch(() => undefined);
  return spy.mock.calls.map(([, , , additionalData]) => new TextDecoder().decode(additionalData).split('\n')[1] ?? '').filter((name) => name.startsWith('parts/'));
}

/**
 * The bad-bundle corpus (issue 5's acceptance): one valid bundle, and from it every kind of bad bundle,
 * each refused with its exact code. A refusal is all-or-nothing: openBundle returns nothing at all, so
 * nothing can be applied.
 */

let issuer: TestIssuer;
let officer: TestIdentity;
let officer2: TestIdentity;
let coordinator: TestIdentity;
let base: WriteBundleInput;
/** The valid bundle, addressed to the server: coordinator relays two officers' chunks and its own. */
let valid: Uint8Array;

const encoder = new TextEncoder();

async function refusal(bytes: Uint8Array, options: { key?: BundleKey; trust?: BundleTrust } = {}): Promise<BundleError> {
  const outcome = await openBundle(bytes, { key: options.key ?? issuer.key, trust: options.trust ?? issuer.trust() }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof BundleError)) throw new Error(`expected a BundleError, got ${outcome === undefined ? 'an opened bundle' : String(outcome)}`);
  // Every refusal has an English sentence for the server and the command-line tool.
  expect(bundleErrorText(outcome)).toMatch(/\.$/);
  return outcome;
}

async function expectRefused(bytes: Uint8Array, code: BundleErrorCode, params?: Record<string, string | number>, options?: { key?: BundleKey; trust?: BundleTrust }) {
  const error = await refusal(bytes, options);
  expect(error.code).toBe(code);
  if (params) expect(error.params).toMatchObject(params);
}

const flipBit = (bytes: Uint8Array, at: number, bit = 0) => {
  const copy = bytes.slice();
  copy[at]! ^= 1 << bit;
  return copy;
};

/** Where an entry's data starts and ends in the file (entries are views into it). */
function entrySpan(file: Uint8Array, name: string) {
  const entry = readStoredZip(file).get(name)!;
  return { start: entry.byteOffset - file.byteOffset, length: entry.length };
}

interface Tamper {
  manifest: BundleManifest;
  entries: Map<string, Uint8Array>;
  plainOf(name: string): Promise<Uint8Array>;
  /** Replaces a part's plaintext (re-encrypted with the bundle's key); the manifest's size and hash follow. */
  setPlain(name: string, plain: Uint8Array, options?: { deflated?: Uint8Array; plainSize?: number }): Promise<void>;
}

/**
 * A malicious or careless exporter: it holds the bundle's data key (here: unwrapped with the server's key)
 * and its own signing key, so it can change anything and re-sign the manifest; it cannot sign as others.
 */
async function tamper(bytes: Uint8Array, edit: (t: Tamper) => void | Promise<void>, options: { signer?: BundleSigner | null } = {}): Promise<Uint8Array> {
  const entries = new Map<string, Uint8Array>([...readStoredZip(bytes)].map(([name, data]) => [name, data.slice()]));
  const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as BundleManifest;
  let opened: OpaqueKey | undefined;
  const partKey = async () => {
    const wrap = manifest.encryption.key;
    if (wrap.kind !== 'x25519') throw new Error('tamper opens server bundles only');
    opened ??= await dataKey((await unwrapKeyX25519(wrap, issuer.encryption.privateKey, issuer.encryption.publicKey, manifest.bundleId))!);
    return opened;
  };
  const partOf = (name: string) => manifest.parts.find((part) => part.name === name)!;
  const t: Tamper = {
    manifest,
    entries,
    async plainOf(name) {
      const part = partOf(name);
      const sealed = await aesGcmDecrypt(await partKey(), fromBase64Url(part.nonce)!, entries.get(name)!, partAdditionalData(manifest.bundleId, name));
      if (part.compression === 'none') return sealed!;
      const inflated = await inflateRawBounded(sealed!, part.plainSize);
      if (!inflated.ok) throw new Error('cannot inflate');
      return inflated.bytes;
    },
    async setPlain(name, plain, extra = {}) {
      const part = partOf(name);
      const deflated = extra.deflated ?? (await deflateRaw(plain));
      const sealed = await aesGcmEncrypt(await partKey(), fromBase64Url(part.nonce)!, deflated, partAdditionalData(manifest.bundleId, name));
      entries.set(name, sealed);
      Object.assign(part, { size: sealed.length, sha256: await sha256Hex(sealed), plainSize: extra.plainSize ?? plain.length, compression: 'deflate-raw' });
    },
  };
  await edit(t);
  const manifestBytes = encoder.encode(canonicalJson(manifest));
  entries.set('manifest.json', manifestBytes);
  const signer = options.signer === undefined ? coordinator.signer : options.signer;
  if (signer) entries.set('manifest.sig', encoder.encode(await signer.sign(manifestSigningInput(manifestBytes))));
  const order = ['manifest.json', 'manifest.sig', ...[...entries.keys()].filter((name) => name.startsWith('parts/'))];
  return writeStoredZip(
    order.map((name) => ({ name, bytes: entries.get(name)! })),
    new Date('2026-03-01T10:00:00Z'),
  );
}

/** The names of the chunk parts of `device` in a bundle's manifest. */
const chunkPartsOf = (bytes: Uint8Array, device: string) => {
  const manifest = JSON.parse(new TextDecoder().decode(readStoredZip(bytes).get('manifest.json'))) as BundleManifest;
  return manifest.parts.filter((part) => part.kind === 'chunk' && part.device === device).map((part) => part.name);
};

/** A chunk signed by `identity`, with nothing checked: what a forger could produce. */
async function signedChunk(identity: TestIdentity, plain: Uint8Array, meta: Omit<SignedChunk, 'plain' | 'signature' | 'device'> & { device?: string }): Promise<SignedChunk> {
  return { device: identity.deviceId, ...meta, plain, signature: await signEd25519(identity.signingKey, await chunkSigningInput(plain)) };
}

beforeAll(async () => {
  issuer = await testIssuer();
  officer = await testIdentity({ issuer, deviceId: 'dev-officer-1', role: 'field-officer', countries: ['TH'], displayName: 'Somchai Kittisak', username: 'somchai' });
  officer2 = await testIdentity({ issuer, deviceId: 'dev-officer-2', role: 'field-officer', countries: ['TH'], displayName: 'Anong Wong', username: 'anong' });
  coordinator = await testIdentity({ issuer, deviceId: 'dev-coordinator', role: 'national-coordinator', countries: ['TH'], displayName: 'Malee Srisuk', username: 'malee' });
  const chunks = [
    ...(await sealChunks(officer.signer, testChanges({ device: officer.deviceId, author: officer.author, count: 12 }), { maxChanges: 6 })),
    ...(await sealChunks(officer2.signer, testChanges({ device: officer2.deviceId, author: `device:${officer2.deviceId}`, count: 4 }))),
    ...(await sealChunks(coordinator.signer, testChanges({ device: coordinator.deviceId, author: coordinator.author, count: 3 }))),
  ];
  const attachment = encoder.encode('a scanned report');
  base = {
    exporter: coordinator.signer,
    certificates: [coordinator.certificate, officer.certificate, officer2.certificate],
    recipient: { kind: 'server', encryptionKey: issuer.encryption.publicKey },
    scope: { global: false, countries: ['TH'] },
    since: {},
    upTo: { [officer.deviceId]: 12, [officer2.deviceId]: 4, [coordinator.deviceId]: 3 },
    ack: { [officer.deviceId]: 12, [officer2.deviceId]: 4, [coordinator.deviceId]: 3 },
    acks: {},
    chunks,
    attachments: [{ sha256: await sha256Hex(attachment), bytes: attachment }],
    now: () => new Date('2026-03-01T10:00:00Z'),
  };
  valid = await writeBundle(base);
});

describe('the corpus starts from a valid bundle', () => {
  it('opens, and the tamper tool alone changes nothing', async () => {
    expect((await openBundle(valid, { key: issuer.key, trust: issuer.trust() })).chunks).toHaveLength(4);
    const retouched = await tamper(valid, () => undefined);
    expect((await openBundle(retouched, { key: issuer.key, trust: issuer.trust() })).chunks).toHaveLength(4);
  });
});

describe('the file', () => {
  it('empty file', async () => {
    await expectRefused(new Uint8Array(), 'empty-file');
  });

  it('too large (refused by its length, before reading)', async () => {
    const huge = { length: 2 ** 31, byteOffset: 0 } as unknown as Uint8Array;
    await expectRefused(huge, 'too-large');
  });

  it('not a zip: text, a PDF, random bytes', async () => {
    await expectRefused(encoder.encode('hello, this is not a bundle'), 'not-a-zip');
    await expectRefused(encoder.encode('%PDF-1.7\n...'), 'not-a-zip');
    await expectRefused(new Uint8Array(3000).map((_, i) => (i * 7919) % 251), 'not-a-zip');
  });

  it('truncated at several cut points', async () => {
    for (const cut of [4, 30, 200, Math.floor(valid.length / 2), valid.length - 23, valid.length - 1]) {
      await expectRefused(valid.subarray(0, cut), 'truncated');
    }
  });

  it('a flipped bit in the zip headers', async () => {
    const entries = readStoredZip(valid);
    const firstPart = entrySpan(valid, 'parts/000002.bin');
    // The local header's compression method sits 8 bytes into the header, which ends where the data starts.
    const localHeader = firstPart.start - 30 - 'parts/000002.bin'.length;
    await expectRefused(flipBit(valid, localHeader + 8, 3), 'unsupported-entry', { entry: 'parts/000002.bin' });
    // The first local header's signature: no longer a zip at all.
    await expectRefused(flipBit(valid, 1), 'not-a-zip');
    // The end-of-central-directory signature: the file looks cut short.
    await expectRefused(flipBit(valid, valid.length - 22), 'truncated');
    // The central directory's local-header offset of the first entry.
    const centralOffset = new DataView(valid.buffer, valid.byteOffset).getUint32(valid.length - 22 + 16, true);
    await expectRefused(flipBit(valid, centralOffset + 42, 2), 'zip-corrupt');
    expect(entries.size).toBe(8);
  });

  it('path-traversal and unsafe names', async () => {
    for (const name of ['../x', '/abs', 'a\\b', 'parts/../../x', 'C:/windows/x', 'parts/./000001.bin']) {
      const zip = zipSync({ 'manifest.json': readStoredZip(valid).get('manifest.json')!, [name]: new Uint8Array([1, 2, 3]) }, { level: 0 });
      await expectRefused(zip, 'unsafe-entry-name', { entry: name });
    }
  });

  it('duplicate entries', async () => {
    // Rename parts/000003.bin to parts/000002.bin in the local and the central headers.
    const text = new TextDecoder('latin1').decode(valid);
    const patched = valid.slice();
    for (let at = text.indexOf('parts/000003.bin'); at >= 0; at = text.indexOf('parts/000003.bin', at + 1)) patched[at + 'parts/00000'.length] = '2'.charCodeAt(0);
    await expectRefused(patched, 'duplicate-entry', { entry: 'parts/000002.bin' });
  });

  it('a zip bomb: a deflated entry is refused without inflating it', async () => {
    const zeros = new Uint8Array(32 * 1024 * 1024);
    const zip = zipSync({ 'manifest.json': [zeros, { level: 9 }] });
    expect(zip.length).toBeLessThan(100_000);
    await expectRefused(zip, 'unsupported-entry', { entry: 'manifest.json' });
  });

  it('an entry that declares more than a bundle allows', async () => {
    const entries = [...readStoredZip(valid)].map(([name, bytes]) => ({ name, bytes }));
    entries.find((entry) => entry.name === 'manifest.sig')!.bytes = new Uint8Array(1000);
    await expectRefused(writeStoredZip(entries, new Date()), 'entry-too-large', { entry: 'manifest.sig' });
  });

  it('a missing part, an unexpected entry', async () => {
    const entries = [...readStoredZip(valid)].map(([name, bytes]) => ({ name, bytes }));
    await expectRefused(
      writeStoredZip(
        entries.filter((entry) => entry.name !== 'parts/000003.bin'),
        new Date(),
      ),
      'missing-part',
      { part: 'parts/000003.bin' },
    );
    await expectRefused(writeStoredZip([...entries, { name: 'parts/000099.bin', bytes: new Uint8Array(4) }], new Date()), 'unexpected-part', { entry: 'parts/000099.bin' });
    await expectRefused(writeStoredZip([...entries, { name: 'readme.txt', bytes: new Uint8Array(4) }], new Date()), 'unexpected-part', { entry: 'readme.txt' });
  });
});

describe('one flipped bit in each part', () => {
  it('manifest.json: a value changes, and the signature no longer matches', async () => {
    const { start } = entrySpan(valid, 'manifest.json');
    const text = new TextDecoder().decode(readStoredZip(valid).get('manifest.json'));
    const at = text.indexOf('"createdAt":"2026-03-01T10') + '"createdAt":"2026-03-01T1'.length;
    await expectRefused(flipBit(valid, start + at, 0), 'manifest-signature');
  });

  it('manifest.json: any bit, anywhere, is refused', async () => {
    const { start, length } = entrySpan(valid, 'manifest.json');
    const codes = new Set<string>();
    for (let at = 0; at < length; at += 53) codes.add((await refusal(flipBit(valid, start + at, at % 8))).code);
    expect([...codes].every((code) => ['manifest-invalid', 'manifest-signature', 'unsupported-version'].includes(code))).toBe(true);
    expect(codes.has('manifest-signature')).toBe(true);
  });

  it('manifest.sig', async () => {
    const { start } = entrySpan(valid, 'manifest.sig');
    await expectRefused(flipBit(valid, start + 10, 1), 'manifest-signature');
  });

  it('every parts/* entry', async () => {
    const names = [...readStoredZip(valid).keys()].filter((name) => name.startsWith('parts/'));
    expect(names).toHaveLength(6);
    for (const name of names) {
      const { start, length } = entrySpan(valid, name);
      await expectRefused(flipBit(valid, start + Math.floor(length / 2), 5), 'part-hash', { part: name });
    }
  });
});

describe('local headers that disagree with the central directory', () => {
  /** A copy of the valid bundle with the local header of `name` edited (offsets from the header's start). */
  const withLocalHeader = (name: string, edit: (view: DataView, header: number) => void) => {
    const copy = valid.slice();
    const header = entrySpan(valid, name).start - 30 - name.length;
    const view = new DataView(copy.buffer);
    expect(view.getUint32(header, true)).toBe(0x04034b50);
    edit(view, header);
    return copy;
  };

  it('another name, other sizes, another CRC, another method', async () => {
    const name = 'parts/000002.bin';
    await expectRefused(
      withLocalHeader(name, (view, header) => view.setUint8(header + 30 + name.length - 5, '9'.charCodeAt(0))),
      'zip-corrupt',
      { entry: name },
    );
    await expectRefused(
      withLocalHeader(name, (view, header) => view.setUint32(header + 18, view.getUint32(header + 18, true) - 16, true)),
      'zip-corrupt',
      { entry: name },
    );
    await expectRefused(
      withLocalHeader(name, (view, header) => view.setUint32(header + 22, view.getUint32(header + 22, true) + 1, true)),
      'zip-corrupt',
      { entry: name },
    );
    await expectRefused(
      withLocalHeader(name, (view, header) => view.setUint32(header + 14, view.getUint32(header + 14, true) ^ 0x80, true)),
      'zip-corrupt',
      { entry: name },
    );
    await expectRefused(
      withLocalHeader(name, (view, header) => view.setUint16(header + 8, 8, true)),
      'unsupported-entry',
      { entry: name },
    );
  });
});

describe('the manifest', () => {
  it('an unsupported format version', async () => {
    const bundle = await tamper(valid, (t) => {
      (t.manifest as { version: number }).version = 2;
    });
    await expectRefused(bundle, 'unsupported-version', { found: 2, supported: '1' });
  });

  it('counts that lie: changes, chunks, attachments, certificates', async () => {
    for (const lie of [{ changes: 20 }, { chunks: 5 }, { attachments: 0 }, { certificates: 2 }]) {
      const bundle = await tamper(valid, (t) => {
        Object.assign(t.manifest.counts, lie);
      });
      await expectRefused(bundle, 'count-mismatch');
    }
  });

  it('hashes that lie', async () => {
    const bundle = await tamper(valid, (t) => {
      t.manifest.parts[2]!.sha256 = '0'.repeat(64);
    });
    await expectRefused(bundle, 'part-hash', { part: 'parts/000003.bin' });
  });

  it('inspectBundle lists the problems in the manifest’s part order', async () => {
    const sized = await tamper(valid, (t) => {
      t.manifest.parts[2]!.size += 1;
    });
    // A size problem is found at once, a hash problem only after hashing: the earlier part still comes first.
    const { start, length } = entrySpan(sized, 'parts/000002.bin');
    const inspection = await inspectBundle(flipBit(sized, start + Math.floor(length / 2)));
    expect(inspection.problems.map((problem) => [problem.code, problem.params.part])).toEqual([
      ['part-hash', 'parts/000002.bin'],
      ['part-size', 'parts/000003.bin'],
    ]);
  });

  it('sizes that lie', async () => {
    const bundle = await tamper(valid, (t) => {
      t.manifest.parts[1]!.size += 1;
    });
    await expectRefused(bundle, 'part-size', { part: 'parts/000002.bin' });
  });

  it('parts swapped between positions do not decrypt (each is bound to its name)', async () => {
    const bundle = await tamper(valid, (t) => {
      const [a, b] = [t.entries.get('parts/000002.bin')!, t.entries.get('parts/000003.bin')!];
      t.entries.set('parts/000002.bin', b);
      t.entries.set('parts/000003.bin', a);
      const [pa, pb] = [t.manifest.parts[1]!, t.manifest.parts[2]!];
      t.manifest.parts[1] = { ...pb, name: pa.name };
      t.manifest.parts[2] = { ...pa, name: pb.name };
    });
    await expectRefused(bundle, 'part-decrypt', { part: 'parts/000002.bin' });
  });

  it('a manifest that is not valid', async () => {
    const bundle = await tamper(valid, (t) => {
      (t.manifest as { bundleId: string }).bundleId = 'not-a-uuid';
    });
    await expectRefused(bundle, 'manifest-invalid');
  });

  it('a manifest signed by a key other than the exporter’s certified one', async () => {
    const other = await ed25519KeyPair();
    const impostor: BundleSigner = { deviceId: coordinator.deviceId, publicKey: other.publicKey, sign: (data) => signEd25519(other.privateKey, data) };
    await expectRefused(await writeBundle({ ...base, exporter: impostor }), 'exporter-mismatch', { device: coordinator.deviceId });
  });
});

describe('the key', () => {
  it('wrong passphrase; a passphrase bundle opened without one; weak scrypt settings', async () => {
    const bundle = await writeBundle({ ...base, recipient: { kind: 'passphrase', passphrase: 'correct horse', kdf: { logN: 14, r: 8, p: 1 } } });
    await expectRefused(bundle, 'wrong-passphrase', undefined, { key: { kind: 'passphrase', passphrase: 'correct hose' } });
    await expectRefused(bundle, 'passphrase-needed', undefined, { key: coordinator.key });
    const weak = await tamper(bundle, (t) => {
      Object.assign(t.manifest.encryption.key, { logN: 10 });
    });
    await expectRefused(weak, 'kdf-params', undefined, { key: { kind: 'passphrase', passphrase: 'correct horse' } });
  });

  it('wrong recipient: another device’s key; the server’s bundle on a desk; a device’s bundle on the server', async () => {
    const toOfficer = await writeBundle({ ...base, recipient: { kind: 'device', deviceId: officer.deviceId, encryptionKey: officer.encryptionKeyPair.publicKey } });
    await expectRefused(toOfficer, 'wrong-recipient', { addressedTo: officer.deviceId }, { key: officer2.key });
    await expectRefused(toOfficer, 'wrong-recipient', { addressedTo: officer.deviceId }, { key: issuer.key });
    await expectRefused(valid, 'addressed-to-server', undefined, { key: officer.key });
    // A device that claims to be the recipient but holds another key does not open it either.
    await expectRefused(toOfficer, 'wrong-recipient', undefined, { key: { ...officer2.key, holder: officer.deviceId } as BundleKey });
    // Another server's key.
    const otherServer = await testIssuer();
    await expectRefused(valid, 'wrong-recipient', { addressedTo: 'server' }, { key: otherServer.key });
  });
});

describe('who signed', () => {
  it('a chunk signed by a device whose certificate is from another issuer', async () => {
    const stranger = await testIdentity({ issuer: await testIssuer(), deviceId: 'dev-stranger', countries: ['TH'] });
    const chunks = await sealChunks(stranger.signer, testChanges({ device: stranger.deviceId, author: stranger.author, count: 3 }));
    const bundle = await writeBundle({ ...base, certificates: [...base.certificates, stranger.certificate], chunks: [...base.chunks, ...chunks] });
    await expectRefused(bundle, 'unknown-device', { device: 'dev-stranger' });
    // Every signer is checked from the manifest before any chunk is decrypted: only the certificates part was.
    expect(await partsDecryptedDuring(() => openBundle(bundle, { key: issuer.key, trust: issuer.trust() }))).toEqual(['parts/000001.bin']);
  });

  it('a small bundle from an unknown issuer declaring huge plaintext: refused before any chunk is decrypted', async () => {
    const strangers = await testIssuer();
    const stranger = await testIdentity({ issuer: strangers, deviceId: 'dev-stranger-exporter', countries: ['TH'] });
    const chunks = await sealChunks(stranger.signer, testChanges({ device: stranger.deviceId, author: stranger.author, count: 40 }), { maxChanges: 10 });
    const fromStranger = await writeBundle({ ...base, exporter: stranger.signer, certificates: [stranger.certificate], chunks, attachments: [] });
    // Each chunk becomes `plainSize` zeros, which deflate to about a thousandth of that.
    const bombs = (plainSize: number) =>
      tamper(
        fromStranger,
        async (t) => {
          const zeros = new Uint8Array(plainSize);
          for (const part of t.manifest.parts) if (part.kind === 'chunk') await t.setPlain(part.name, zeros);
        },
        { signer: stranger.signer },
      );
    const withinBudget = await bombs(64 * 1024);
    expect(JSON.parse(new TextDecoder().decode(readStoredZip(withinBudget).get('manifest.json'))).parts.length).toBe(5);
    await expectRefused(withinBudget, 'unknown-device', { device: stranger.deviceId });
    expect(await partsDecryptedDuring(() => openBundle(withinBudget, { key: issuer.key, trust: issuer.trust() }))).toEqual(['parts/000001.bin']);

    // Declaring more than 64 plaintext bytes per byte of file: refused before the key is even unwrapped.
    const huge = await bombs(1024 * 1024);
    expect(huge.length * 64).toBeLessThan(4 * 1024 * 1024);
    await expectRefused(huge, 'too-large', { limit: huge.length * 64 });
    expect(await partsDecryptedDuring(() => openBundle(huge, { key: issuer.key, trust: issuer.trust() }))).toEqual([]);
  });

  it('a chunk signed by a device with no certificate in the bundle', async () => {
    const bundle = await tamper(valid, async (t) => {
      const plain = await t.plainOf('parts/000001.bin');
      const payload = JSON.parse(new TextDecoder().decode(plain)) as { certificates: { body: { deviceId: string } }[] };
      payload.certificates = payload.certificates.filter((certificate) => certificate.body.deviceId !== officer2.deviceId);
      await t.setPlain('parts/000001.bin', encoder.encode(canonicalJson(payload)));
      t.manifest.counts.certificates = 2;
    });
    await expectRefused(bundle, 'unknown-device', { device: officer2.deviceId });
  });

  it('a device the server never enrolled', async () => {
    await expectRefused(valid, 'unknown-device', { device: officer2.deviceId }, { trust: { ...issuer.trust(), isKnownDevice: (device) => device !== officer2.deviceId } });
  });

  it('a certificate that claims the trusted issuer but is forged', async () => {
    const forged = { ...officer2.certificate, body: { ...officer2.certificate.body, role: 'secretariat' as const } };
    await expectRefused(await writeBundle({ ...base, certificates: [coordinator.certificate, officer.certificate, forged] }), 'certificates-invalid', { device: officer2.deviceId });
  });

  it('a chunk signed by a revoked device: known to the reader', async () => {
    await expectRefused(valid, 'revoked-device', { device: officer.deviceId }, { trust: issuer.trust([officer.deviceId]) });
  });

  it('a chunk signed by a revoked device: learnt from the newer revocation list the bundle carries', async () => {
    const revocations = await issuer.revocations([{ deviceId: officer2.deviceId }]);
    await expectRefused(await writeBundle({ ...base, revocations }), 'revoked-device', { device: officer2.deviceId });
  });

  it('a bundle exported by a revoked device', async () => {
    await expectRefused(valid, 'revoked-device', { device: coordinator.deviceId }, { trust: issuer.trust([coordinator.deviceId]) });
  });

  it('a revocation list not signed by the trusted issuer', async () => {
    const revocations = await issuer.revocations([]);
    const forged = { ...revocations, body: { ...revocations.body, revoked: [] as typeof revocations.body.revoked, issuedAt: '2030-01-01T00:00:00.000Z' } };
    await expectRefused(await writeBundle({ ...base, revocations: forged }), 'revocations-invalid');
  });

  it('a relayed chunk altered by the relaying device (which re-signs the manifest but cannot re-sign the chunk)', async () => {
    const [name] = chunkPartsOf(valid, officer.deviceId);
    const bundle = await tamper(valid, async (t) => {
      const { device, changes } = decodeChunk(await t.plainOf(name!));
      changes[0]!.value = 'altered by the coordinator';
      await t.setPlain(name!, encodeChunk(device, changes));
    });
    await expectRefused(bundle, 'chunk-signature', { device: officer.deviceId, part: name! });
  });

  it('a relay that re-signs an officer’s changes as its own', async () => {
    const officerChanges = testChanges({ device: officer.deviceId, author: officer.author, count: 3, firstSeq: 20 });
    const chunk = await signedChunk(coordinator, encodeChunk(officer.deviceId, officerChanges), { device: coordinator.deviceId, count: 3, minSeq: 20, maxSeq: 22, scope: ['TH'] });
    await expectRefused(await writeBundle({ ...base, chunks: [...base.chunks, chunk] }), 'chunk-mismatch', { device: coordinator.deviceId });
  });
});

describe('what they signed', () => {
  it('changes outside the exporter’s or the originator’s countries', async () => {
    const outside = await sealChunks(officer.signer, testChanges({ device: officer.deviceId, author: officer.author, count: 2, firstSeq: 13, scope: ['VN'] }));
    await expectRefused(await writeBundle({ ...base, chunks: [...base.chunks, ...outside] }), 'outside-scope', { device: officer.deviceId, country: 'VN' });
    const noCountry = await sealChunks(officer.signer, testChanges({ device: officer.deviceId, author: officer.author, count: 2, firstSeq: 13, scope: [] }));
    await expectRefused(await writeBundle({ ...base, chunks: [...base.chunks, ...noCountry] }), 'outside-scope', { device: officer.deviceId });
    // A Vietnamese officer's changes, relayed by the Thai coordinator: the officer may, the exporter may not see them.
    const vietnamese = await testIdentity({ issuer, deviceId: 'dev-vn', countries: ['VN'] });
    const theirs = await sealChunks(vietnamese.signer, testChanges({ device: vietnamese.deviceId, author: vietnamese.author, count: 2, scope: ['VN'] }));
    await expectRefused(await writeBundle({ ...base, certificates: [...base.certificates, vietnamese.certificate], chunks: [...base.chunks, ...theirs] }), 'outside-scope', {
      device: vietnamese.deviceId,
      country: 'VN',
    });
  });

  it('a global role sees everything', async () => {
    const secretariat = await testIdentity({ issuer, deviceId: 'dev-secretariat', role: 'secretariat', countries: [] });
    const anywhere = await sealChunks(secretariat.signer, testChanges({ device: secretariat.deviceId, author: secretariat.author, count: 2, scope: [] }));
    const bundle = await writeBundle({ ...base, exporter: secretariat.signer, certificates: [secretariat.certificate], chunks: anywhere, attachments: [] });
    expect((await openBundle(bundle, { key: issuer.key, trust: issuer.trust() })).chunks).toHaveLength(1);
  });

  it('a forged author: changes signed by a device in someone else’s name', async () => {
    const forged = await sealChunks(officer.signer, testChanges({ device: officer.deviceId, author: officer2.author, count: 2, firstSeq: 13 }));
    await expectRefused(await writeBundle({ ...base, chunks: [...base.chunks, ...forged] }), 'forged-author', { device: officer.deviceId, author: officer2.author });
  });

  it('a chunk that does not decode', async () => {
    const garbage = await signedChunk(officer, encoder.encode('["step-chunk",1,"dev-officer-1",[],[],["organization"]]'), { count: 1, minSeq: 30, maxSeq: 30, scope: ['TH'] });
    await expectRefused(await writeBundle({ ...base, chunks: [...base.chunks, garbage] }), 'chunk-invalid');
  });

  it('a chunk whose count, seq range or scope differ from the manifest', async () => {
    const changes = testChanges({ device: officer.deviceId, author: officer.author, count: 3, firstSeq: 13 });
    const plain = encodeChunk(officer.deviceId, changes);
    for (const meta of [
      { count: 2, minSeq: 13, maxSeq: 15, scope: ['TH'] },
      { count: 3, minSeq: 13, maxSeq: 16, scope: ['TH'] },
      { count: 3, minSeq: 13, maxSeq: 15, scope: ['TH', 'VN'] },
    ]) {
      const chunk = await signedChunk(officer, plain, meta);
      await expectRefused(await writeBundle({ ...base, chunks: [...base.chunks, chunk] }), 'chunk-mismatch', { device: officer.deviceId });
    }
  });

  it('a part whose plaintext inflates beyond its declared size (memory stays bounded)', async () => {
    // 64 MiB of zeros deflate to about 64 KiB; the manifest claims 1,000 bytes.
    const pieces: Uint8Array[] = [];
    const deflate = new Deflate({ level: 9 }, (piece) => pieces.push(piece));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 64; i++) deflate.push(zeros, i === 63);
    const bomb = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
    pieces.reduce((at, piece) => (bomb.set(piece, at), at + piece.length), 0);
    const [name] = chunkPartsOf(valid, officer.deviceId);
    const bundle = await tamper(valid, (t) => t.setPlain(name!, new Uint8Array(1000), { deflated: bomb, plainSize: 1000 }));
    await expectRefused(bundle, 'part-too-large', { part: name!, limit: 1000 });
  });
});

describe('every refusal returns nothing', () => {
  it('openBundle either returns a bundle that passed everything or throws', async () => {
    // The signature of openBundle is the guarantee; this checks that a late failure (the last part) still throws.
    const last = [...readStoredZip(valid).keys()].at(-1)!;
    const { start, length } = entrySpan(valid, last);
    await expect(openBundle(flipBit(valid, start + length - 1), { key: issuer.key, trust: issuer.trust() })).rejects.toBeInstanceOf(BundleError);
  });
});
