import { z } from 'zod';
import { publicKeySchema, signatureSchema } from '../api/certificate';
import { canonicalJson } from '../records/canonical';
import { signEd25519, verifyEd25519, type OpaqueKey } from '../security/webCrypto';
import { deviceIdSchema } from '../sync/hlc';

/**
 * The Secretariat's server saying which changes it holds: for each device, the seq up to which it has
 * processed every change. Signed by the server's certificate key, so that a coordinator can carry it to
 * officers on a stick and they can believe it ("your changes reached the Secretariat"), and so that no
 * desk can make another skip changes by claiming the server already has them. Desks accept a claim
 * about the server only in this form (or from their own network sync).
 */
export const serverAckBodySchema = z.strictObject({
  version: z.literal(1),
  issuer: publicKeySchema,
  issuedAt: z.iso.datetime(),
  vector: z.record(deviceIdSchema, z.number().int().nonnegative()),
});
export type ServerAckBody = z.infer<typeof serverAckBodySchema>;

export const signedServerAckSchema = z.strictObject({ body: serverAckBodySchema, signature: signatureSchema });
export type SignedServerAck = z.infer<typeof signedServerAckSchema>;

const ackBytes = (body: ServerAckBody) => new TextEncoder().encode(`STEP-SERVER-ACK-1\n${canonicalJson(body)}`);

export async function signServerAck(body: ServerAckBody, serverPrivateKey: OpaqueKey): Promise<SignedServerAck> {
  return { body, signature: await signEd25519(serverPrivateKey, ackBytes(body)) };
}

/** The statement when it is well formed and signed by `trustedIssuer`; undefined otherwise (never a throw). */
export async function verifyServerAck(candidate: unknown, trustedIssuer: string): Promise<SignedServerAck | undefined> {
  const parsed = signedServerAckSchema.safeParse(candidate);
  if (!parsed.success || parsed.data.body.issuer !== trustedIssuer) return undefined;
  return (await verifyEd25519(trustedIssuer, parsed.data.signature, ackBytes(parsed.data.body))) ? parsed.data : undefined;
}

/** The newer of two statements (by issuedAt); the server's holdings only grow, so the newer says more. */
export function newerServerAck(a: SignedServerAck | undefined, b: SignedServerAck | undefined): SignedServerAck | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.body.issuedAt > a.body.issuedAt ? b : a;
}

/** Device ids no desk may take: they name the server in acknowledgements. */
export const reservedDeviceIds: readonly string[] = ['server', 'step-server'];
