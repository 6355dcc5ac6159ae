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

/** `into` raised to `from` where `from` is higher (never lowered): a new vector. */
export function raised(into: VersionVector, from: VersionVector): VersionVector {
  const out = { ...into };
  for (const [device, seq] of Object.entries(from)) if (seq > (out[device] ?? 0)) out[device] = seq;
  return out;
}

/**
 * `vector` carried on, per device, over the seqs in `beyond` that continue it without a gap (changes
 * processed otherwise than held: quarantined, dismissed, or held ahead of a gap that they now fill).
 */
export function extendContiguous(vector: VersionVector, beyond: ReadonlyMap<string, ReadonlySet<number>>): VersionVector {
  const out = { ...vector };
  for (const [device, seqs] of beyond) {
    let seq = out[device] ?? 0;
    while (seqs.has(seq + 1)) seq += 1;
    if (seq > 0) out[device] = seq;
  }
  return out;
}
