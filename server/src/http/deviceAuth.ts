import { createHash } from 'node:crypto';
import { deviceHeaders, deviceSigningInput, requestTimeWindowMs } from '@shared/api/deviceAuth';
import { verifyEd25519 } from '@shared/security/webCrypto';
import { findDevice, type DeviceRow } from '../auth/devices';
import type { UserRow } from '../auth/users';
import type { Queryable } from '../db/database';
import { ApiFailure } from './errors';
import { deviceIdSchema } from '@shared/sync/hlc';

const pruneMarginMs = 10 * 60 * 1000;

export interface DeviceCaller {
  device: DeviceRow;
  user: UserRow;
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * The checks a device-signed request passes before its body is read: headers present, time within the
 * window, device enrolled and not revoked. Cheap refusals first; the body is read only for a caller
 * that could be genuine.
 */
export async function identifyDevice(db: Queryable, headers: Headers, now: number): Promise<DeviceCaller & { time: string; signature: string }> {
  const deviceId = headers.get(deviceHeaders.device);
  const time = headers.get(deviceHeaders.time);
  const signature = headers.get(deviceHeaders.signature);
  if (!deviceId || !time || !signature) throw new ApiFailure('unauthenticated', `a device-signed request needs the ${Object.values(deviceHeaders).join(', ')} headers`);
  const at = isoTime.test(time) ? Date.parse(time) : NaN;
  if (!Number.isFinite(at) || Math.abs(now - at) > requestTimeWindowMs) {
    throw new ApiFailure('request-expired', 'the request time is missing, malformed or too far from the server clock', { serverTime: new Date(now).toISOString() });
  }
  const found = deviceIdSchema.safeParse(deviceId).success ? await findDevice(db, deviceId) : undefined;
  if (!found) throw new ApiFailure('unknown-device', 'this device is not enrolled');
  if (found.device.revoked_at) throw new ApiFailure('device-revoked', 'this device was revoked');
  return { ...found, time, signature };
}

/**
 * The signature over method, path with query, time and the exact body bytes; then the replay check,
 * which stores the signature in the database so that it holds across server processes. A signature
 * can be pruned once its time is outside the window: the time check refuses it from then on.
 */
export async function verifyDeviceSignature(
  db: Queryable,
  caller: DeviceCaller & { time: string; signature: string },
  request: { method: string; pathWithQuery: string; body: Uint8Array },
): Promise<void> {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const input = deviceSigningInput(request.method, request.pathWithQuery, caller.time, bodyHash);
  if (!(await verifyEd25519(caller.device.public_key, caller.signature, input))) throw new ApiFailure('bad-signature', 'the request signature does not verify with this device key');
  // Pruning runs on the database's clock, the time check on the app's: the margin keeps a signature
  // stored until well after the time check refuses it, should the two clocks differ.
  const expires = new Date(Date.parse(caller.time) + requestTimeWindowMs + pruneMarginMs);
  const fresh = await db.query('insert into request_signatures (signature, device, expires_at) values ($1, $2, $3) on conflict (signature) do nothing returning signature', [
    caller.signature,
    caller.device.id,
    expires,
  ]);
  if (fresh.length === 0) throw new ApiFailure('replayed-request', 'this signed request was already received');
  // "Last seen" is for people reading device lists: minutes are precise enough, and every pull need not write.
  await db.query("update devices set last_seen_at = now() where id = $1 and (last_seen_at is null or last_seen_at < now() - interval '5 minutes')", [caller.device.id]);
}

/** Old signatures are refused by their time alone; deleting them keeps the table at one window's worth. */
export async function pruneSignatures(db: Queryable): Promise<number> {
  return (await db.query('delete from request_signatures where expires_at < now() returning 1')).length;
}
