import type { DeviceCertificateBody } from '../api/certificate';
import type { Principal } from './rules';

/**
 * Who a change may name as its author: the device that made it (`device:<deviceId>`) or the person the
 * device belongs to (`user:<userId>`, from the device's certificate). One rule for the bundle reader, the
 * exporting desk and the server, so a change one of them accepts is never refused by another.
 */
export interface AuthorOwner {
  deviceId: string;
  userId: string;
}

/** The two authors a device's changes may carry, device first. */
export const allowedAuthors = (owner: AuthorOwner): readonly [string, string] => [`device:${owner.deviceId}`, `user:${owner.userId}`];

/** True when `author` is one a change of `owner`'s device may carry. */
export const isAllowedAuthor = (author: string, owner: AuthorOwner): boolean => author === `device:${owner.deviceId}` || author === `user:${owner.userId}`;

/** The person a device certificate speaks for, as the access rules (rules.ts) see them. */
export const principalOfCertificate = (certificate: { body: Pick<DeviceCertificateBody, 'userId' | 'role' | 'countries'> }): Principal => ({
  userId: certificate.body.userId,
  role: certificate.body.role,
  countries: certificate.body.countries,
});
