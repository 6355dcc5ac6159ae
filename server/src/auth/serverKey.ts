import { webcrypto } from 'node:crypto';
import { toBase64Url, type OpaqueKey } from '@shared/security/webCrypto';
import type { Queryable } from '../db/database';

/**
 * The server's two keys: Ed25519, which signs device certificates and revocation lists, and X25519, to
 * which desks encrypt the bundles they address to the server (docs/bundle-format.md). Each is made once,
 * by whichever process gets there first (insert if absent, then read what won), so every process behind
 * a load balancer uses the same keys. They never change, so each process may keep them in memory.
 */
export interface ServerKey {
  publicKey: string;
  privateKey: OpaqueKey;
  /** X25519, raw 32 bytes base64url: what serverInfo publishes and bundles for the server are encrypted to. */
  encryptionPublicKey: string;
  encryptionPrivateKey: OpaqueKey;
}

const subtle = webcrypto.subtle;
const x25519Usages: webcrypto.KeyUsage[] = ['deriveBits', 'deriveKey'];

export async function loadServerKey(db: Queryable): Promise<ServerKey> {
  const signing = await loadPair(db, 'server_keys', 'Ed25519', ['sign', 'verify']);
  const encryption = await loadPair(db, 'server_encryption_keys', 'X25519', x25519Usages);
  return {
    publicKey: signing.publicKey,
    privateKey: await subtle.importKey('pkcs8', Buffer.from(signing.privatePkcs8, 'base64url'), 'Ed25519', false, ['sign']),
    ...(await importEncryptionKey(encryption)),
  };
}

/**
 * The keys as stored, without making any: for tools that read a server's database (the bundle tool) and
 * must not change it. Undefined when the server has never started on this database.
 */
export async function findServerKey(db: Queryable): Promise<ServerKey | undefined> {
  const signing = await readPair(db, 'server_keys');
  const encryption = await readPair(db, 'server_encryption_keys');
  if (!signing || !encryption) return undefined;
  return {
    publicKey: signing.publicKey,
    privateKey: await subtle.importKey('pkcs8', Buffer.from(signing.privatePkcs8, 'base64url'), 'Ed25519', false, ['sign']),
    ...(await importEncryptionKey(encryption)),
  };
}

type StoredPair = { publicKey: string; privatePkcs8: string };

async function importEncryptionKey(pair: StoredPair): Promise<Pick<ServerKey, 'encryptionPublicKey' | 'encryptionPrivateKey'>> {
  return {
    encryptionPublicKey: pair.publicKey,
    encryptionPrivateKey: await subtle.importKey('pkcs8', Buffer.from(pair.privatePkcs8, 'base64url'), 'X25519', false, x25519Usages),
  };
}

async function loadPair(db: Queryable, table: 'server_keys' | 'server_encryption_keys', algorithm: 'Ed25519' | 'X25519', usages: webcrypto.KeyUsage[]): Promise<StoredPair> {
  const existing = await readPair(db, table);
  if (existing) return existing;
  const pair = (await subtle.generateKey(algorithm, true, usages)) as webcrypto.CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  const privatePkcs8 = toBase64Url(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)));
  await db.query(`insert into ${table} (id, public_key, private_key_pkcs8) values (1, $1, $2) on conflict (id) do nothing`, [publicKey, privatePkcs8]);
  const stored = await readPair(db, table);
  if (!stored) throw new Error(`${table}: key missing after insert`);
  return stored;
}

async function readPair(db: Queryable, table: 'server_keys' | 'server_encryption_keys'): Promise<StoredPair | undefined> {
  const [row] = await db.query<{ public_key: string; private_key_pkcs8: string }>(`select public_key, private_key_pkcs8 from ${table} where id = 1`);
  return row ? { publicKey: row.public_key, privatePkcs8: row.private_key_pkcs8 } : undefined;
}
