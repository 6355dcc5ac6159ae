import { describe, expect, it } from 'vitest';
import { newerServerAck, reservedDeviceIds, signServerAck, verifyServerAck, type ServerAckBody } from './serverAck';
import { testIssuer } from './testing';

describe('the server’s signed acknowledgement', () => {
  it('verifies against its issuer only, and not once altered', async () => {
    const issuer = await testIssuer();
    const other = await testIssuer();
    const body: ServerAckBody = { version: 1, issuer: issuer.publicKey, issuedAt: '2026-03-01T10:00:00.000Z', vector: { 'dev-a': 4, 'dev-b': 0 } };
    const signed = await signServerAck(body, issuer.privateKey);
    expect(await verifyServerAck(signed, issuer.publicKey)).toEqual(signed);
    expect(await verifyServerAck(signed, other.publicKey)).toBeUndefined();
    expect(await verifyServerAck({ ...signed, body: { ...body, vector: { 'dev-a': 5, 'dev-b': 0 } } }, issuer.publicKey)).toBeUndefined();
    expect(await verifyServerAck({ ...signed, body: { ...body, issuedAt: '2027-01-01T00:00:00.000Z' } }, issuer.publicKey)).toBeUndefined();
    // Another server signing a statement that names ours as issuer.
    expect(await verifyServerAck(await signServerAck(body, other.privateKey), issuer.publicKey)).toBeUndefined();
    for (const junk of [undefined, null, 'x', { body }, { ...signed, extra: 1 }, { ...signed, body: { ...body, vector: { 'dev-a': -1 } } }]) expect(await verifyServerAck(junk, issuer.publicKey)).toBeUndefined();
  });

  it('the newer of two statements wins; either may be missing', async () => {
    const issuer = await testIssuer();
    const at = (issuedAt: string) => signServerAck({ version: 1, issuer: issuer.publicKey, issuedAt, vector: {} }, issuer.privateKey);
    const [older, newer] = [await at('2026-03-01T10:00:00.000Z'), await at('2026-03-02T10:00:00.000Z')];
    expect(newerServerAck(older, newer)).toBe(newer);
    expect(newerServerAck(newer, older)).toBe(newer);
    expect(newerServerAck(undefined, older)).toBe(older);
    expect(newerServerAck(older, undefined)).toBe(older);
    expect(newerServerAck(undefined, undefined)).toBeUndefined();
  });

  it('reserves the ids that name the server', () => {
    expect(reservedDeviceIds).toEqual(expect.arrayContaining(['server', 'step-server']));
  });
});
