import { verifyCertificate } from '@shared/api/certificate';
import { ApiFailure, type ApiClient } from '@shared/api/client';
import { exportPublicKey, type Enrollment, type ServerSyncData } from '../../db/serverSync';
import type { SignInSession } from '../../state/syncStore';

/**
 * The enrollment exchange, apart from the screens and the scheduler (syncController.ts) so that it can be
 * tested against a stand-in server: send this device's signing key and its X25519 key, check that the
 * certificate that comes back is for this device and these keys and signed by the key the server showed
 * at sign-in, and make the Enrollment to store. Stores nothing itself.
 */
export async function requestEnrollment({
  api,
  session,
  serverSync,
  deviceId,
  name,
  now = () => new Date(),
}: {
  /** A client that sends the session's token. */
  api: ApiClient;
  session: SignInSession;
  serverSync: Pick<ServerSyncData, 'deviceKeyPair' | 'encryptionKeyPair'>;
  deviceId: string;
  name: string;
  now?: () => Date;
}): Promise<Enrollment> {
  const deviceName = name.trim();
  const devicePublicKey = await exportPublicKey((await serverSync.deviceKeyPair()).publicKey);
  const { publicKey: encryptionPublicKey } = await serverSync.encryptionKeyPair();
  const answer = await api.call('enrollDevice', { body: { deviceId, devicePublicKey, encryptionPublicKey, name: deviceName } });
  const certificate = answer.serverPublicKey === session.serverPublicKey ? await verifyCertificate(answer.certificate, session.serverPublicKey) : undefined;
  const body = certificate?.body;
  // A server from before bundles leaves the encryption key out (then bundles reach this device by
  // passphrase only); a certificate naming another encryption key would send bundles to someone else.
  const encryptionKeyMatches = body?.encryptionPublicKey === undefined || body.encryptionPublicKey === encryptionPublicKey;
  if (!certificate || !body || body.deviceId !== deviceId || body.devicePublicKey !== devicePublicKey || !encryptionKeyMatches) {
    throw new ApiFailure('bad-response', 200, 'the certificate is not for this computer or not signed by the server key');
  }
  return {
    serverUrl: session.serverUrl,
    serverPublicKey: session.serverPublicKey,
    ...(session.serverEncryptionPublicKey ? { serverEncryptionPublicKey: session.serverEncryptionPublicKey } : {}),
    certificate,
    // What the server signed, not what the sign-in said: the certificate is what it enforces.
    user: { id: body.userId, username: body.username, displayName: body.displayName, role: body.role, countries: body.countries },
    deviceName,
    enrolledAt: now().toISOString(),
  };
}
