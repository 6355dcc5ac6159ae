import { z } from 'zod';

/**
 * The server's settings, from the environment, checked once at start: a wrong value stops the server
 * with a message that names it, rather than surfacing later as an odd failure. Defaults in docs/server.md.
 */
export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  STEP_DATA_DIR: z.string().min(1).default('./server-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'a postgres:// or postgresql:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STEP_SESSION_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  sessionHours: number;
  logLevel: LogLevel;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return { port: e.PORT, host: e.HOST, dataDir: e.STEP_DATA_DIR, databaseUrl: e.DATABASE_URL, sessionHours: e.STEP_SESSION_HOURS, logLevel: e.LOG_LEVEL };
}
