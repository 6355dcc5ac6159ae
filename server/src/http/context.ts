import type { ServerKey } from '../auth/serverKey';
import type { ScryptParams } from '../auth/passwords';
import type { Database } from '../db/database';
import type { Logger } from '../log';

/** What the app needs from outside: everything else is derived per request from the database. */
export interface AppDeps {
  db: Database;
  serverKey: ServerKey;
  logger: Logger;
  sessionHours: number;
  version: string;
  /** Tests lower the password cost; production uses the default (passwords.ts). */
  scryptParams?: ScryptParams;
  /** The clock for request-time checks: tests move it. */
  now?: () => number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Who called, for the request log. */
    userId?: string;
    deviceId?: string;
  };
}
