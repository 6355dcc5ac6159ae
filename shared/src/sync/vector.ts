/**
 * A version vector: for each originating device, the highest sequence number up to which this replica
 * holds every change (a contiguous prefix: a change that arrived ahead of a gap is held, but the vector
 * waits for the gap, so a peer asked for "beyond the vector" resends it rather than skipping it).
 */
export type VersionVector = Record<string, number>;

/** True when `a` has seen at least everything `b` has. */
export function covers(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(b).every(([device, seq]) => (a[device] ?? 0) >= seq);
}

/** The least vector both have seen: what every one of several replicas is known to hold. */
export function meet(vectors: readonly VersionVector[]): VersionVector {
  if (vectors.length === 0) return {};
  const devices = new Set(vectors.flatMap((v) => Object.keys(v)));
  const out: VersionVector = {};
  for (const device of devices) out[device] = Math.min(...vectors.map((v) => v[device] ?? 0));
  return out;
}
