import { signRevocationList, type SignedRevocationList } from '@shared/bundle/revocations';
import type { BundleTrust } from '@shared/bundle/types';
import type { Queryable } from '../db/database';
import type { ServerKey } from './serverKey';

/**
 * What the server tells others and itself about devices it no longer vouches for: the signed list desks
 * carry on USB sticks, and the trust a bundle is checked against on the server (every enrolled device is
 * known; a certificate for any other is refused even when its signature checks).
 */
export async function revocationList(db: Queryable, key: Pick<ServerKey, 'publicKey' | 'privateKey'>, now = new Date()): Promise<SignedRevocationList> {
  const rows = await db.query<{ id: string; revoked_at: Date | string }>('select id, revoked_at from devices where revoked_at is not null order by revoked_at, id');
  return signRevocationList(
    { version: 1, issuer: key.publicKey, issuedAt: now.toISOString(), revoked: rows.map((row) => ({ deviceId: row.id, revokedAt: new Date(row.revoked_at).toISOString() })) },
    key.privateKey,
  );
}

export async function serverTrust(db: Queryable, key: Pick<ServerKey, 'publicKey'>): Promise<BundleTrust> {
  const rows = await db.query<{ id: string; revoked: boolean }>('select id, revoked_at is not null as revoked from devices');
  const known = new Set(rows.map((row) => row.id));
  return { issuer: key.publicKey, revoked: new Set(rows.filter((row) => row.revoked).map((row) => row.id)), isKnownDevice: (deviceId) => known.has(deviceId) };
}
