import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';
import { userColumns, type UserRow } from './users';
import { randomToken } from '@shared/security/webCrypto';

/**
 * Sessions: a random token the desk keeps, of which the server stores only the SHA-256, so a copy of
 * the database does not hand out live sessions.
 */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(db: Queryable, userId: string, hours: number): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [tokenHash(token), userId, expiresAt]);
  // Expired sessions are useless; clearing them here keeps the table small without a timer.
  await db.query(`delete from sessions where expires_at < now() - interval '1 day'`);
  return { token, expiresAt: expiresAt.toISOString() };
}

export type SessionLookup = { user: UserRow } | { expired: true } | undefined;

export async function findSession(db: Queryable, token: string): Promise<SessionLookup> {
  const [row] = await db.query<UserRow & { expired: boolean }>(
    `select ${userColumns}, s.expires_at <= now() as expired from sessions s join users u on u.id = s.user_id where s.token_hash = $1`,
    [tokenHash(token)],
  );
  if (!row) return undefined;
  if (row.expired) return { expired: true };
  const { expired: _expired, ...user } = row;
  return { user };
}

export async function closeSession(db: Queryable, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash(token)]);
}
