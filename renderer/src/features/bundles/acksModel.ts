import type { VersionVector } from '@shared/sync/vector';

/**
 * Acknowledgements as a person reads them: of the changes made on this computer, how many are known to
 * have reached the Secretariat, and each other party. A party's vector says up to which of this device's
 * sequence numbers it holds everything; what it holds cannot exceed what this device has made.
 */

export interface Reach {
  reached: number;
  total: number;
}

export function reachOf(vector: VersionVector | undefined, selfDeviceId: string, localSeq: number): Reach {
  const held = Math.max(0, vector?.[selfDeviceId] ?? 0);
  return { reached: Math.min(held, localSeq), total: localSeq };
}

export interface CounterpartReach extends Reach {
  party: string;
}

/**
 * Every party other than the server, the furthest behind first (the one a person should bring a stick
 * to), then by id for a stable order. This device's own entry is left out: it holds all its changes.
 */
export function counterpartReach(acks: Record<string, VersionVector>, selfDeviceId: string, localSeq: number): CounterpartReach[] {
  return Object.entries(acks)
    .filter(([party]) => party !== 'server' && party !== selfDeviceId)
    .map(([party, vector]) => ({ party, ...reachOf(vector, selfDeviceId, localSeq) }))
    .sort((a, b) => a.reached - b.reached || a.party.localeCompare(b.party));
}
