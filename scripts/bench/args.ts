import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  records: number;
  data: string | undefined;
  runs: number;
  queries: number;
  build: boolean;
  /** The parts to run (all by default). */
  only: BenchPart[];
}

/**
 * - `app`: import, plain bulkPut reference, list and search, "changes beyond V" in the imported store;
 * - `sync-apply`: applying 100,000 changes to IndexedDB against its bulkPut floor;
 * - `sync-server`: initial and no-op network sync from a real server process into Chromium;
 * - `server-push`: push throughput and latency with 100 concurrent desks, on PGlite and PostgreSQL;
 * - `bundle`: export and import of a sync bundle of N records between two desks, against its bulkPut floor
 *   and the same records as gzipped NDJSON (bundleExchange.ts);
 * - `workspace`: the program workspace's screens on N program records: people list and search, field-report
 *   list and filter, an activity's detail page, a coordinator's review queue and badge, the people export
 *   (workspace.ts).
 */
export const benchParts = ['app', 'sync-apply', 'sync-server', 'server-push', 'bundle', 'workspace'] as const;
export type BenchPart = (typeof benchParts)[number];

export const usage = `usage: npm run bench -- [--records N] [--data FILE.ndjson] [--runs R] [--only ${benchParts.join(',')}] [--no-build]`;

/** Reads the command line; a bad argument is an error with a message, never a silent default. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', default: '100000' },
      data: { type: 'string' },
      runs: { type: 'string', default: '3' },
      queries: { type: 'string', default: '20' },
      'no-build': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
    strict: true,
  });
  const count = (name: string, raw: string, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${raw}"`);
    return n;
  };
  if (values.data !== undefined && !existsSync(values.data)) throw new Error(`--data: no file at ${values.data}`);
  const only = values.only === undefined ? [...benchParts] : values.only.split(',').map((part) => part.trim());
  const unknown = only.filter((part) => !(benchParts as readonly string[]).includes(part));
  if (unknown.length > 0 || only.length === 0) throw new Error(`--only takes parts among ${benchParts.join(', ')} (comma-separated), not "${values.only}"`);
  return {
    records: count('records', values.records, 2_000_000),
    data: values.data,
    runs: count('runs', values.runs, 50),
    queries: count('queries', values.queries, 1000),
    build: !values['no-build'],
    only: only as BenchPart[],
  };
}
