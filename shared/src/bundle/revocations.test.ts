import { describe, expect, it } from 'vitest';
import { newerRevocationList, revokedDeviceIds, verifyRevocationList } from './revocations';
import { testIssuer } from './testing';

describe('revocation lists', () => {
  it('verify against their issuer only, and not once altered', async () => {
    const issuer = await testIssuer();
    const list = await issuer.revocations([{ deviceId: 'dev-lost', revokedAt: '2026-02-01T00:00:00.000Z' }], '2026-02-02T00:00:00.000Z');
    expect(await verifyRevocationList(list, issuer.publicKey)).toEqual(list);
    expect(await verifyRevocationList(list, (await testIssuer()).publicKey)).toBeUndefined();
    expect(await verifyRevocationList({ ...list, body: { ...list.body, revoked: [] } }, issuer.publicKey)).toBeUndefined();
    expect(await verifyRevocationList({ ...list, extra: 1 }, issuer.publicKey)).toBeUndefined();
    expect(await verifyRevocationList('garbage', issuer.publicKey)).toBeUndefined();
    expect(revokedDeviceIds(list)).toEqual(new Set(['dev-lost']));
    expect(revokedDeviceIds(undefined)).toEqual(new Set());
  });

  it('the newer list wins', async () => {
    const issuer = await testIssuer();
    const older = await issuer.revocations([], '2026-01-01T00:00:00.000Z');
    const newer = await issuer.revocations([{ deviceId: 'dev-x' }], '2026-02-01T00:00:00.000Z');
    expect(newerRevocationList(older, newer)).toBe(newer);
    expect(newerRevocationList(newer, older)).toBe(newer);
    expect(newerRevocationList(undefined, older)).toBe(older);
    expect(newerRevocationList(older, undefined)).toBe(older);
  });
});
