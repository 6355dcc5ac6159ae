import { canManageDevice, type Principal } from '@shared/access/rules';
import { signCertificate, type DeviceCertificate } from '@shared/api/certificate';
import type { DeviceInfo } from '@shared/api/contract';
import { reservedDeviceIds } from '@shared/bundle/serverAck';
import type { Queryable } from '../db/database';
import { ApiFailure } from '../http/errors';
import type { ServerKey } from './serverKey';
import { principalOf, userColumns, userInfo, type UserRow } from './users';

export interface DeviceRow {
  id: string;
  name: string;
  public_key: string;
  enrolled_at: Date | string;
  last_seen_at: Date | string | null;
  revoked_at: Date | string | null;
  revoked_reason: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const deviceColumns = 'd.id, d.name, d.public_key, d.enrolled_at, d.last_seen_at, d.revoked_at, d.revoked_reason';
/** One device with its person, as columns of one row (person columns prefixed). */
const deviceWithUser = `select ${deviceColumns}, ${userColumns.replace(/u\.(\w+)/g, 'u.$1 as user_$1')} from devices d join users u on u.id = d.user_id`;

type JoinedRow = DeviceRow & { user_id: string; user_username: string; user_display_name: string; user_role: UserRow['role']; user_countries: UserRow['countries'] };
const split = (row: JoinedRow): { device: DeviceRow; user: UserRow } => ({
  device: row,
  user: { id: row.user_id, username: row.user_username, display_name: row.user_display_name, role: row.user_role, countries: row.user_countries },
});

export function deviceInfo(device: DeviceRow, user: UserRow): DeviceInfo {
  return {
    deviceId: device.id,
    name: device.name,
    user: userInfo(user),
    enrolledAt: iso(device.enrolled_at),
    ...(device.last_seen_at ? { lastSeenAt: iso(device.last_seen_at) } : {}),
    ...(device.revoked_at ? { revokedAt: iso(device.revoked_at) } : {}),
    ...(device.revoked_reason ? { revokedReason: device.revoked_reason } : {}),
  };
}

export async function findDevice(db: Queryable, deviceId: string): Promise<{ device: DeviceRow; user: UserRow } | undefined> {
  const [row] = await db.query<JoinedRow>(`${deviceWithUser} where d.id = $1`, [deviceId]);
  return row ? split(row) : undefined;
}

/**
 * Enrolls a device key for a person and vouches for it with a certificate. The same device, key and
 * person again gets a fresh certificate (role or countries may have changed); a device id someone else
 * holds, or with another key, is refused: ids are not transferable and keys are not replaceable. The ids
 * that name the server in acknowledgements (reservedDeviceIds) are refused too: a desk enrolled as
 * 'server' could otherwise speak for the server in the bundles it exports.
 */
export async function enrollDevice(
  db: Queryable,
  key: ServerKey,
  user: UserRow,
  request: { deviceId: string; devicePublicKey: string; name: string; encryptionPublicKey?: string },
): Promise<DeviceCertificate> {
  if (reservedDeviceIds.includes(request.deviceId.toLowerCase())) {
    throw new ApiFailure('device-taken', `the device id '${request.deviceId}' is reserved: it names the server in acknowledgements; use another id`, { deviceId: request.deviceId, reserved: true });
  }
  const certificate = await signCertificate(
    {
      version: 1,
      deviceId: request.deviceId,
      devicePublicKey: request.devicePublicKey,
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      countries: [...user.countries],
      issuedAt: new Date().toISOString(),
      issuer: key.publicKey,
      ...(request.encryptionPublicKey ? { encryptionPublicKey: request.encryptionPublicKey } : {}),
    },
    key.privateKey,
  );
  const inserted = await db.query(
    `insert into devices (id, user_id, name, public_key, certificate) values ($1, $2, $3, $4, $5::text::jsonb) on conflict (id) do nothing returning id`,
    [request.deviceId, user.id, request.name, request.devicePublicKey, JSON.stringify(certificate)],
  );
  if (inserted.length > 0) return certificate;
  const [existing] = await db.query<{ user_id: string; public_key: string; revoked_at: Date | null }>('select user_id, public_key, revoked_at from devices where id = $1', [request.deviceId]);
  if (!existing || existing.user_id !== user.id || existing.public_key !== request.devicePublicKey) {
    throw new ApiFailure('device-taken', 'this device id is enrolled with another key or by another person');
  }
  if (existing.revoked_at) throw new ApiFailure('device-revoked', 'this device was revoked; enroll it under a new device id');
  await db.query('update devices set name = $2, certificate = $3::text::jsonb where id = $1', [request.deviceId, request.name, JSON.stringify(certificate)]);
  return certificate;
}

/** The devices this person may manage (access rules), newest first. */
export async function listDevices(db: Queryable, principal: Principal | 'all'): Promise<DeviceInfo[]> {
  const rows = (await db.query<JoinedRow>(`${deviceWithUser} order by d.enrolled_at desc, d.id`)).map(split);
  return rows.filter(({ user }) => principal === 'all' || canManageDevice(principal, principalOf(user))).map(({ device, user }) => deviceInfo(device, user));
}

/** Revokes once: a second revocation keeps the first time and reason. `principal` 'all' is the admin CLI. */
export async function revokeDevice(db: Queryable, principal: Principal | 'all', deviceId: string, reason: string): Promise<DeviceInfo> {
  const found = await findDevice(db, deviceId);
  if (!found) throw new ApiFailure('not-found', 'no such device');
  if (principal !== 'all' && !canManageDevice(principal, principalOf(found.user))) throw new ApiFailure('forbidden', 'you may not manage this device');
  await db.query('update devices set revoked_at = now(), revoked_reason = $2 where id = $1 and revoked_at is null', [deviceId, reason]);
  const after = await findDevice(db, deviceId);
  return deviceInfo(after!.device, after!.user);
}
