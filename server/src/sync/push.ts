import type { PushResponse } from '@shared/api/contract';
import type { Change } from '@shared/sync/change';
import type { Database } from '../db/database';
import { ApiFailure } from '../http/errors';
import { applyDeviceRun, lockSyncWrites, processedSeqs, type Originator } from './deviceRun';

export type Pusher = Originator;

/**
 * One push, in one transaction behind the global write lock (so server_seq order is commit order, which
 * pull's cursor relies on): the device's own changes only, continuing its processed seqs without a gap
 * (already processed ones are duplicates), then applied as one run (deviceRun.ts).
 */
export async function push(db: Database, pusher: Pusher, changes: readonly Change[]): Promise<PushResponse> {
  const foreign = changes.find((change) => change.device !== pusher.deviceId);
  if (foreign) throw new ApiFailure('forged-change', 'a device pushes only its own changes', { seq: foreign.seq, device: foreign.device });

  return db.transaction(async (tx) => {
    await lockSyncWrites(tx);
    const processed = (await processedSeqs(tx, [pusher.deviceId])).get(pusher.deviceId) ?? 0;

    let expected = processed + 1;
    let duplicates = 0;
    const fresh: Change[] = [];
    for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
      if (change.seq < expected) duplicates += 1;
      else if (change.seq > expected) throw new ApiFailure('seq-gap', `expected seq ${expected} next, got ${change.seq}`, { expected });
      else {
        fresh.push(change);
        expected += 1;
      }
    }
    const received = expected - 1;
    const outcome = await applyDeviceRun(tx, pusher, fresh);
    return { accepted: outcome.applied, duplicates: duplicates + outcome.duplicates, refused: outcome.refused, received };
  });
}
