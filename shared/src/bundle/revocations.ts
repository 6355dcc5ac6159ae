import { z } from 'zod';
import { publicKeySchema, signatureSchema } from '../api/certificate';
import { newerStatement, statementKind } from '../security/signedStatement';
import { deviceIdSchema } from '../sync/hlc';

/**
 * The server's list of revoked devices, signed by its certificate key so that it can travel on a USB
 * stick and be believed by a desk with no network: a bundle carries the newest list its exporter holds,
 * and a reader takes the union of what it knew and any newer valid list it is handed.
 */
export const revocationListBodySchema = z.strictObject({
  version: z.literal(1),
  /** The server's public key (the same one that signs certificates). */
  issuer: publicKeySchema,
  issuedAt: z.iso.datetime(),
  revoked: z.array(z.strictObject({ deviceId: deviceIdSchema, revokedAt: z.iso.datetime() })).max(100_000),
});
export type RevocationListBody = z.infer<typeof revocationListBodySchema>;

export const signedRevocationListSchema = z.strictObject({ body: revocationListBodySchema, signature: signatureSchema });
export type SignedRevocationList = z.infer<typeof signedRevocationListSchema>;

/** Signed over `STEP-REVOCATIONS-1`, a newline, then the body's canonical JSON (security/signedStatement). */
const revocationList = statementKind<SignedRevocationList>('STEP-REVOCATIONS-1', signedRevocationListSchema);
export const signRevocationList = revocationList.sign;

/** The list when it is well formed and signed by `trustedIssuer`; undefined otherwise (never a throw). */
export const verifyRevocationList = revocationList.verify;

/** The newer of two lists (by issuedAt); either may be missing. */
export const newerRevocationList = newerStatement<SignedRevocationList>;

export const revokedDeviceIds = (list: SignedRevocationList | undefined): Set<string> => new Set(list?.body.revoked.map((entry) => entry.deviceId) ?? []);
