import { createHash } from 'node:crypto';
import { ApiFailure } from '../http/errors';
import type { Handlers } from '../http/operations';

/** Files by their SHA-256: the address is the content, so storing one twice is a no-op. */
export const attachmentHandlers: Pick<Handlers, 'putAttachment' | 'getAttachment'> = {
  putAttachment: async ({ deps, params, body }) => {
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== params.sha256) throw new ApiFailure('hash-mismatch', 'the bytes do not have the SHA-256 in the path', { actual });
    const stored = await deps.db.query('insert into attachments (sha256, size, bytes) values ($1, $2, $3) on conflict (sha256) do nothing returning sha256', [
      params.sha256,
      body.byteLength,
      body,
    ]);
    return { sha256: params.sha256, size: body.byteLength, stored: stored.length > 0 };
  },
  getAttachment: async ({ deps, params }) => {
    const [row] = await deps.db.query<{ bytes: Uint8Array }>('select bytes from attachments where sha256 = $1', [params.sha256]);
    if (!row) throw new ApiFailure('not-found', 'no attachment with this SHA-256');
    return new Response(new Uint8Array(row.bytes), {
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(row.bytes.byteLength), 'cache-control': 'private, max-age=31536000, immutable' },
    });
  },
};
