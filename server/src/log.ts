import type { LogLevel } from './config';

/**
 * Structured logs: one JSON object per line on stdout, for whatever collects them. Callers pass only
 * what is safe to keep: never passwords, tokens or request bodies.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const at = (name: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (rank[name] < rank[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: name, msg, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Keeps lines in memory: for tests that check what is (and is not) logged. */
export function memoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, ...createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}
