import type { z } from 'zod';
import { ApiFailure, issueDetails } from './errors';

/**
 * Reads a request body up to `max` bytes and refuses anything bigger before holding it all: a declared
 * length is checked first, and a body that does not declare one (chunked) is counted as it streams in.
 */
export async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const tooLarge = (max: number) => new ApiFailure('body-too-large', `the request body is larger than ${max} bytes`, { maxBytes: max });

/** JSON that PostgreSQL can store: its text columns and jsonb refuse NUL characters, so they are refused here, as bad input. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([key, item]) => key.includes('\u0000') || hasNul(item));
  return false;
}

export function parseJsonBody<T extends z.ZodType>(bytes: Uint8Array, contentType: string | null, schema: T): z.infer<T> {
  if (contentType !== null && !/^application\/json\s*(;|$)/i.test(contentType)) throw new ApiFailure('unsupported-media-type', 'send the body as application/json');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiFailure('bad-json', 'the request body is not valid UTF-8 JSON');
  }
  if (hasNul(json)) throw new ApiFailure('invalid-request', 'NUL characters are not accepted in text');
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure('invalid-request', 'the request does not match the contract', issueDetails(parsed.error));
  return parsed.data;
}
