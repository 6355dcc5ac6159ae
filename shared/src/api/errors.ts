import { z } from 'zod';

/**
 * Every refusal the server can answer, as a stable code. The English message travels with it for logs
 * and scripts; the desk shows its own translation of the code (`api.<code>` in its locales), so an officer
 * reads the reason in their language. 4xx codes are the client's doing; the server never answers 5xx
 * for bad input.
 */
export const apiErrorCodes = [
  'bad-json',
  'invalid-request',
  'body-too-large',
  'unsupported-media-type',
  'unauthenticated',
  'bad-credentials',
  'session-expired',
  'bad-signature',
  'unknown-device',
  'device-revoked',
  'request-expired',
  'replayed-request',
  'forbidden',
  'forged-change',
  'seq-gap',
  'not-found',
  'device-taken',
  'user-exists',
  'hash-mismatch',
  /** A sync bundle failed a check (details: bundleCode, params, message); nothing of it was applied. */
  'bundle-refused',
  'not-ready',
  /** The server is busy with another large upload (a bundle): try again after `retry-after` seconds. */
  'server-busy',
  'internal',
] as const;
export const apiErrorCodeSchema = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    /** Where the request was wrong: zod issue paths and messages, an expected seq, and the like. */
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The HTTP status each code is answered with. */
export const apiErrorStatus: Record<ApiErrorCode, number> = {
  'bad-json': 400,
  'invalid-request': 400,
  'body-too-large': 413,
  'unsupported-media-type': 415,
  unauthenticated: 401,
  'bad-credentials': 401,
  'session-expired': 401,
  'bad-signature': 401,
  'unknown-device': 401,
  'device-revoked': 403,
  'request-expired': 401,
  'replayed-request': 409,
  forbidden: 403,
  'forged-change': 403,
  'seq-gap': 409,
  'not-found': 404,
  'device-taken': 409,
  'user-exists': 409,
  'hash-mismatch': 422,
  'bundle-refused': 422,
  'not-ready': 503,
  'server-busy': 503,
  internal: 500,
};
