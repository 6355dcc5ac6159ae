import { v7 as uuidv7 } from 'uuid';
import type { Principal } from '../access/rules';
import { signCertificate, type DeviceCertificate, type DeviceCertificateBody } from '../api/certificate';
import type { CountryCode } from '../domain/taxonomy/countries';
import type { UserRole } from '../domain/taxonomy/roles';
import { generateX25519KeyPair, signEd25519, toBase64Url, webCrypto, type OpaqueKey } from '../security/webCrypto';
import type { Change } from '../sync/change';
import { formatStamp } from '../sync/hlc';
import { signRevocationList, type SignedRevocationList } from './revocations';
import type { BundleKey, BundleSigner, BundleTrust } from './types';

/**
 * Fixtures for tests of bundles (here, in the server, on the desk): a test server that issues
 * certificates and revocation lists, devices with their signing and encryption keys, and changes.
 * Keys are real WebCrypto keys: nothing is mocked.
 */

export interface TestIssuer {
  /** The server's certificate key (Ed25519), base64url. */
  publicKey: string;
  privateKey: OpaqueKey;
  /** The server's encryption key (X25519), for bundles addressed to the server. */
  encryption: { publicKey: string; privateKey: OpaqueKey };
  /** What opens a bundle addressed to this server. */
  key: BundleKey;
  trust(revoked?: Iterable<string>): BundleTrust;
  revocations(revoked: { deviceId: string; revokedAt?: string }[], issuedAt?: string): Promise<SignedRevocationList>;
}

export async function ed25519KeyPair(): Promise<{ publicKey: string; privateKey: OpaqueKey }> {
  const pair = await webCrypto().subtle.generateKey('Ed25519', false, ['sign', 'verify']);
  return { publicKey: toBase64Url(new Uint8Array(await webCrypto().subtle.exportKey('raw', pair.publicKey))), privateKey: pair.privateKey };
}

export async function testIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await ed25519KeyPair();
  const encryption = await generateX25519KeyPair();
  return {
    publicKey,
    privateKey,
    encryption,
    key: { kind: 'x25519', privateKey: encryption.privateKey, publicKey: encryption.publicKey, holder: 'server' },
    trust: (revoked = []) => ({ issuer: publicKey, revoked: new Set(revoked) }),
    revocations: (revoked, issuedAt = new Date().toISOString()) =>
      signRevocationList({ version: 1, issuer: publicKey, issuedAt, revoked: revoked.map(({ deviceId, revokedAt }) => ({ deviceId, revokedAt: revokedAt ?? issuedAt })) }, privateKey),
  };
}

export interface TestIdentity {
  deviceId: string;
  signer: BundleSigner;
  /** The device's Ed25519 private key (to sign something a test forges). */
  signingKey: OpaqueKey;
  certificate: DeviceCertificate;
  encryptionKeyPair: { publicKey: string; privateKey: OpaqueKey };
  /** What opens a bundle addressed to this device. */
  key: BundleKey;
  principal: Principal;
  /** `user:<userId>`: the author of this person's changes. */
  author: string;
}

let counter = 0;

export async function testIdentity(options: {
  issuer: Pick<TestIssuer, 'publicKey' | 'privateKey'>;
  deviceId?: string;
  role?: UserRole;
  countries?: CountryCode[];
  userId?: string;
  username?: string;
  displayName?: string;
  issuedAt?: string;
}): Promise<TestIdentity> {
  counter += 1;
  const deviceId = options.deviceId ?? `dev-test-${counter}`;
  const signing = await ed25519KeyPair();
  const encryption = await generateX25519KeyPair();
  const userId = options.userId ?? `u-${deviceId}`;
  const body: DeviceCertificateBody = {
    version: 1,
    deviceId,
    devicePublicKey: signing.publicKey,
    userId,
    username: options.username ?? `user-${deviceId}`,
    displayName: options.displayName ?? `Person of ${deviceId}`,
    role: options.role ?? 'field-officer',
    countries: options.countries ?? ['TH'],
    issuedAt: options.issuedAt ?? new Date().toISOString(),
    issuer: options.issuer.publicKey,
    encryptionPublicKey: encryption.publicKey,
  };
  const certificate = await signCertificate(body, options.issuer.privateKey);
  return {
    deviceId,
    signer: { deviceId, publicKey: signing.publicKey, sign: (data) => signEd25519(signing.privateKey, data) },
    signingKey: signing.privateKey,
    certificate,
    encryptionKeyPair: encryption,
    key: { kind: 'x25519', privateKey: encryption.privateKey, publicKey: encryption.publicKey, holder: deviceId },
    principal: { userId, role: body.role, countries: body.countries },
    author: `user:${userId}`,
  };
}

/**
 * `count` valid changes of `device`: records of `fieldsPerRecord` fields each (a create's run), seqs from
 * `firstSeq`, stamps one tick apart from `startMs`.
 */
export function testChanges(options: { device: string; author: string; count: number; scope?: CountryCode[]; firstSeq?: number; fieldsPerRecord?: number; startMs?: number; entity?: Change['entity'] }): Change[] {
  const { device, author, count } = options;
  const fieldsPerRecord = options.fieldsPerRecord ?? 5;
  const firstSeq = options.firstSeq ?? 1;
  const startMs = options.startMs ?? Date.UTC(2026, 0, 1);
  const changes: Change[] = [];
  let recordId = '';
  for (let i = 0; i < count; i++) {
    if (i % fieldsPerRecord === 0) recordId = uuidv7({ msecs: startMs + i });
    changes.push({
      device,
      seq: firstSeq + i,
      stamp: formatStamp(startMs + Math.floor(i / 100), i % 100, device),
      author,
      entity: options.entity ?? 'organization',
      recordId,
      field: `field${i % fieldsPerRecord}`,
      value: i % 3 === 0 ? `value ${i}` : i % 3 === 1 ? i : { nested: [i, true, null] },
      seen: [],
      scope: options.scope ?? ['TH'],
    });
  }
  return changes;
}
