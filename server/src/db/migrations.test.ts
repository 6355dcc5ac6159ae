import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerKey } from '../auth/serverKey';
import { startTestServer, type TestServer } from '../testing';
import { currentVersion, latestVersion, migrate, migrations } from './migrations';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('migrations', () => {
  it('bring a database to the latest version, and running them again changes nothing', async () => {
    expect(await currentVersion(server.db)).toBe(latestVersion);
    expect(await migrate(server.db)).toEqual([]);
    expect(await Promise.all([migrate(server.db), migrate(server.db)])).toEqual([[], []]);
    const rows = await server.db.query<{ version: number }>('select version from schema_migrations');
    expect(rows.map((row) => Number(row.version)).sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
  });

  it('keep one pair of server keys (signing, encryption), whoever asks first', async () => {
    const [a, b] = await Promise.all([loadServerKey(server.db), loadServerKey(server.db)]);
    expect(a.publicKey).toBe(server.serverKey.publicKey);
    expect(b.publicKey).toBe(server.serverKey.publicKey);
    expect([a.encryptionPublicKey, b.encryptionPublicKey]).toEqual([server.serverKey.encryptionPublicKey, server.serverKey.encryptionPublicKey]);
    expect(server.serverKey.encryptionPublicKey).not.toBe(server.serverKey.publicKey);
  });
});
