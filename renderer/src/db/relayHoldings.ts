import type { VersionVector } from '@shared/sync/vector';
import type { StepDatabase } from './database';

/**
 * Whether this desk keeps signed chunks of other devices (from bundles it imported) that reach beyond
 * `acknowledged` (what the server said it holds): the cheap check before a network sync round builds a
 * relay bundle. It reads the table's keys only, never the chunks' bytes: a kept chunk's key is
 * `device:minSeq:maxSeq:digest` (storedChunkKey in shared/bundle/port.ts).
 */
export async function holdsChunksBeyond(db: StepDatabase, acknowledged: VersionVector, self: string): Promise<boolean> {
  const keys = await db.bundleChunks.toCollection().primaryKeys();
  return keys.some((key) => {
    const parts = key.split(':');
    if (parts.length < 4) return false;
    const maxSeq = Number(parts[parts.length - 2]);
    const device = parts.slice(0, -3).join(':');
    return device !== self && Number.isFinite(maxSeq) && maxSeq > (acknowledged[device] ?? 0);
  });
}
