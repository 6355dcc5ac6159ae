import { describe, expect, it } from 'vitest';
import { decoyHash, defaultScryptParams, hashPassword, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('verify the right password and refuse a wrong one, with the production cost', async () => {
    const stored = await hashPassword('correct horse battery', defaultScryptParams);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterz', stored)).toBe(false);
  });

  it('salt every hash, so equal passwords give different hashes', async () => {
    const params = { N: 1024, r: 8, p: 1 };
    expect(await hashPassword('same password', params)).not.toBe(await hashPassword('same password', params));
  });

  it('refuse malformed or absurd stored hashes without throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(43)}`)).toBe(false);
  });

  it('keep one decoy hash per process that no password matches', async () => {
    const decoy = await decoyHash({ N: 1024, r: 8, p: 1 });
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPassword('', decoy)).toBe(false);
  });
});
