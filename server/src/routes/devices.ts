import { enrollDevice, listDevices, revokeDevice } from '../auth/devices';
import { principalOf } from '../auth/users';
import type { Handlers } from '../http/operations';

export const deviceHandlers: Pick<Handlers, 'enrollDevice' | 'listDevices' | 'revokeDevice'> = {
  enrollDevice: async ({ deps, auth, body }) => ({
    certificate: await enrollDevice(deps.db, deps.serverKey, auth.user, body),
    serverPublicKey: deps.serverKey.publicKey,
  }),
  listDevices: async ({ deps, auth }) => ({ devices: await listDevices(deps.db, principalOf(auth.user)) }),
  revokeDevice: async ({ deps, auth, params, body }) => revokeDevice(deps.db, principalOf(auth.user), params.deviceId, body.reason),
};
