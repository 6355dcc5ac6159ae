import { beforeAll, describe, expect, it } from 'vitest';
import type { CountryCode } from '../domain/taxonomy/countries';
import { sha256Hex } from '../security/webCrypto';
import { isBundleError } from './errors';
import { applyImport, defaultAttachmentBudgetBytes, exportBundle, prepareImport, type ExportOptions } from './exchange';
import { testBundleReplica, type BundleReplica } from './testReplica';
import { testIssuer, type TestIssuer } from './testing';
import { readStoredZip, writeStoredZip } from './zip';

const recordId = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Bytes deflate cannot shrink, as a photo's: each file different. */
function photo(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/**
 * A `document` record naming `bytes`, attached to an activity, written on `r`; with `hold`, the replica
 * also holds the file (as a desk does for a photo taken on it).
 */
async function attach(r: BundleReplica, record: number, bytes: Uint8Array, options: { hold?: boolean; mimeType?: string; scope?: CountryCode[] } = {}) {
  const sha256 = await sha256Hex(bytes);
  const mimeType = options.mimeType ?? 'image/jpeg';
  r.clock.now += 1000;
  await r.engine.recordLocal([
    {
      kind: 'write',
      entity: 'document',
      recordId: recordId(record),
      fields: { sha256, fileName: `photo-${record}.jpg`, mimeType, sizeBytes: bytes.length, attachedTo: { entity: 'activity', recordId: recordId(1) } },
      scope: options.scope ?? ['TH'],
    },
  ]);
  if (options.hold ?? true) r.port.state.blobs.set(sha256, { bytes, mimeType });
  return sha256;
}

async function carry(from: BundleReplica, to: BundleReplica, options: Partial<ExportOptions> = {}) {
  const exported = await exportBundle(from.port, { recipient: to.recipient, recipientScope: to.scope, ...options });
  const plan = await prepareImport(to.port, exported.bytes, to.key);
  const result = await applyImport(to.port, plan);
  return { exported, plan, result };
}

const attachmentParts = (manifest: { parts: { kind: string; attachment?: string }[] }) => manifest.parts.filter((part) => part.kind === 'attachment').map((part) => part.attachment);

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe('attachments in bundles', () => {
  it('carries the files of the documents it carries; the recipient keeps each once, and a second import stores nothing', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const bytes = photo(3000, 1);
    const sha256 = await attach(officer, 2, bytes, { mimeType: 'image/png' });
    // A second document naming the same file: it travels once.
    await attach(officer, 3, bytes, { mimeType: 'image/png' });

    const { exported, plan, result } = await carry(officer, coordinator);
    expect(exported.summary).toMatchObject({ attachments: 1, skippedMissingAttachments: 0, skippedOversizeAttachments: 0 });
    expect(exported.manifest.counts.attachments).toBe(1);
    expect(attachmentParts(exported.manifest)).toEqual([sha256]);
    expect(plan.summary.attachments).toBe(1);
    expect(result).toMatchObject({ result: 'ok', attachmentsStored: 1 });
    expect(coordinator.port.state.blobs.get(sha256)).toEqual({ bytes, mimeType: 'image/png' });
    // From an officer, not the server: the coordinator relays it to the Secretariat.
    expect([...coordinator.port.state.uploads]).toEqual([sha256]);
    expect(coordinator.port.state.logs.at(-1)?.detail).toMatchObject({ attachmentsStored: 1 });

    const again = await applyImport(coordinator.port, await prepareImport(coordinator.port, exported.bytes, coordinator.key));
    expect(again).toMatchObject({ result: 'nothing-new', attachmentsStored: 0, applied: 0 });
    expect(coordinator.port.state.blobs.size).toBe(1);
  });

  it('leaves out, and counts, a file the exporter does not hold, and still exports the rest', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const held = await attach(officer, 2, photo(1000, 2));
    const gone = await attach(officer, 3, photo(1000, 3), { hold: false });

    const { exported, result } = await carry(officer, coordinator);
    expect(exported.summary).toMatchObject({ attachments: 1, skippedMissingAttachments: 1, skippedOversizeAttachments: 0 });
    expect(exported.log.detail).toMatchObject({ attachments: 1, missingAttachments: 1 });
    expect(attachmentParts(exported.manifest)).toEqual([held]);
    // The documents arrive all the same; the missing file can come later (network sync, a full bundle).
    expect(result).toMatchObject({ result: 'ok', attachmentsStored: 1 });
    expect(coordinator.storage.records().get(`document:${recordId(3)}`)?.values.sha256).toBe(gone);
    expect([...coordinator.port.state.blobs.keys()]).toEqual([held]);
  });

  it('leaves out the largest files when they would pass the file limit, and says so', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const small = await attach(officer, 2, photo(2_000, 4));
    const medium = await attach(officer, 3, photo(20_000, 5));
    const large = await attach(officer, 4, photo(150_000, 6));
    const maxFileBytes = 200_000;

    const { exported, result } = await carry(officer, coordinator, { maxFileBytes });
    expect(exported.summary).toMatchObject({ attachments: 2, skippedOversizeAttachments: 1, skippedMissingAttachments: 0 });
    expect(exported.log.detail).toMatchObject({ oversizeAttachments: 1 });
    expect(attachmentParts(exported.manifest).sort()).toEqual([small, medium].sort());
    expect(exported.bytes.length).toBeLessThanOrEqual(maxFileBytes);
    expect(result.attachmentsStored).toBe(2);
    expect(coordinator.port.state.blobs.has(large)).toBe(false);

    // Without the limit, the same export carries all three.
    const whole = await exportBundle(officer.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope, full: true });
    expect(whole.summary).toMatchObject({ attachments: 3, skippedOversizeAttachments: 0 });
  });

  it('relays an officer’s photo through the coordinator to the server with the officer’s signed chunk', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const server = await testBundleReplica(issuer, 'server', { server: true });
    const sha256 = await attach(officer, 2, photo(4000, 7));
    await carry(officer, coordinator);

    const { exported, result } = await carry(coordinator, server);
    expect(exported.summary).toMatchObject({ relayedChunks: 1, ownChanges: 0, attachments: 1 });
    expect(result.attachmentsStored).toBe(1);
    expect(server.port.state.blobs.has(sha256)).toBe(true);

    // What the server sends is held there already: a desk does not queue it for upload.
    const other = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    await attach(server, 5, photo(500, 8));
    const fromServer = await carry(server, other);
    expect(fromServer.result.attachmentsStored).toBeGreaterThan(0);
    expect(other.port.state.uploads.size).toBe(0);
  });

  it('refuses the whole bundle when an attachment part was tampered with: nothing stored, nothing applied', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    await attach(officer, 2, photo(3000, 9));
    const exported = await exportBundle(officer.port, { recipient: coordinator.recipient, recipientScope: coordinator.scope });
    const part = exported.manifest.parts.find((p) => p.kind === 'attachment')!;
    const entries = readStoredZip(exported.bytes);
    const damaged = new Uint8Array(entries.get(part.name)!);
    damaged[damaged.length - 20]! ^= 0xff;
    entries.set(part.name, damaged);
    const tampered = writeStoredZip(
      [...entries].map(([name, bytes]) => ({ name, bytes })),
      new Date(exported.manifest.createdAt),
    );

    const refusal = await prepareImport(coordinator.port, tampered, coordinator.key).catch((error: unknown) => error);
    expect(isBundleError(refusal) && refusal.code).toBe('part-hash');
    expect(coordinator.port.state.blobs.size).toBe(0);
    expect(coordinator.storage.allChanges()).toEqual([]);
    expect(coordinator.port.state.logs.map((entry) => entry.result)).toEqual(['refused']);
  });
});

describe('attachment memory and compression', () => {
  it('carries at most 150 MiB of files per bundle by default, a budget an option changes; the rest is counted as oversize', async () => {
    // Not the 500 MiB file limit: the writer holds the files, their sealed parts and the zip at once.
    expect(defaultAttachmentBudgetBytes).toBe(150 * 1024 * 1024);
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    const small = await attach(officer, 2, photo(2_000, 7));
    const medium = await attach(officer, 3, photo(20_000, 8), { mimeType: 'video/mp4' });
    const large = await attach(officer, 4, photo(60_000, 9), { mimeType: 'video/mp4' });

    // A budget of 30 kB: the small and medium files fit, the large one waits for another bundle.
    const { exported, result } = await carry(officer, coordinator, { maxAttachmentBytes: 30_000 });
    expect(exported.summary).toMatchObject({ attachments: 2, skippedOversizeAttachments: 1 });
    expect(attachmentParts(exported.manifest).sort()).toEqual([small, medium].sort());
    expect(result.attachmentsStored).toBe(2);
    expect(coordinator.port.state.blobs.has(large)).toBe(false);
    // The bundle is far below the file limit: the budget, not the file's room, left the large one out.
    expect(exported.bytes.length).toBeLessThan(40_000);

    // The default budget carries all three (and the next bundle brings what was left out).
    const whole = await carry(officer, coordinator, { full: true });
    expect(whole.exported.summary).toMatchObject({ attachments: 3, skippedOversizeAttachments: 0 });
    expect(coordinator.port.state.blobs.has(large)).toBe(true);
  });

  it('seals already compressed media (photos, videos, PDFs) as they are, and deflates other files', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const coordinator = await testBundleReplica(issuer, 'coord-th', { role: 'national-coordinator', countries: ['TH'] });
    // Bytes deflate WOULD shrink, so only the media type can have kept them stored.
    const compressible = (byte: number) => new Uint8Array(40_000).fill(byte);
    const jpeg = await attach(officer, 2, compressible(1), { mimeType: 'image/jpeg' });
    const pdf = await attach(officer, 3, compressible(2), { mimeType: 'application/pdf' });
    const video = await attach(officer, 4, compressible(3), { mimeType: 'video/mp4' });
    const csv = await attach(officer, 5, compressible(4), { mimeType: 'text/csv' });

    const { exported, result } = await carry(officer, coordinator);
    const parts = new Map(exported.manifest.parts.filter((part) => part.kind === 'attachment').map((part) => [(part as { attachment: string }).attachment, part]));
    for (const sha256 of [jpeg, pdf, video]) {
      expect(parts.get(sha256)).toMatchObject({ compression: 'none', plainSize: 40_000, size: 40_016 });
    }
    expect(parts.get(csv)).toMatchObject({ compression: 'deflate-raw', plainSize: 40_000 });
    expect(parts.get(csv)!.size).toBeLessThan(1_000);
    // Every file arrives intact, stored or deflated.
    expect(result.attachmentsStored).toBe(4);
    for (const [sha256, byte] of [[jpeg, 1], [pdf, 2], [video, 3], [csv, 4]] as const) expect(coordinator.port.state.blobs.get(sha256)?.bytes).toEqual(compressible(byte));
  });
});
