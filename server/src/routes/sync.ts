import { principalOf } from '../auth/users';
import type { Handlers } from '../http/operations';
import { pull } from '../sync/pull';
import { push } from '../sync/push';

export const syncHandlers: Pick<Handlers, 'push' | 'pull'> = {
  push: async ({ deps, auth, body }) => push(deps.db, { deviceId: auth.device.id, principal: principalOf(auth.user) }, body.changes),
  pull: async ({ deps, auth, body }) => pull(deps.db, { deviceId: auth.device.id, principal: principalOf(auth.user) }, body),
};
