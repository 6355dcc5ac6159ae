import { canManageUsers } from '@shared/access/rules';
import { closeSession, openSession } from '../auth/sessions';
import { checkCredentials, createUser, listUsers, principalOf, UserExistsError, userInfo } from '../auth/users';
import { ApiFailure } from '../http/errors';
import type { Handlers } from '../http/operations';

export const peopleHandlers: Pick<Handlers, 'signIn' | 'signOut' | 'listUsers' | 'createUser'> = {
  signIn: async ({ c, deps, body }) => {
    const user = await checkCredentials(deps.db, body.username, body.password);
    if (!user) throw new ApiFailure('bad-credentials', 'wrong username or password');
    c.set('userId', user.id);
    const session = await openSession(deps.db, user.id, deps.sessionHours);
    return { token: session.token, expiresAt: session.expiresAt, user: userInfo(user) };
  },
  signOut: async ({ deps, auth }) => {
    await closeSession(deps.db, auth.token);
    return { ok: true };
  },
  listUsers: async ({ deps, auth }) => {
    if (!canManageUsers(principalOf(auth.user))) throw new ApiFailure('forbidden', 'only administrators manage people');
    return { users: await listUsers(deps.db) };
  },
  createUser: async ({ deps, auth, body }) => {
    if (!canManageUsers(principalOf(auth.user))) throw new ApiFailure('forbidden', 'only administrators manage people');
    try {
      return await createUser(deps.db, body, deps.scryptParams);
    } catch (error) {
      if (error instanceof UserExistsError) throw new ApiFailure('user-exists', error.message);
      throw error;
    }
  },
};
