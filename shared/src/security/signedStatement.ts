import type { z } from 'zod';
import { canonicalJson } from '../records/canonical';
import { signEd25519, verifyEd25519, type OpaqueKey } from './webCrypto';

/**
 * A statement the server signs with its certificate key so that it can travel and be believed offline
 * (device certificates, revocation lists, server acknowledgements): a body naming its `issuer` and an
 * Ed25519 signature over `${prefix}\n${canonicalJson(body)}`. The prefix keeps one kind of statement from
 * being passed off as another.
 */
export interface SignedStatement<Body> {
  body: Body;
  signature: string;
}

const statementBytes = (prefix: string, body: unknown) => new TextEncoder().encode(`${prefix}\n${canonicalJson(body)}`);

export async function signStatement<Body>(prefix: string, body: Body, privateKey: OpaqueKey): Promise<SignedStatement<Body>> {
  return { body, signature: await signEd25519(privateKey, statementBytes(prefix, body)) };
}

/**
 * The statement when `schema` accepts it, its body names `trustedIssuer` and the signature checks against
 * that key; undefined otherwise (never a throw).
 */
export async function verifyStatement<Statement extends SignedStatement<{ issuer: string }>>(
  prefix: string,
  schema: z.ZodType<Statement>,
  candidate: unknown,
  trustedIssuer: string,
): Promise<Statement | undefined> {
  const parsed = schema.safeParse(candidate);
  if (!parsed.success || parsed.data.body.issuer !== trustedIssuer) return undefined;
  return (await verifyEd25519(trustedIssuer, parsed.data.signature, statementBytes(prefix, parsed.data.body))) ? parsed.data : undefined;
}

/**
 * One kind of statement: `sign` and `verify` bound to its prefix and its schema (the body and the signature),
 * to export under the kind's own names.
 */
export function statementKind<Statement extends SignedStatement<{ issuer: string }>>(prefix: string, schema: z.ZodType<Statement>) {
  return {
    sign: (body: Statement['body'], privateKey: OpaqueKey): Promise<Statement> => signStatement(prefix, body, privateKey) as Promise<Statement>,
    verify: (candidate: unknown, trustedIssuer: string): Promise<Statement | undefined> => verifyStatement(prefix, schema, candidate, trustedIssuer),
  };
}

/** The newer of two statements (by their body's issuedAt); either may be missing. */
export function newerStatement<Statement extends SignedStatement<{ issuedAt: string }>>(a: Statement | undefined, b: Statement | undefined): Statement | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.body.issuedAt > a.body.issuedAt ? b : a;
}
