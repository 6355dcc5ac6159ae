import { describe, expect, it } from 'vitest';
import { allowedAuthors, isAllowedAuthor, principalOfCertificate } from './authors';

describe('allowed authors', () => {
  const owner = { deviceId: 'dev-1', userId: 'u-7' };

  it('are the device itself and the person it belongs to, nobody else', () => {
    expect(allowedAuthors(owner)).toEqual(['device:dev-1', 'user:u-7']);
    for (const author of allowedAuthors(owner)) expect(isAllowedAuthor(author, owner)).toBe(true);
    for (const author of ['device:dev-2', 'user:u-8', 'user:dev-1', 'device:u-7', 'dev-1', 'u-7', '']) expect(isAllowedAuthor(author, owner), author).toBe(false);
  });

  it('the principal of a certificate is its user, role and countries', () => {
    expect(principalOfCertificate({ body: { userId: 'u-7', role: 'field-officer', countries: ['TH'] } })).toEqual({ userId: 'u-7', role: 'field-officer', countries: ['TH'] });
  });
});
