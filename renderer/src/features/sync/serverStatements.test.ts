import { createApiClient, type FetchLike } from '@shared/api/client';
import { signRevocationList, type SignedRevocationList } from '@shared/bundle/revocations';
import { signServerAck, type SignedServerAck } from '@shared/bundle/serverAck';
import { toBase64Url } from '@shared/security/webCrypto';
import { describe, expect, it } from 'vitest';
import { learnServerStatements } from './serverStatements';

const newKey = async () => {
  const pair = (await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify'])) as CryptoKeyPair;
  return { publicKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))), privateKey: pair.privateKey };
};

/** A stand-in server answering both statements signed by `signer` (or failing with `status`). */
async function fakeServer(signer: Awaited<ReturnType<typeof newKey>>, options: { status?: number } = {}) {
  const device = await newKey();
  const issuedAt = '2025-06-02T00:00:00.000Z';
  const revocations = await signRevocationList({ version: 1, issuer: signer.publicKey, issuedAt, revoked: [{ deviceId: 'stolen-laptop', revokedAt: issuedAt }] }, signer.privateKey);
  const ack = await signServerAck({ version: 1, issuer: signer.publicKey, issuedAt, vector: { 'device-1': 42 } }, signer.privateKey);
  const paths: string[] = [];
  const fetch: FetchLike = async (url) => {
    const path = new URL(url).pathname;
    paths.push(path);
    const status = options.status ?? 200;
    const bytes = new TextEncoder().encode(JSON.stringify(status === 200 ? (path === '/api/v1/acks' ? ack : revocations) : { error: { code: 'internal', message: 'down' } }));
    return { status, ok: status === 200, arrayBuffer: async () => bytes.buffer };
  };
  const api = createApiClient({ baseUrl: 'https://step.example.org', fetch, getDeviceSigner: async () => ({ deviceId: 'device-1', privateKey: device.privateKey }) });
  return { api, paths, revocations, ack };
}

const recordingPort = () => {
  const saved: { revocations: SignedRevocationList[]; acks: SignedServerAck[] } = { revocations: [], acks: [] };
  return {
    saved,
    port: {
      saveRevocations: async (list: SignedRevocationList) => void saved.revocations.push(list),
      saveServerAck: async (signed: SignedServerAck) => void saved.acks.push(signed),
    },
  };
};

describe('learning the server’s signed statements after a sync round', () => {
  it('fetches the revocation list and the server ack, checks them against the pinned key and saves both', async () => {
    const serverKey = await newKey();
    const server = await fakeServer(serverKey);
    const { saved, port } = recordingPort();
    const result = await learnServerStatements({ api: server.api, serverPublicKey: serverKey.publicKey, port });
    expect(result).toEqual({ saved: ['revocations', 'serverAck'], problems: [] });
    expect(server.paths.sort()).toEqual(['/api/v1/acks', '/api/v1/revocations']);
    expect(saved.revocations).toEqual([server.revocations]);
    expect(saved.acks).toEqual([server.ack]);
  });

  it('keeps nothing signed by another key than the pinned one, and says so', async () => {
    const pinned = await newKey();
    const server = await fakeServer(await newKey());
    const { saved, port } = recordingPort();
    const result = await learnServerStatements({ api: server.api, serverPublicKey: pinned.publicKey, port });
    expect(result.saved).toEqual([]);
    expect(result.problems).toEqual([
      { statement: 'revocations', reason: 'unverified' },
      { statement: 'serverAck', reason: 'unverified' },
    ]);
    expect(saved).toEqual({ revocations: [], acks: [] });
  });

  it('reports a failed request instead of throwing', async () => {
    const serverKey = await newKey();
    const server = await fakeServer(serverKey, { status: 500 });
    const { port } = recordingPort();
    const result = await learnServerStatements({ api: server.api, serverPublicKey: serverKey.publicKey, port });
    expect(result.saved).toEqual([]);
    expect(result.problems.map((problem) => [problem.statement, problem.reason])).toEqual([
      ['revocations', 'failed'],
      ['serverAck', 'failed'],
    ]);
  });
});
