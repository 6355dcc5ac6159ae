import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
