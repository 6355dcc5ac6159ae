import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerKey } from '../auth/serverKey';
import { migrate } from '../db/migrations';
import { openPglite } from '../db/pglite';
import { exitUnavailable, exitUsage } from './args';
import { openServerAccess, ServerAccessError } from './serverAccess';

const folder = mkdtempSync(join(tmpdir(), 'step-server-access-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const failure = async (env: Record<string, string>) => {
  const error = await openServerAccess(env).then(
    async (access) => {
      await access.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServerAccessError);
  return error as ServerAccessError;
};

// PGlite on disk, whatever database the other server tests run on: this is about finding the server's
// folder, so it runs once, in the PGlite project (the PostgreSQL project leaves this file out: vite.config.ts).
describe("the bundle tool's access to the server database", () => {
  it('creates nothing where there is no server database, and refuses a bad setting', async () => {
    const empty = join(folder, 'empty');
    expect(await failure({ STEP_DATA_DIR: empty })).toMatchObject({ exitCode: exitUnavailable, message: expect.stringMatching(/^No server database in /) });
    expect(await failure({ STEP_DATA_DIR: empty, DATABASE_URL: 'mysql://x' })).toMatchObject({ exitCode: exitUsage });
  });

  it("opens a server's database with the keys the server made, and asks for a migration or a first start otherwise", async () => {
    const dataDir = join(folder, 'server');
    const db = await openPglite(join(dataDir, 'pglite'));
    await db.query('select 1');
    await db.close();
    expect((await failure({ STEP_DATA_DIR: dataDir })).message).toMatch(/schema version 0.*migrate/);

    const migrated = await openPglite(join(dataDir, 'pglite'));
    await migrate(migrated);
    await migrated.close();
    expect((await failure({ STEP_DATA_DIR: dataDir })).message).toMatch(/never started/);

    const started = await openPglite(join(dataDir, 'pglite'));
    const key = await loadServerKey(started);
    await started.close();
    const access = await openServerAccess({ STEP_DATA_DIR: dataDir });
    try {
      expect(access.key.publicKey).toBe(key.publicKey);
      expect(access.key.encryptionPublicKey).toBe(key.encryptionPublicKey);
    } finally {
      await access.close();
    }
  });
});
