import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadServerKey } from './auth/serverKey';
import { parseCommand, usage } from './cli/args';
import { readPassword, runCommand } from './cli/commands';
import { ConfigError, loadConfig } from './config';
import { migrate } from './db/migrations';
import { openDatabase } from './db/open';
import { createLogger } from './log';
import { FolderInUseError } from './db/folderLock';

/** `npm run server -- [command]`: serves the API, or runs an admin command (cli/args.ts). */
async function main(): Promise<number> {
  const parsed = parseCommand(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${usage}`);
    return 2;
  }
  const { command } = parsed;
  if (command.kind === 'help') {
    console.log(usage);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const logger = createLogger(config.logLevel);
  let db;
  try {
    db = await openDatabase(config);
  } catch (error) {
    if (!(error instanceof FolderInUseError)) throw error;
    console.error(error.message);
    return 1;
  }
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info('migrated', { versions: applied });
    if (command.kind === 'migrate') return 0;
    if (command.kind !== 'serve') {
      return await runCommand(db, command, { out: (line) => console.log(line), err: (line) => console.error(line), readPassword: () => readPassword() });
    }
  } catch (error) {
    await db.close();
    throw error;
  }

  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const serverKey = await loadServerKey(db);
  const app = createApp({ db, serverKey, logger, sessionHours: config.sessionHours, version });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
    logger.info('listening', { host: info.address, port: info.port, database: db.kind, version }),
  );
  return new Promise<number>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      logger.error(error.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use: stop what listens there, or set PORT` : 'cannot listen', {
        error: error.message,
      });
      void db.close().finally(() => resolve(1));
    });
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      // Finish the requests in flight, then release the database.
      server.close(() => {
        db.close().then(
          () => resolve(0),
          () => resolve(1),
        );
      });
      // A client that keeps a connection open must not hold the shutdown forever.
      setTimeout(() => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }, 10_000).unref();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'server failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
    process.exit(1);
  },
);
