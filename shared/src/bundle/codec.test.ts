import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../security/webCrypto';
import { openBundle, inspectBundle, writeBundle } from './codec';
import { BundleError } from './errors';
import type { WriteBundleInput } from './types';
import { sealChunks } from './seal';
import { signServerAck } from './serverAck';
import { testChanges, testIdentity, testIssuer } from './testing';
import { readStoredZip } from './zip';

const smallKdf = { logN: 14, r: 8, p: 1 };

async function world() {
  const issuer = await testIssuer();
  const officer = await testIdentity({ issuer, deviceId: 'dev-officer', role: 'field-officer', countries: ['TH'], username: 'somchai.k', displayName: 'Somchai Kittisak' });
  const coordinator = await testIdentity({ issuer, deviceId: 'dev-coord', role: 'national-coordinator', countries: ['TH'], username: 'malee.s', displayName: 'Malee Srisuk' });
  const officerChanges = testChanges({ device: officer.deviceId, author: officer.author, count: 23 });
  const coordinatorChanges = testChanges({ device: coordinator.deviceId, author: coordinator.author, count: 7, scope: ['TH', 'VN'].filter((c) => c === 'TH') as ['TH'] });
  const officerChunks = await sealChunks(officer.signer, officerChanges, { maxChanges: 10 });
  const coordinatorChunks = await sealChunks(coordinator.signer, coordinatorChanges);
  const attachment = new TextEncoder().encode('%PDF- a field report scan');
  const input: WriteBundleInput = {
    exporter: coordinator.signer,
    certificates: [coordinator.certificate, officer.certificate],
    recipient: { kind: 'server', encryptionKey: issuer.encryption.publicKey },
    scope: { global: false, countries: ['TH'] },
    since: {},
    upTo: { [officer.deviceId]: 23, [coordinator.deviceId]: 7 },
    ack: { [officer.deviceId]: 23, [coordinator.deviceId]: 7 },
    chunks: [...officerChunks, ...coordinatorChunks],
    attachments: [{ sha256: await sha256Hex(attachment), bytes: attachment }],
    now: () => new Date('2026-03-01T10:00:00Z'),
  };
  return { issuer, officer, coordinator, officerChanges, coordinatorChanges, input, attachment };
}

describe('writeBundle → openBundle', () => {
  it('round-trips changes, attachments, certificates and vectors for the server, a device and a passphrase', async () => {
    const w = await world();
    const recipients = [
      { recipient: w.input.recipient, key: w.issuer.key },
      { recipient: { kind: 'device' as const, deviceId: w.officer.deviceId, encryptionKey: w.officer.encryptionKeyPair.publicKey }, key: w.officer.key },
      { recipient: { kind: 'passphrase' as const, passphrase: 'blue river 42', kdf: smallKdf }, key: { kind: 'passphrase' as const, passphrase: 'blue river 42' } },
    ];
    for (const { recipient, key } of recipients) {
      const phases = new Set<string>();
      const bytes = await writeBundle({ ...w.input, recipient, onProgress: (p) => phases.add(p.phase) });
      expect(phases).toEqual(new Set(['encrypt', 'zip']));
      const opened = await openBundle(bytes, { key, trust: w.issuer.trust(), onProgress: (p) => phases.add(p.phase) });
      expect(phases).toEqual(new Set(['encrypt', 'zip', 'read', 'decrypt', 'verify']));
      expect(opened.chunks.flatMap((chunk) => chunk.changes)).toEqual([...w.officerChanges, ...w.coordinatorChanges]);
      expect([...opened.attachments.values()]).toEqual([w.attachment]);
      expect(opened.certificates.get(w.officer.deviceId)).toEqual(w.officer.certificate);
      expect(opened.certificates.get(w.coordinator.deviceId)).toEqual(w.coordinator.certificate);
      expect(opened.manifest.counts).toEqual({ changes: 30, chunks: 4, attachments: 1, certificates: 2 });
      expect(opened.manifest.upTo).toEqual(w.input.upTo);
      expect(opened.manifest.createdAt).toBe('2026-03-01T10:00:00.000Z');
      // A relay passes chunks on byte for byte: what comes out is what was signed.
      expect(opened.chunks.map((chunk) => chunk.plain)).toEqual(w.input.chunks.map((chunk) => chunk.plain));
      expect(opened.chunks.map((chunk) => chunk.signature)).toEqual(w.input.chunks.map((chunk) => chunk.signature));
    }
  });

  it('writes only STORED entries with the expected names, and the manifest holds no names of people', async () => {
    const w = await world();
    const bytes = await writeBundle(w.input);
    const entries = readStoredZip(bytes);
    expect([...entries.keys()]).toEqual(['manifest.json', 'manifest.sig', ...[1, 2, 3, 4, 5, 6].map((i) => `parts/00000${i}.bin`)]);
    const manifestText = new TextDecoder().decode(entries.get('manifest.json'));
    for (const secret of ['somchai', 'Somchai', 'Kittisak', 'malee', 'Malee Srisuk', 'Person of']) expect(manifestText).not.toContain(secret);
    // ... and neither does anything else in the file: the parts are encrypted.
    const whole = new TextDecoder('latin1').decode(bytes);
    for (const secret of ['somchai', 'Malee', 'field0', 'PDF']) expect(whole).not.toContain(secret);
  });

  it('inspects without a key: manifest, signers, and no problems', async () => {
    const w = await world();
    const inspection = await inspectBundle(await writeBundle(w.input));
    expect(inspection.problems).toEqual([]);
    expect(inspection.manifest.exporter.deviceId).toBe(w.coordinator.deviceId);
    expect(inspection.manifest.parts.filter((part) => part.kind === 'chunk').map((part) => part.device)).toEqual([...Array(3).fill(w.officer.deviceId), w.coordinator.deviceId]);
  });

  it('carries the server’s signed acknowledgement in the encrypted part; one that does not verify is dropped, not refused', async () => {
    const w = await world();
    const body = { version: 1 as const, issuer: w.issuer.publicKey, issuedAt: '2026-03-01T09:00:00.000Z', vector: { [w.officer.deviceId]: 3 } };
    const serverAck = await signServerAck(body, w.issuer.privateKey);
    const opened = await openBundle(await writeBundle({ ...w.input, serverAck }), { key: w.issuer.key, trust: w.issuer.trust() });
    expect(opened.serverAck).toEqual(serverAck);
    const manifestText = new TextDecoder().decode(readStoredZip(await writeBundle({ ...w.input, serverAck })).get('manifest.json'));
    expect(manifestText).not.toContain('"vector"');

    const otherServer = await testIssuer();
    const foreign = await signServerAck({ ...body, issuer: otherServer.publicKey }, otherServer.privateKey);
    const inflated = { ...serverAck, body: { ...body, vector: { [w.officer.deviceId]: 999 } } };
    for (const bad of [foreign, inflated]) {
      const withBad = await openBundle(await writeBundle({ ...w.input, serverAck: bad }), { key: w.issuer.key, trust: w.issuer.trust() });
      expect(withBad.serverAck).toBeUndefined();
      expect(withBad.chunks).toHaveLength(4);
    }
    expect((await openBundle(await writeBundle(w.input), { key: w.issuer.key, trust: w.issuer.trust() })).serverAck).toBeUndefined();
  });

  it('writes no third-party acknowledgements: the deprecated `acks` input is ignored', async () => {
    const w = await world();
    const bytes = await writeBundle({ ...w.input, acks: { server: { [w.officer.deviceId]: 23 } } });
    const manifest = JSON.parse(new TextDecoder().decode(readStoredZip(bytes).get('manifest.json'))) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('acks');
    expect(manifest.ack).toEqual(w.input.ack);
  });

  it('writes a bundle with nothing new: only the certificates part', async () => {
    const w = await world();
    const bytes = await writeBundle({ ...w.input, chunks: [], attachments: [] });
    const opened = await openBundle(bytes, { key: w.issuer.key, trust: w.issuer.trust() });
    expect(opened.chunks).toEqual([]);
    expect(opened.manifest.counts).toEqual({ changes: 0, chunks: 0, attachments: 0, certificates: 2 });
  });

  it('refuses to write what no reader would accept', async () => {
    const w = await world();
    await expect(writeBundle({ ...w.input, certificates: [w.officer.certificate] })).rejects.toThrow(/exporter/);
    await expect(writeBundle({ ...w.input, attachments: [{ sha256: 'a'.repeat(64), bytes: w.attachment }] })).rejects.toThrow(/SHA-256/);
    await expect(writeBundle({ ...w.input, recipient: { kind: 'passphrase', passphrase: 'x', kdf: { logN: 10, r: 8, p: 1 } } })).rejects.toThrow(/scrypt/);
  });

  it('a BundleError carries its code and params', async () => {
    const w = await world();
    const bytes = await writeBundle(w.input);
    const error = await openBundle(bytes, { key: w.officer.key, trust: w.issuer.trust() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('addressed-to-server');
  });
});
