import { z } from 'zod';
import { publicKeySchema, signatureSchema } from '../api/certificate';
import { newerStatement, statementKind } from '../security/signedStatement';
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

/** Signed over `STEP-SERVER-ACK-1`, a newline, then the body's canonical JSON (security/signedStatement). */
const serverAck = statementKind<SignedServerAck>('STEP-SERVER-ACK-1', signedServerAckSchema);
export const signServerAck = serverAck.sign;

/** The statement when it is well formed and signed by `trustedIssuer`; undefined otherwise (never a throw). */
export const verifyServerAck = serverAck.verify;

/** The newer of two statements (by issuedAt); the server's holdings only grow, so the newer says more. */
export const newerServerAck = newerStatement<SignedServerAck>;

/** Device ids no desk may take: they name the server in acknowledgements. */
export const reservedDeviceIds: readonly string[] = ['server', 'step-server'];
