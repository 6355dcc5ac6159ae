import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { apiErrorStatus, type ApiError, type ApiErrorCode } from '@shared/api/errors';
import type { z } from 'zod';

/** A refusal with one of the contract's codes; thrown anywhere below a route, answered by the error handler. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries (`retry-after` of a 503). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, code: ApiErrorCode, message: string, details?: unknown, headers?: Record<string, string>): Response {
  const body: ApiError = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, apiErrorStatus[code] as ContentfulStatusCode, headers);
}

/** zod issues as the contract's `details`: where (a path) and what was wrong, nothing of the input's values. */
export function issueDetails(error: z.ZodError): { path: (string | number)[]; message: string }[] {
  return error.issues.slice(0, 50).map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }));
}
