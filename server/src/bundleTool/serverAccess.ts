import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findServerKey, type ServerKey } from '../auth/serverKey';
import { ConfigError, loadConfig } from '../config';
import type { Database } from '../db/database';
import { FolderInUseError } from '../db/folderLock';
import { currentVersion, latestVersion } from '../db/migrations';
import { openDatabase } from '../db/open';
import { exitUnavailable, exitUsage } from './args';

/** What `verify` needs of the server: its keys and its database (enrolled and revoked devices). */
export interface ServerAccess {
  db: Database;
  key: ServerKey;
  close(): Promise<void>;
}

/** Why the server's database cannot be used, with the exit code to leave with. */
export class ServerAccessError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Opens the server's database as `npm run server` would (STEP_DATA_DIR, DATABASE_URL), but changes
 * nothing: no database is created where there is none, no migration is run, no key is made.
 */
export async function openServerAccess(env: Record<string, string | undefined> = process.env): Promise<ServerAccess> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ServerAccessError(error.message, exitUsage);
    throw error;
  }
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pglite', 'PG_VERSION'))) {
    throw new ServerAccessError(`No server database in ${join(config.dataDir, 'pglite')}: set STEP_DATA_DIR to the server's data folder, or DATABASE_URL.`, exitUnavailable);
  }
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (error) {
    if (error instanceof FolderInUseError) throw new ServerAccessError(`${error.message} (or use DATABASE_URL, which several processes can share)`, exitUnavailable);
    throw error;
  }
  try {
    const version = await currentVersion(db);
    if (version !== latestVersion) {
      throw new ServerAccessError(`The server's database is at schema version ${version}; this tool needs ${latestVersion}. Run npm run server -- migrate first.`, exitUnavailable);
    }
    const key = await findServerKey(db);
    if (!key) throw new ServerAccessError('The server has never started on this database, so it has no keys yet: start it once first.', exitUnavailable);
    return { db, key, close: () => db.close() };
  } catch (error) {
    await db.close().catch(() => undefined);
    if (error instanceof ServerAccessError) throw error;
    throw new ServerAccessError(`The server's database does not answer: ${(error as Error).message}`, exitUnavailable);
  }
}
