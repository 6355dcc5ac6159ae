import { currentVersion, latestVersion } from '../db/migrations';
import type { Handlers } from '../http/operations';

export const systemHandlers: Pick<Handlers, 'healthz' | 'readyz' | 'serverInfo'> = {
  healthz: async () => ({ status: 'ok' }),
  // Ready means able to serve: the database answers and is at this build's schema version.
  readyz: async ({ c, deps }) => {
    try {
      const version = await currentVersion(deps.db);
      if (version === latestVersion) return { status: 'ok' };
      return c.json({ status: 'not-ready', detail: `database schema is at version ${version}, this server needs ${latestVersion}` }, 503);
    } catch (error) {
      deps.logger.warn('readiness check failed', { requestId: c.get('requestId'), error: (error as Error).message });
      return c.json({ status: 'not-ready', detail: 'the database does not answer' }, 503);
    }
  },
  serverInfo: async ({ deps }) => ({ name: 'step-server', version: deps.version, publicKey: deps.serverKey.publicKey, encryptionPublicKey: deps.serverKey.encryptionPublicKey, time: new Date().toISOString() }),
};
