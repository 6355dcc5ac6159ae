import type { Change } from './change';

export interface DeviceRun {
  device: string;
  changes: Change[];
}

/**
 * The order a bundle's changes are applied and judged in (the server, server/src/bundles/import.ts; a desk
 * judging the review workflow, shared/src/bundle/exchange.ts): each device's changes in seq order, the devices
 * interleaved by stamp (a k-way merge on the hybrid logical clock), cut where the device changes. A change
 * that builds on another device's (a participation in an activity another officer created) carries a
 * later stamp, so it is judged after what it builds on; consecutive changes of one device stay one run,
 * authorized and merged together.
 */
export function causalRuns(perDevice: ReadonlyMap<string, readonly Change[]>): DeviceRun[] {
  const lists = [...perDevice].filter(([, changes]) => changes.length > 0);
  const at = lists.map(() => 0);
  const runs: DeviceRun[] = [];
  for (;;) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![1][at[i]!];
      if (!head) continue;
      const best = pick < 0 ? undefined : lists[pick]![1][at[pick]!]!;
      if (!best || head.stamp < best.stamp) pick = i;
    }
    if (pick < 0) return runs;
    const [device, changes] = lists[pick]!;
    const change = changes[at[pick]!]!;
    at[pick] = at[pick]! + 1;
    const last = runs.at(-1);
    if (last?.device === device) last.changes.push(change);
    else runs.push({ device, changes: [change] });
  }
}
