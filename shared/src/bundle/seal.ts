import type { Change } from '../sync/change';
import { encodeChunk } from './chunk';
import { bundleLimits, chunkSigningInput, defaultChunkChanges } from './format';
import type { BundleSigner, SignedChunk } from './types';

/** The key chunks are grouped by: the sorted countries (the same set in another order is the same scope). */
export const scopeKey = (scope: readonly string[]) => [...new Set(scope)].sort().join(',');

/**
 * Seals a device's own changes into signed chunks: grouped by scope (so that a relay can pick chunks by
 * the recipient's countries without opening them), each group in seq order, cut every `maxChanges`.
 * The chunks come out ordered by their first seq. Only the device's own changes: a relay passes others'
 * chunks on as they were signed, never re-seals them.
 */
export async function sealChunks(signer: BundleSigner, changes: readonly Change[], options: { maxChanges?: number } = {}): Promise<SignedChunk[]> {
  const maxChanges = options.maxChanges ?? defaultChunkChanges;
  if (!Number.isInteger(maxChanges) || maxChanges < 1 || maxChanges > bundleLimits.maxChunkChanges) throw new Error(`maxChanges must be 1..${bundleLimits.maxChunkChanges}`);
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.device !== signer.deviceId) throw new Error(`sealChunks: change ${change.device}:${change.seq} is not of device ${signer.deviceId}`);
    const key = scopeKey(change.scope);
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  const runs: { scope: string[]; changes: Change[] }[] = [];
  for (const [key, group] of groups) {
    group.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < group.length; i++) if (group[i]!.seq === group[i - 1]!.seq) throw new Error(`sealChunks: seq ${group[i]!.seq} twice`);
    const scope = key === '' ? [] : key.split(',');
    for (let at = 0; at < group.length; at += maxChanges) runs.push({ scope, changes: group.slice(at, at + maxChanges) });
  }
  runs.sort((a, b) => a.changes[0]!.seq - b.changes[0]!.seq);
  return Promise.all(
    runs.map(async ({ scope, changes: run }) => {
      const plain = encodeChunk(signer.deviceId, run);
      return {
        device: signer.deviceId,
        plain,
        signature: await signer.sign(await chunkSigningInput(plain)),
        count: run.length,
        minSeq: run[0]!.seq,
        maxSeq: run.at(-1)!.seq,
        scope,
      };
    }),
  );
}
