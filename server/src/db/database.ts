/**
 * The one data layer the server talks to: PostgreSQL through `pg` in production, the embedded PGlite
 * (the same SQL dialect, in process) for a single-machine install and for tests. Everything above this
 * interface writes plain PostgreSQL with `$n` parameters and never knows which one it runs on.
 *
 * Driver differences are absorbed by the callers' row readers, not hidden here: bigint columns come back
 * as strings from `pg` and as numbers from PGlite (use `Number()`), bytea as Buffer or Uint8Array (both
 * Uint8Array). JSON parameters are passed as text and cast (`$1::text::jsonb`), which both drivers
 * serialize the same way.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface TransactionOptions {
  /** Set before the first statement; PGlite has one connection, so it is serial whatever is asked. */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Lock keys for pg_advisory(_xact)_lock: fixed numbers every server process agrees on. */
export const advisoryLocks = {
  migrations: 7_301_001,
  /** Held by every push: one writer at a time, so server_seq order is commit order. */
  syncWrite: 7_301_002,
} as const;
