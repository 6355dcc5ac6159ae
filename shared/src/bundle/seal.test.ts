import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '../security/webCrypto';
import { decodeChunk } from './chunk';
import { chunkSigningInput } from './format';
import { scopeKey, sealChunks } from './seal';
import { testChanges, testIdentity, testIssuer } from './testing';

describe('sealChunks', () => {
  it('groups a device’s changes by scope, in seq order, cut at maxChanges, each chunk signed by the device', async () => {
    const issuer = await testIssuer();
    const device = await testIdentity({ issuer, deviceId: 'dev-seal', countries: ['TH', 'VN'] });
    const thai = testChanges({ device: device.deviceId, author: device.author, count: 5, scope: ['TH'] });
    const both = testChanges({ device: device.deviceId, author: device.author, count: 3, scope: ['VN', 'TH'], firstSeq: 6 });
    const thaiAgain = testChanges({ device: device.deviceId, author: device.author, count: 2, scope: ['TH'], firstSeq: 9 });
    const shuffled = [...thaiAgain, ...both.reverse(), ...thai];
    const chunks = await sealChunks(device.signer, shuffled, { maxChanges: 4 });
    expect(chunks.map((chunk) => [chunk.scope.join(','), chunk.minSeq, chunk.maxSeq, chunk.count])).toEqual([
      ['TH', 1, 4, 4],
      ['TH', 5, 10, 3],
      ['TH,VN', 6, 8, 3],
    ]);
    for (const chunk of chunks) {
      expect(chunk.device).toBe(device.deviceId);
      expect(await verifyEd25519(device.signer.publicKey, chunk.signature, await chunkSigningInput(chunk.plain))).toBe(true);
      const decoded = decodeChunk(chunk.plain).changes;
      expect(decoded.map((change) => change.seq)).toEqual([...decoded.map((change) => change.seq)].sort((a, b) => a - b));
      expect(decoded.every((change) => scopeKey(change.scope) === scopeKey(chunk.scope))).toBe(true);
    }
    expect(chunks.flatMap((chunk) => decodeChunk(chunk.plain).changes.map((change) => change.seq)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('seals only the device’s own changes, each once', async () => {
    const issuer = await testIssuer();
    const device = await testIdentity({ issuer, deviceId: 'dev-seal' });
    const others = testChanges({ device: 'dev-other', author: 'user:x', count: 1 });
    await expect(sealChunks(device.signer, others)).rejects.toThrow(/not of device/);
    const mine = testChanges({ device: device.deviceId, author: device.author, count: 2 });
    await expect(sealChunks(device.signer, [...mine, mine[0]!])).rejects.toThrow(/twice/);
    await expect(sealChunks(device.signer, mine, { maxChanges: 5001 })).rejects.toThrow();
    expect(await sealChunks(device.signer, [])).toEqual([]);
  });
});
