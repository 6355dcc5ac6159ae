import { createHash } from 'node:crypto';
import type { DeviceCertificate } from '@shared/api/certificate';
import { writeBundle } from '@shared/bundle/codec';
import { sealChunks } from '@shared/bundle/seal';
import type { BundleRecipient, BundleSigner } from '@shared/bundle/types';
import type { Change } from '@shared/sync/change';
import type { Queryable } from '../db/database';
import type { TestDevice, TestServer } from '../testing';

/**
 * Bundles for server tests, written by the real codec with real keys: an exporter (a coordinator's
 * laptop) carrying chunks sealed and signed by each originating device, addressed to the test server.
 */
export interface ChunkSource {
  signer: BundleSigner;
  certificate: DeviceCertificate;
  changes: readonly Change[];
}

export async function bundleForServer(
  server: TestServer,
  exporter: Pick<TestDevice, 'signer' | 'certificate'>,
  from: readonly ChunkSource[],
  options: { recipient?: BundleRecipient; attachments?: { sha256: string; bytes: Uint8Array }[]; maxChanges?: number } = {},
): Promise<Uint8Array> {
  const chunks = (await Promise.all(from.map((source) => sealChunks(source.signer, source.changes, { maxChanges: options.maxChanges })))).flat();
  const upTo: Record<string, number> = {};
  for (const chunk of chunks) upTo[chunk.device] = Math.max(upTo[chunk.device] ?? 0, chunk.maxSeq);
  const certificates = new Map([exporter.certificate, ...from.map((source) => source.certificate)].map((certificate) => [certificate.body.deviceId, certificate]));
  const global = exporter.certificate.body.role === 'secretariat' || exporter.certificate.body.role === 'admin';
  return writeBundle({
    exporter: exporter.signer,
    certificates: [...certificates.values()],
    recipient: options.recipient ?? { kind: 'server', encryptionKey: server.serverKey.encryptionPublicKey },
    scope: { global, countries: global ? [] : [...exporter.certificate.body.countries] },
    since: {},
    upTo,
    ack: {},
    chunks,
    attachments: options.attachments ?? [],
  });
}

/** Everything an import may change, as one hash: equal digests mean the import changed nothing. */
export async function databaseDigest(db: Queryable): Promise<string> {
  const hash = createHash('sha256');
  for (const sql of [
    'select server_seq, device, seq, stamp, author, entity, record_id, field, value, seen, scope from changes order by server_seq',
    'select entity, record_id, data, deleted, stamps, conflicts, scope, scope_seq, updated_at from records order by entity, record_id',
    'select id, device, seq, change, reason, detail from refused_changes order by id',
    'select device, processed_seq from device_progress order by device',
    'select sha256, size from attachments order by sha256',
  ]) {
    hash.update(JSON.stringify(await db.query(sql)));
  }
  return hash.digest('hex');
}

export const countRows = async (db: Queryable, sql: string, params: unknown[] = []) => Number((await db.query<{ n: string | number }>(sql, params))[0]?.n ?? 0);
