import type { z } from 'zod';
import { ApiFailure, issueDetails } from './errors';
import { maxJsonDepth } from '@shared/api/contract';

/**
 * Reads a request body up to `max` bytes and refuses anything bigger before holding it all: a declared
 * length is checked first, and a body that does not declare one (chunked) is counted as it streams in.
 * A declared length is allocated once, so a large body (a bundle) is held once, not twice.
 */
export async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const header = request.headers.get('content-length');
  const declared = header !== null && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
  if (declared !== undefined && declared > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array(0);
  let buffer = new Uint8Array(declared ?? Math.min(max, 64 * 1024));
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    if (size + value.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.min(max, Math.max(buffer.byteLength * 2, size + value.byteLength)));
      grown.set(buffer.subarray(0, size));
      buffer = grown;
    }
    buffer.set(value, size);
    size += value.byteLength;
  }
  return size === buffer.byteLength ? buffer : buffer.slice(0, size);
}

const tooLarge = (max: number) => new ApiFailure('body-too-large', `the request body is larger than ${max} bytes`, { maxBytes: max });

/**
 * JSON the server can take: not nested beyond maxJsonDepth, and storable by PostgreSQL (its text columns
 * and jsonb refuse NUL characters). Walked without recursion, so no input can overflow the stack here.
 */
function jsonProblem(root: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'NUL characters are not accepted in text';
    } else if (value !== null && typeof value === 'object') {
      if (depth >= maxJsonDepth) return `JSON nested deeper than ${maxJsonDepth} levels is not accepted`;
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return 'NUL characters are not accepted in text';
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

export function parseJsonBody<T extends z.ZodType>(bytes: Uint8Array, contentType: string | null, schema: T): z.infer<T> {
  if (contentType !== null && !/^application\/json\s*(;|$)/i.test(contentType)) throw new ApiFailure('unsupported-media-type', 'send the body as application/json');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiFailure('bad-json', 'the request body is not valid UTF-8 JSON');
  }
  const problem = jsonProblem(json);
  if (problem) throw new ApiFailure('invalid-request', problem);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure('invalid-request', 'the request does not match the contract', issueDetails(parsed.error));
  return parsed.data;
}
