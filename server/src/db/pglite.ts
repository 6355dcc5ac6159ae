import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, TransactionOptions } from './database';
import { lockFolder } from './folderLock';

/** PGlite on disk (`dataDir`) or in memory (no dir: tests). One connection, so transactions are serial. */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockFolder(dataDir) : () => undefined;
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  try {
    await pg.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const query = async <Row>(target: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) =>
    (await target.query<Row>(sql, params ? [...params] : undefined)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => query(pg, sql, params),
    transaction: <T>(work: (tx: Queryable) => Promise<T>, _options?: TransactionOptions) =>
      pg.transaction((tx) => work({ query: (sql, params) => query(tx, sql, params) })),
    close: async () => {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
