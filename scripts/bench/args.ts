import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  records: number;
  data: string | undefined;
  runs: number;
  queries: number;
  build: boolean;
}

export const usage = 'usage: npm run bench -- [--records N] [--data FILE.ndjson] [--runs R] [--no-build]';

/** Reads the command line; a bad argument is an error with a message, never a silent default. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', default: '20000' },
      data: { type: 'string' },
      runs: { type: 'string', default: '3' },
      queries: { type: 'string', default: '20' },
      'no-build': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const count = (name: string, raw: string, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${raw}"`);
    return n;
  };
  if (values.data !== undefined && !existsSync(values.data)) throw new Error(`--data: no file at ${values.data}`);
  return {
    records: count('records', values.records, 2_000_000),
    data: values.data,
    runs: count('runs', values.runs, 50),
    queries: count('queries', values.queries, 1000),
    build: !values['no-build'],
  };
}
