import { randomUUID } from 'node:crypto';
import type { UserInfo } from '@shared/api/contract';
import type { Principal } from '@shared/access/rules';
import type { CountryCode } from '@shared/domain/taxonomy/countries';
import type { UserRole } from '@shared/domain/taxonomy/roles';
import type { Queryable } from '../db/database';
import { decoyHash, hashPassword, verifyPassword, type ScryptParams } from './passwords';

/** People, read fresh from the database on every request: a role changed by another process counts at once. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  countries: CountryCode[];
}

export const userColumns = 'u.id, u.username, u.display_name, u.role, u.countries';

export const userInfo = (row: UserRow): UserInfo => ({ id: row.id, username: row.username, displayName: row.display_name, role: row.role, countries: [...row.countries] });
export const principalOf = (row: UserRow): Principal => ({ userId: row.id, role: row.role, countries: [...row.countries] });

export class UserExistsError extends Error {}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  countries: CountryCode[];
  password: string;
}

export async function createUser(db: Queryable, user: NewUser, params?: ScryptParams): Promise<UserInfo> {
  const hash = await hashPassword(user.password, params);
  const rows = await db.query<UserRow>(
    `insert into users as u (id, username, display_name, role, countries, password_hash) values ($1, $2, $3, $4, $5, $6)
     on conflict (username) do nothing returning ${userColumns}`,
    [randomUUID(), user.username, user.displayName, user.role, [...new Set(user.countries)], hash],
  );
  if (!rows[0]) throw new UserExistsError(`the username ${user.username} is taken`);
  return userInfo(rows[0]);
}

export async function listUsers(db: Queryable): Promise<UserInfo[]> {
  return (await db.query<UserRow>(`select ${userColumns} from users u order by u.username`)).map(userInfo);
}

/** The user when the password is right; a hash is spent either way, so timing tells nothing. */
export async function checkCredentials(db: Queryable, username: string, password: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow & { password_hash: string }>(`select ${userColumns}, u.password_hash from users u where u.username = $1`, [username]);
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  return row && ok ? row : undefined;
}
