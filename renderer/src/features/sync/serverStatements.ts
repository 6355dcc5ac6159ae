import type { ApiClient } from '@shared/api/client';
import type { BundlePort } from '@shared/bundle/port';
import { verifyRevocationList } from '@shared/bundle/revocations';
import { verifyServerAck } from '@shared/bundle/serverAck';

/**
 * After a sync round, the desk fetches the server's two signed statements: which devices are revoked
 * (GET /api/v1/revocations) and what the server holds of every device (GET /api/v1/acks). Each is checked
 * against the server key pinned at enrollment and kept by the bundle store, so that the bundles this desk
 * imports are checked against revocations it learned, and the bundles it exports carry both to desks that
 * never talk to the server. A statement that cannot be fetched or does not verify is reported, never
 * fatal: the sync round itself has already succeeded, and the next round tries again.
 */
export type ServerStatement = 'revocations' | 'serverAck';

export interface StatementProblem {
  statement: ServerStatement;
  /** 'unverified': the answer is not signed by the pinned key; 'failed': the request or saving failed. */
  reason: 'unverified' | 'failed';
  detail?: string;
}

export async function learnServerStatements({
  api,
  serverPublicKey,
  port,
}: {
  /** A client that signs requests with this device's key. */
  api: ApiClient;
  /** The server's certificate key as pinned at enrollment. */
  serverPublicKey: string;
  port: Pick<BundlePort, 'saveRevocations' | 'saveServerAck'>;
}): Promise<{ saved: ServerStatement[]; problems: StatementProblem[] }> {
  const saved: ServerStatement[] = [];
  const problems: StatementProblem[] = [];
  const learn = async <T>(statement: ServerStatement, fetch: () => Promise<unknown>, verify: (value: unknown) => Promise<T | undefined>, save: (value: T) => Promise<void>) => {
    try {
      const verified = await verify(await fetch());
      if (!verified) {
        problems.push({ statement, reason: 'unverified' });
        return;
      }
      await save(verified);
      saved.push(statement);
    } catch (error) {
      problems.push({ statement, reason: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  };
  await learn(
    'revocations',
    () => api.call('revocations'),
    (value) => verifyRevocationList(value, serverPublicKey),
    (list) => port.saveRevocations(list),
  );
  await learn(
    'serverAck',
    () => api.call('acks'),
    (value) => verifyServerAck(value, serverPublicKey),
    (signed) => port.saveServerAck(signed),
  );
  return { saved, problems };
}
