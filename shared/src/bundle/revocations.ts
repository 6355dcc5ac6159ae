import { z } from 'zod';
import { publicKeySchema, signatureSchema } from '../api/certificate';
import { canonicalJson } from '../records/canonical';
import { signEd25519, verifyEd25519, type OpaqueKey } from '../security/webCrypto';
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

const revocationBytes = (body: RevocationListBody) => new TextEncoder().encode(`STEP-REVOCATIONS-1\n${canonicalJson(body)}`);

export async function signRevocationList(body: RevocationListBody, serverPrivateKey: OpaqueKey): Promise<SignedRevocationList> {
  return { body, signature: await signEd25519(serverPrivateKey, revocationBytes(body)) };
}

/** The list when it is well formed and signed by `trustedIssuer`; undefined otherwise (never a throw). */
export async function verifyRevocationList(candidate: unknown, trustedIssuer: string): Promise<SignedRevocationList | undefined> {
  const parsed = signedRevocationListSchema.safeParse(candidate);
  if (!parsed.success || parsed.data.body.issuer !== trustedIssuer) return undefined;
  return (await verifyEd25519(trustedIssuer, parsed.data.signature, revocationBytes(parsed.data.body))) ? parsed.data : undefined;
}

/** The newer of two lists (by issuedAt); either may be missing. */
export function newerRevocationList(a: SignedRevocationList | undefined, b: SignedRevocationList | undefined): SignedRevocationList | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.body.issuedAt > a.body.issuedAt ? b : a;
}

export const revokedDeviceIds = (list: SignedRevocationList | undefined): Set<string> => new Set(list?.body.revoked.map((entry) => entry.deviceId) ?? []);
