import type { BundleImportResponse, ChangeRefusal } from '@shared/api/contract';
import { openBundle, readManifest } from '@shared/bundle/codec';
import { BundleError } from '@shared/bundle/errors';
import { signServerAck, type SignedServerAck } from '@shared/bundle/serverAck';
import type { BundleKey, OpenedBundle } from '@shared/bundle/types';
import type { Change } from '@shared/sync/change';
import type { VersionVector } from '@shared/sync/vector';
import { serverTrust } from '../auth/revocations';
import type { ServerKey } from '../auth/serverKey';
import { principalOf, userColumns, type UserRow } from '../auth/users';
import type { Database, Queryable } from '../db/database';
import { applyDeviceRun, lockSyncWrites, processedSeqs, type Originator } from '../sync/deviceRun';
import { logBundleImport, type BundleImporter } from './log';
import { causalRuns } from './runs';

/** Changes per transaction, at most (whole runs only): short holds of the sync write lock, and resumable. */
const changesPerTransaction = 5_000;

/**
 * Imports a bundle addressed to the server: every check of docs/bundle-format.md § Verification first
 * (nothing is applied from a refused bundle: BundleError), then each originating device's changes as
 * that device, through the same path as its pushes (sync/deviceRun.ts): a coordinator relaying an
 * officer's changes cannot widen what the officer may change. Per device, changes the server has
 * processed are duplicates, a run continuing its processed seq is applied, and changes beyond a gap wait
 * for a later bundle or push. Importing the same bundle again changes nothing but the import log.
 */
export async function importBundle(db: Database, key: ServerKey, bytes: Uint8Array, importer: BundleImporter): Promise<BundleImportResponse> {
  let opened: OpenedBundle;
  try {
    opened = await openBundle(bytes, { key: serverBundleKey(key), trust: await serverTrust(db, key) });
  } catch (error) {
    if (error instanceof BundleError) {
      await logBundleImport(db, importer, readManifest(bytes), { result: 'refused', detail: { code: error.code, params: error.params } });
    }
    throw error;
  }
  try {
    const answer = await apply(db, key, opened);
    await logBundleImport(db, importer, opened.manifest, {
      result: answer.result,
      detail: {
        changes: opened.manifest.counts.changes,
        chunks: opened.manifest.counts.chunks,
        applied: answer.applied,
        duplicates: answer.duplicates,
        refused: answer.refused.length,
        waiting: answer.waiting.reduce((sum, each) => sum + each.count, 0),
        attachments: opened.attachments.size,
        attachmentsStored: answer.attachmentsStored,
      },
    });
    return answer;
  } catch (error) {
    await logBundleImport(db, importer, opened.manifest, { result: 'failed', detail: { error: error instanceof Error ? error.message : String(error) } }).catch(() => undefined);
    throw error;
  }
}

/** What opens a bundle addressed to this server. */
export const serverBundleKey = (key: ServerKey): BundleKey => ({ kind: 'x25519', privateKey: key.encryptionPrivateKey, publicKey: key.encryptionPublicKey, holder: 'server' });

type Waiting = BundleImportResponse['waiting'][number];

async function apply(db: Database, key: ServerKey, opened: OpenedBundle): Promise<BundleImportResponse> {
  const attachmentsStored = await storeAttachments(db, opened.attachments);
  const byDevice = new Map<string, Map<number, Change>>();
  for (const chunk of opened.chunks) {
    let seqs = byDevice.get(chunk.device);
    if (!seqs) byDevice.set(chunk.device, (seqs = new Map()));
    // Chunks may overlap (a relay resends what it is unsure arrived): a change is its device and seq.
    for (const change of chunk.changes) if (!seqs.has(change.seq)) seqs.set(change.seq, change);
  }
  const originators = await originatorsOf(db, [...byDevice.keys()]);
  let pending = new Map([...byDevice].map(([device, seqs]) => [device, [...seqs.values()].sort((a, b) => a.seq - b.seq)]));

  let applied = 0;
  let duplicates = 0;
  const refused: (ChangeRefusal & { device: string })[] = [];
  let waiting = new Map<string, { changes: Change[]; reason: NonNullable<Waiting['reason']>; detail?: string }>();
  // A change waiting for a record another device's changes in this same bundle bring (stamps out of
  // order across devices) gets another pass once those are in; passes stop when one applies nothing.
  for (let pass = 0; pending.size > 0; pass++) {
    waiting = new Map();
    let appliedThisPass = 0;
    for (const batch of batches(causalRuns(pending), changesPerTransaction)) {
      await db.transaction(async (tx) => {
        await lockSyncWrites(tx);
        const processed = await processedSeqs(tx, [...new Set(batch.map((run) => run.device))]);
        for (const run of batch) {
          let expected = processed.get(run.device)! + 1;
          const fresh: Change[] = [];
          const beyond: Change[] = [];
          for (const change of run.changes) {
            if (change.seq < expected) duplicates += 1;
            else if (change.seq === expected && beyond.length === 0) {
              fresh.push(change);
              expected += 1;
            } else beyond.push(change);
          }
          const outcome = await applyDeviceRun(tx, originators.get(run.device)!, fresh, { unknownRecords: 'wait' });
          processed.set(run.device, (outcome.waiting[0]?.seq ?? expected) - 1);
          applied += outcome.applied;
          appliedThisPass += outcome.applied + outcome.refused.length;
          duplicates += outcome.duplicates;
          refused.push(...outcome.refused.map((refusal) => ({ device: run.device, ...refusal })));
          const left = [...outcome.waiting, ...beyond];
          if (left.length === 0) continue;
          const entry = waiting.get(run.device);
          if (entry) entry.changes.push(...left);
          else if (outcome.waiting.length > 0) waiting.set(run.device, { changes: left, reason: 'unknown-record', ...(outcome.waitingDetail ? { detail: outcome.waitingDetail } : {}) });
          else waiting.set(run.device, { changes: left, reason: 'gap' });
        }
      });
    }
    const retry = [...waiting.values()].some((entry) => entry.reason === 'unknown-record');
    if (appliedThisPass === 0 || !retry) break;
    pending = new Map([...waiting].map(([device, entry]) => [device, entry.changes]));
  }

  const waitingList: Waiting[] = [...waiting].map(([device, { changes, reason, detail }]) => ({
    device,
    count: changes.length,
    fromSeq: changes[0]!.seq,
    toSeq: changes.at(-1)!.seq,
    reason,
    ...(detail ? { detail } : {}),
  }));
  const result = waitingList.length > 0 || refused.length > 0 ? 'partial' : applied === 0 && attachmentsStored === 0 ? 'nothing-new' : 'ok';
  const signed = await signedServerAck(db, key);
  return { bundleId: opened.manifest.bundleId, result, applied, duplicates, refused, waiting: waitingList, attachmentsStored, ack: signed.body.vector, serverAck: signed };
}

/** Runs grouped into transactions of about `size` changes, never cutting a run. */
function* batches<T extends { changes: readonly unknown[] }>(runs: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  let count = 0;
  for (const run of runs) {
    if (batch.length > 0 && count + run.changes.length > size) {
      yield batch;
      batch = [];
      count = 0;
    }
    batch.push(run);
    count += run.changes.length;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Each originating device with the person it acts for, as the server knows them now (a role or countries
 * changed since the certificate was issued count as they are today, as for a push).
 */
async function originatorsOf(db: Queryable, devices: readonly string[]): Promise<Map<string, Originator>> {
  const rows = await db.query<UserRow & { device_id: string }>(`select d.id as device_id, ${userColumns} from devices d join users u on u.id = d.user_id where d.id = any($1::text[])`, [[...devices]]);
  const out = new Map(rows.map((row) => [row.device_id, { deviceId: row.device_id, principal: principalOf(row) }]));
  // openBundle checked every signer against the devices table; one missing here was removed meanwhile.
  const missing = devices.find((device) => !out.has(device));
  if (missing) throw new BundleError('unknown-device', { device: missing });
  return out;
}

async function storeAttachments(db: Queryable, attachments: ReadonlyMap<string, Uint8Array>): Promise<number> {
  let stored = 0;
  for (const [sha256, bytes] of attachments) {
    const rows = await db.query('insert into attachments (sha256, size, bytes) values ($1, $2, $3) on conflict (sha256) do nothing returning sha256', [sha256, bytes.byteLength, bytes]);
    stored += rows.length;
  }
  return stored;
}

/** What the server has processed of every device: an exporter counts its changes up to here as received. */
export async function serverAck(db: Queryable): Promise<VersionVector> {
  const rows = await db.query<{ device: string; processed_seq: string | number }>('select device, processed_seq from device_progress order by device');
  return Object.fromEntries(rows.map((row) => [row.device, Number(row.processed_seq)]));
}

/** serverAck, signed by the server's certificate key: a statement desks can carry to one another and believe. */
export async function signedServerAck(db: Queryable, key: Pick<ServerKey, 'publicKey' | 'privateKey'>, now = new Date()): Promise<SignedServerAck> {
  return signServerAck({ version: 1, issuer: key.publicKey, issuedAt: now.toISOString(), vector: await serverAck(db) }, key.privateKey);
}
