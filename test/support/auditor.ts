import { createApiClient, type ApiClient } from '@shared/api/client';
import type { Change } from '@shared/sync/change';
import { newRecordId } from '@shared/domain';
import { toBase64Url } from '@shared/security/webCrypto';

/**
 * A Secretariat device driven from Node: signs in, enrolls a key of its own and pulls everything the
 * server holds, so that a test can check what the server has (every seq of every device, once) through
 * the same API the desks use, without touching its database.
 */
export async function enrollAuditor(baseUrl: string, username: string, password: string): Promise<{ pullAll(): Promise<Change[]> }> {
  const session: { token?: string } = {};
  const keys = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
  const deviceId = newRecordId();
  const client: ApiClient = createApiClient({
    baseUrl,
    fetch: (url, init) => fetch(url, init as RequestInit),
    getToken: () => session.token,
    getDeviceSigner: () => ({ deviceId, privateKey: keys.privateKey }),
  });
  session.token = (await client.call('signIn', { body: { username, password } })).token;
  const devicePublicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey)));
  await client.call('enrollDevice', { body: { deviceId, devicePublicKey, name: 'test auditor' } });
  return {
    async pullAll() {
      const changes: Change[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await client.call('pull', { body: { cursor, limit: 5000 } });
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.more) return changes;
      }
    },
  };
}

/** Each device's seqs, checked to be exactly 1..n once each; returns n per device. */
export function contiguousSeqs(changes: readonly Change[]): Map<string, number> {
  const byDevice = new Map<string, number[]>();
  for (const change of changes) byDevice.set(change.device, [...(byDevice.get(change.device) ?? []), change.seq]);
  const out = new Map<string, number>();
  for (const [device, seqs] of byDevice) {
    const unique = [...new Set(seqs)].sort((a, b) => a - b);
    if (unique.some((seq, i) => seq !== i + 1)) throw new Error(`device ${device}: seqs are not 1..n: ${unique.join(',')}`);
    out.set(device, unique.length);
  }
  return out;
}
