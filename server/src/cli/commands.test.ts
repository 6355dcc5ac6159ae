import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForServer, databaseDigest } from '../bundles/testBundles';
import { startTestServer, type TestServer } from '../testing';
import { runCommand, type CommandIo } from './commands';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const io = (password = 'a good long password') => {
  const out: string[] = [];
  const err: string[] = [];
  const value: CommandIo = { out: (line) => out.push(line), err: (line) => err.push(line), readPassword: async () => password };
  return { out, err, io: value };
};

describe('admin commands', () => {
  it('add a user who can then sign in, and list them', async () => {
    const run = io();
    expect(await runCommand(server.db, { kind: 'user-add', username: 'cli.admin', displayName: 'CLI Admin', role: 'admin', countries: [] }, run.io)).toBe(0);
    await server.signIn({ username: 'cli.admin', password: 'a good long password' });
    const list = io();
    expect(await runCommand(server.db, { kind: 'user-list' }, list.io)).toBe(0);
    expect(list.out.some((line) => line.startsWith('cli.admin\tadmin'))).toBe(true);
  });

  it('refuse a short password with exit code 2 and a taken name with 1', async () => {
    const short = io('short');
    expect(await runCommand(server.db, { kind: 'user-add', username: 'cli.short', displayName: 'S', role: 'admin', countries: [] }, short.io)).toBe(2);
    expect(short.err[0]).toMatch(/^password:/);
    const taken = io();
    expect(await runCommand(server.db, { kind: 'user-add', username: 'cli.admin', displayName: 'Again', role: 'admin', countries: [] }, taken.io)).toBe(1);
  });

  it('list and revoke devices', async () => {
    const device = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
    const revoke = io();
    expect(await runCommand(server.db, { kind: 'device-revoke', deviceId: device.id, reason: 'stolen' }, revoke.io)).toBe(0);
    const list = io();
    await runCommand(server.db, { kind: 'device-list' }, list.io);
    expect(list.out.find((line) => line.startsWith(device.id))).toMatch(/revoked .*: stolen$/);
    expect(await runCommand(server.db, { kind: 'device-revoke', deviceId: 'no-such-device', reason: 'x' }, io().io)).toBe(1);
  });
});

describe('bundle commands', () => {
  it('import a bundle file with a summary, refuse a bad one with the reason, and log both', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'step-cli-bundle-'));
    try {
      const coordinator = await server.enroll(await server.createUser({ role: 'national-coordinator', countries: ['TH'] }));
      const officer = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
      await officer.create('activity', { countries: ['TH'] });
      const changes = officer.unsent();
      const bytes = await bundleForServer(server, coordinator, [{ ...officer, changes }]);
      const good = join(folder, 'good.stepbundle');
      writeFileSync(good, bytes);

      const run = io();
      expect(await runCommand(server.db, { kind: 'bundle-import', file: good }, run.io)).toBe(0);
      expect(run.out[0]).toMatch(/^bundle [0-9a-f-]{36}: ok$/);
      expect(run.out[1]).toBe(`  ${changes.length} changes applied, 0 already held, 0 refused, 0 waiting; 0 new attachments`);

      const bad = join(folder, 'bad.stepbundle');
      writeFileSync(bad, bytes.subarray(0, bytes.length - 10));
      const before = await databaseDigest(server.db);
      const refused = io();
      expect(await runCommand(server.db, { kind: 'bundle-import', file: bad }, refused.io)).toBe(1);
      expect(refused.err[0]).toMatch(/refused, nothing imported\. /);
      expect(await databaseDigest(server.db)).toBe(before);

      const missing = io();
      expect(await runCommand(server.db, { kind: 'bundle-import', file: join(folder, 'nowhere.stepbundle') }, missing.io)).toBe(2);
      expect(missing.err[0]).toMatch(/ENOENT/);

      const log = io();
      expect(await runCommand(server.db, { kind: 'bundle-log', limit: 2 }, log.io)).toBe(0);
      expect(log.out).toHaveLength(2);
      expect(log.out[0]).toMatch(/\trefused\t.*\tcli\tcode /);
      expect(log.out[1]).toMatch(new RegExp(`\\tok\\t[0-9a-f-]{36}\\t${coordinator.id}\\tcli\\t`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
