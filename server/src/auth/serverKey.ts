import { webcrypto } from 'node:crypto';
import { toBase64Url, type OpaqueKey } from '@shared/security/webCrypto';
import type { Queryable } from '../db/database';

/**
 * The server's Ed25519 key, which signs device certificates. Made once, by whichever process gets there
 * first (insert if absent, then read what won), so every process behind a load balancer signs with the
 * same key. It never changes, so each process may keep it in memory.
 */
export interface ServerKey {
  publicKey: string;
  privateKey: OpaqueKey;
}

export async function loadServerKey(db: Queryable): Promise<ServerKey> {
  const subtle = webcrypto.subtle;
  const pair = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  const privatePkcs8 = toBase64Url(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)));
  await db.query('insert into server_keys (id, public_key, private_key_pkcs8) values (1, $1, $2) on conflict (id) do nothing', [publicKey, privatePkcs8]);
  const [row] = await db.query<{ public_key: string; private_key_pkcs8: string }>('select public_key, private_key_pkcs8 from server_keys where id = 1');
  if (!row) throw new Error('server key missing after insert');
  const privateKey = await subtle.importKey('pkcs8', Buffer.from(row.private_key_pkcs8, 'base64url'), 'Ed25519', false, ['sign']);
  return { publicKey: row.public_key, privateKey };
}
