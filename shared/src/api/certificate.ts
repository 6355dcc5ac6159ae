import { z } from 'zod';
import { countryCodeSchema } from '../domain/taxonomy/countries';
import { userRoleSchema } from '../domain/taxonomy/roles';
import { deviceIdSchema } from '../sync/hlc';
import { statementKind } from '../security/signedStatement';

/** A raw 32-byte Ed25519 public key, base64url. */
export const publicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'a 32-byte Ed25519 public key, base64url' });
export const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, { error: 'a 64-byte Ed25519 signature, base64url' });

/**
 * What the server vouches for when it enrolls a device: this key belongs to this device, used by this
 * person with this role and these countries. Signed by the server's key, so a coordinator's desk can check
 * a bundle from an officer's device with no network (issue 5). A revoked device's certificate stays
 * valid as a signature; revocation lists travel separately.
 */
export const deviceCertificateBodySchema = z.strictObject({
  version: z.literal(1),
  deviceId: deviceIdSchema,
  devicePublicKey: publicKeySchema,
  userId: z.string().min(1).max(100),
  username: z.string().min(1).max(100),
  displayName: z.string().min(1).max(200),
  role: userRoleSchema,
  countries: z.array(countryCodeSchema).max(20),
  issuedAt: z.iso.datetime(),
  /** The issuing server's public key, so a certificate names the key to check it with. */
  issuer: publicKeySchema,
  /**
   * The device's X25519 public key (raw 32 bytes, base64url), to encrypt bundles to it (issue 5). Optional:
   * certificates issued before bundles existed have none, and a device without one receives passphrase bundles.
   */
  encryptionPublicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'a 32-byte X25519 public key, base64url' }).optional(),
});
export type DeviceCertificateBody = z.infer<typeof deviceCertificateBodySchema>;

export const deviceCertificateSchema = z.strictObject({ body: deviceCertificateBodySchema, signature: signatureSchema });
export type DeviceCertificate = z.infer<typeof deviceCertificateSchema>;

/** Signed over `STEP-CERT-1`, a newline, then the body's canonical JSON (security/signedStatement). */
const certificate = statementKind<DeviceCertificate>('STEP-CERT-1', deviceCertificateSchema);
export const signCertificate = certificate.sign;

/** True when the certificate is well formed and signed by `trustedIssuer` (the server's public key). */
export const verifyCertificate = certificate.verify;
