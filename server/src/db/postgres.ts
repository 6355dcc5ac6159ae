import pg from 'pg';
import type { Database, Queryable, TransactionOptions } from './database';

/** PostgreSQL through a `pg` pool: several server processes may share one database. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client that loses its connection emits here; without a listener Node would crash the process.
  pool.on('error', (error) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'idle database client failed', error: error.message })));
  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params ? [...params] : undefined)).rows as Row[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction<T>(work: (tx: Queryable) => Promise<T>, txOptions?: TransactionOptions): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query(txOptions?.isolation ? `begin isolation level ${txOptions.isolation}` : 'begin');
        // One statement at a time on the transaction's connection: callers may issue several at once
        // (the engine merges records in parallel), and a pg client must not be given overlapping queries.
        let queue: Promise<unknown> = Promise.resolve();
        const query = <Row>(sql: string, params?: readonly unknown[]) => {
          const next = queue.then(() => run<Row>(client, sql, params));
          queue = next.catch(() => undefined);
          return next;
        };
        const result = await work({ query });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
