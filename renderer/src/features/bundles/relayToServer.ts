import type { AbortSignalLike } from '@shared/api/client';
import type { BundleImportResponse } from '@shared/api/contract';
import { exportBundle } from '@shared/bundle/exchange';
import type { NetSyncProgress } from '@shared/sync/netSync';
import { holdsChunksBeyond } from '../../db/relayHoldings';
import { getStore } from '../../db/store';
import { uploadBundle } from './bundlesController';

/**
 * Before a network sync round pushes this desk's own changes, the other devices' changes it holds from
 * USB bundles (an officer's field report a coordinator imported) go to the server first, as the signed
 * chunks they came in: network push carries only this device's changes, and a review step about a record
 * only the relayed changes bring (approving that report) would be refused if it arrived first.
 *
 * The bundle is addressed to the server and cut, like any export to it, from what the server acknowledged
 * (acks.server); it carries relayed chunks only (relayOnly). It is uploaded with the Bundles page's own
 * upload, which keeps the server's signed acknowledgement and logs the upload: the next round finds
 * nothing beyond it and sends nothing (a cheap check on the kept chunks' keys first).
 */
export type RelayOutcome =
  /** Nothing held beyond what the server acknowledged (or nothing of it that may be relayed). */
  | { relayed: false; reason: 'nothing-held' | 'nothing-relayable' | 'not-enrolled' }
  | { relayed: true; chunks: number; changes: number; answer: BundleImportResponse };

export interface RelayOptions {
  signal?: AbortSignalLike;
  /** Called once there is something to relay (the sync status shows it as its 'relay' phase). */
  onProgress?: (progress: NetSyncProgress) => void;
}

export async function relayHeldChunksToServer(options: RelayOptions = {}): Promise<RelayOutcome> {
  const { db, serverSync, repository, bundles } = getStore();
  const enrollment = await serverSync.loadEnrollment();
  if (!enrollment?.serverEncryptionPublicKey) return { relayed: false, reason: 'not-enrolled' };
  const acks = await bundles.port.acks();
  if (!(await holdsChunksBeyond(db, acks.server ?? {}, await repository.deviceId()))) return { relayed: false, reason: 'nothing-held' };
  options.onProgress?.({ phase: 'relay', done: 0, total: 0 });
  const made = await exportBundle(bundles.port, {
    recipient: { kind: 'server', encryptionKey: enrollment.serverEncryptionPublicKey },
    recipientScope: { global: true, countries: [] },
    relayOnly: true,
  });
  // Held but not to be relayed (a signer unknown here or revoked): no empty upload.
  if (made.summary.relayedChunks === 0) return { relayed: false, reason: 'nothing-relayable' };
  const answer = await uploadBundle({ fileName: made.fileName, bytes: made.bytes, manifest: made.manifest }, { signal: options.signal });
  options.onProgress?.({ phase: 'relay', done: made.summary.relayedChunks, total: made.summary.relayedChunks });
  return { relayed: true, chunks: made.summary.relayedChunks, changes: made.summary.changes, answer };
}

/**
 * The network sync round's step before its push: relays, and never fails the round. A problem (the server
 * refused the bundle, no answer) is logged and the next round tries again, since what the server has not
 * acknowledged stays beyond its acknowledgement; the desk's own changes are pushed either way. A stop
 * (the round's signal) is left to the round's own requests to report.
 */
export async function relayBeforePush(onProgress: (progress: NetSyncProgress) => void, signal?: AbortSignalLike): Promise<RelayOutcome | undefined> {
  try {
    const outcome = await relayHeldChunksToServer({ onProgress, signal });
    if (outcome.relayed && outcome.answer.refused.length > 0) console.warn(`sync: the server refused ${outcome.answer.refused.length} relayed change(s); see the Bundles page's log`);
    return outcome;
  } catch (error) {
    console.warn(`sync: other devices' changes held from bundles were not relayed to the server (${error instanceof Error ? error.message : String(error)}); this computer's own changes are sent anyway`);
    return undefined;
  }
}
