import { signCertificate } from '@shared/api/certificate';
import type { UserInfo } from '@shared/api/contract';
import type { TestIssuer } from '@shared/bundle/testing';
import type { BundleKey, BundleRecipient } from '@shared/bundle/types';
import { exportPublicKey } from '../serverSync';
import type { Store } from '../store';

/** A desk as a bundle's recipient, and the key that opens bundles addressed to it. */
export interface TestDesk {
  deviceId: string;
  recipient: BundleRecipient;
  key: BundleKey;
}

/**
 * For tests: enrolls a desk's store as `user` with a certificate `issuer` signs (no server), and makes
 * its changes the user's, as the sync controller does after a real enrollment. With `principal`, the
 * repository also judges this desk's own writes by the user's role and countries.
 */
export async function enrollTestDesk(store: Store, issuer: TestIssuer, user: UserInfo, options: { principal?: boolean } = {}): Promise<TestDesk> {
  const deviceId = await store.repository.deviceId();
  const signing = await store.serverSync.deviceKeyPair();
  const encryption = await store.serverSync.encryptionKeyPair();
  const certificate = await signCertificate(
    {
      version: 1,
      deviceId,
      devicePublicKey: await exportPublicKey(signing.publicKey),
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      countries: user.countries,
      issuedAt: new Date().toISOString(),
      issuer: issuer.publicKey,
      encryptionPublicKey: encryption.publicKey,
    },
    issuer.privateKey,
  );
  await store.serverSync.saveEnrollment({
    serverUrl: 'http://127.0.0.1:1',
    serverPublicKey: issuer.publicKey,
    serverEncryptionPublicKey: issuer.encryption.publicKey,
    certificate,
    user,
    deviceName: 'Coordinator laptop',
    enrolledAt: new Date().toISOString(),
  });
  store.repository.setAuthor(`user:${user.id}`);
  if (options.principal) store.repository.setPrincipal({ userId: user.id, role: user.role, countries: user.countries });
  return {
    deviceId,
    recipient: { kind: 'device', deviceId, encryptionKey: encryption.publicKey },
    key: { kind: 'x25519', privateKey: encryption.privateKey, publicKey: encryption.publicKey, holder: deviceId },
  };
}
