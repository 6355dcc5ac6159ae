import { bundleErrorText, BundleError } from '@shared/bundle/errors';
import { revocationList } from '../auth/revocations';
import { importBundle, signedServerAck } from '../bundles/import';
import { ApiFailure } from '../http/errors';
import type { Handlers } from '../http/operations';

export const bundleHandlers: Pick<Handlers, 'importBundle' | 'revocations' | 'acks'> = {
  importBundle: async ({ c, deps, auth, body }) => {
    const type = c.req.header('content-type');
    if (type && !/^application\/octet-stream\s*(;|$)/i.test(type)) throw new ApiFailure('unsupported-media-type', 'send the bundle as application/octet-stream');
    try {
      return await importBundle(deps.db, deps.serverKey, body, { kind: 'device', userId: auth.user.id, deviceId: auth.device.id });
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      const message = bundleErrorText(error);
      deps.logger.warn('bundle refused', { requestId: c.get('requestId'), code: error.code, params: error.params });
      throw new ApiFailure('bundle-refused', message, { bundleCode: error.code, params: error.params, message });
    }
  },
  revocations: async ({ deps }) => revocationList(deps.db, deps.serverKey),
  acks: async ({ deps }) => signedServerAck(deps.db, deps.serverKey),
};
