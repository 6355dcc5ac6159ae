import type { CountryCode } from '../domain/taxonomy/countries';
import type { UserRole } from '../domain/taxonomy/roles';
import { SyncEngine } from '../sync/engine';
import { MemoryStorage } from '../sync/memoryStorage';
import { signServerAck } from './serverAck';
import { memoryBundlePort, type MemoryBundlePort, type MemoryBundlePortOptions } from './memoryPort';
import { testIdentity, type TestIdentity, type TestIssuer } from './testing';
import type { BundleKey, BundleRecipient } from './types';

/** A replica for bundle tests: an engine over memory with a clock the test controls, its identity and port. */
export interface BundleReplica {
  name: string;
  storage: MemoryStorage;
  engine: SyncEngine;
  clock: { now: number };
  identity: TestIdentity;
  port: MemoryBundlePort;
  /** What opens a bundle addressed to this replica. */
  key: BundleKey;
  /** How others address a bundle to it. */
  recipient: BundleRecipient;
  scope: { global: boolean; countries: string[] };
}

/**
 * A desk (or, with `server`, the Secretariat's server, whose device id is 'server' so that its
 * acknowledgements are the 'server' party's) enrolled with `issuer`.
 */
export async function testBundleReplica(
  issuer: TestIssuer,
  name: string,
  options: { role?: UserRole; countries?: CountryCode[]; server?: boolean; startMs?: number; beforeCommit?: MemoryBundlePortOptions['beforeCommit'] } = {},
): Promise<BundleReplica> {
  const server = options.server ?? false;
  const identity = await testIdentity({ issuer, deviceId: server ? 'server' : name, role: server ? 'secretariat' : options.role, countries: server ? [] : options.countries });
  const storage = new MemoryStorage();
  const clock = { now: options.startMs ?? Date.UTC(2026, 0, 1) };
  const engine = new SyncEngine(storage, identity.deviceId, identity.author, () => clock.now);
  // Each statement newer than the last, however still the test's clock.
  let acksSigned = 0;
  const port = memoryBundlePort(
    { storage, engine },
    {
      identity: { party: identity.deviceId, principal: identity.principal, signer: identity.signer, certificate: identity.certificate },
      issuer: issuer.publicKey,
      certificates: [identity.certificate],
      beforeCommit: options.beforeCommit,
      signServerAck: server ? (vector) => signServerAck({ version: 1, issuer: issuer.publicKey, issuedAt: new Date(clock.now + ++acksSigned).toISOString(), vector }, issuer.privateKey) : undefined,
    },
  );
  const global = identity.principal.role === 'secretariat' || identity.principal.role === 'admin';
  return {
    name,
    storage,
    engine,
    clock,
    identity,
    port,
    key: server ? issuer.key : identity.key,
    recipient: server ? { kind: 'server', encryptionKey: issuer.encryption.publicKey } : { kind: 'device', deviceId: identity.deviceId, encryptionKey: identity.encryptionKeyPair.publicKey },
    scope: { global, countries: global ? [] : [...identity.principal.countries] },
  };
}
