import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleErrorText } from '@shared/bundle/errors';
import { bundleForServer, databaseDigest } from '../bundles/testBundles';
import { startTestServer, type TestDevice, type TestServer } from '../testing';
import { exitCannotCheck, exitUnavailable, exitUsage } from './args';
import { runBundleTool, type BundleToolIo } from './commands';
import { ServerAccessError } from './serverAccess';

let server: TestServer;
let coordinator: TestDevice;
let officer: TestDevice;
let folder: string;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.enroll(await server.createUser({ role: 'national-coordinator', countries: ['TH'] }));
  officer = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
  await officer.create('activity', { countries: ['TH'] });
  folder = mkdtempSync(join(tmpdir(), 'step-bundle-tool-'));
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await server.close();
});

const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
};
const io = (env: Record<string, string | undefined> = {}, openServer?: BundleToolIo['openServer']) => {
  const out: string[] = [];
  const err: string[] = [];
  let opened = 0;
  const value: BundleToolIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
    openServer:
      openServer ??
      (async () => {
        opened += 1;
        return { db: server.db, key: server.serverKey, close: async () => undefined };
      }),
  };
  return { out, err, io: value, opened: () => opened };
};

describe('npm run bundle -- inspect', () => {
  it('shows the manifest without opening the server database or decrypting anything', async () => {
    const changes = officer.unsent();
    const path = file('inspect.stepbundle', await bundleForServer(server, coordinator, [{ ...officer, changes }]));
    const run = io();
    expect(await runBundleTool({ kind: 'inspect', file: path }, run.io)).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/^format +step-bundle version 1/m);
    expect(text).toMatch(new RegExp(`^exporter +device ${coordinator.id}$`, 'm'));
    expect(text).toMatch(/^recipient +the server$/m);
    expect(text).toMatch(/^scope +TH$/m);
    expect(text).toMatch(new RegExp(`^counts +${changes.length} changes, 1 chunk, 0 attachments, 2 certificates$`, 'm'));
    expect(text).toContain(`  ${officer.id}: ${changes.length} changes in 1 chunk, seqs 1-${changes.length}`);
    expect(text).toMatch(new RegExp(`^up to +${officer.id}:${changes.length}$`, 'm'));
    // No names: they travel in the encrypted certificates part only.
    expect(text).not.toContain(officer.user.displayName);
    expect(run.opened()).toBe(0);
  });

  it('reports a damaged file with the reason and exit code 1, and a missing file with 64', async () => {
    const empty = io();
    expect(await runBundleTool({ kind: 'inspect', file: file('empty.stepbundle', new Uint8Array(0)) }, empty.io)).toBe(1);
    expect(empty.err[0]).toContain(bundleErrorText({ code: 'empty-file' }));
    const missing = io();
    expect(await runBundleTool({ kind: 'inspect', file: join(folder, 'nowhere.stepbundle') }, missing.io)).toBe(exitUsage);
    expect(missing.err[0]).toMatch(/no such file/);
  });
});

describe('npm run bundle -- verify', () => {
  it('passes a sound bundle for the server (exit 0) and changes nothing', async () => {
    const path = file('sound.stepbundle', await bundleForServer(server, coordinator, [{ ...officer, changes: officer.unsent() }]));
    const before = await databaseDigest(server.db);
    const run = io();
    expect(await runBundleTool({ kind: 'verify', file: path }, run.io)).toBe(0);
    expect(run.out.join('\n')).toMatch(/every check passes/);
    expect(await databaseDigest(server.db)).toBe(before);
  });

  it('refuses with the reason (exit 1): a revoked signer, a flipped bit', async () => {
    const other = await server.enroll(await server.createUser({ role: 'field-officer', countries: ['TH'] }));
    await other.create('organization', { country: 'TH' });
    const bytes = await bundleForServer(server, coordinator, [{ ...other, changes: other.unsent() }]);
    await server.db.query(`update devices set revoked_at = now() where id = $1`, [other.id]);
    const revoked = io();
    expect(await runBundleTool({ kind: 'verify', file: file('revoked.stepbundle', bytes) }, revoked.io)).toBe(1);
    expect(revoked.err.join('\n')).toContain(bundleErrorText({ code: 'revoked-device', params: { device: other.id } }));

    const flipped = bytes.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 4;
    const damaged = io();
    expect(await runBundleTool({ kind: 'verify', file: file('flipped.stepbundle', flipped) }, damaged.io)).toBe(1);
    expect(damaged.err[0]).toMatch(/refused\. /);
  });

  it('opens a passphrase bundle with STEP_BUNDLE_PASSPHRASE or --passphrase-file, and asks for one otherwise', async () => {
    const recipient = { kind: 'passphrase' as const, passphrase: 'correct horse battery staple', kdf: { logN: 14, r: 8, p: 1 } };
    const path = file('passphrase.stepbundle', await bundleForServer(server, coordinator, [{ ...officer, changes: officer.unsent() }], { recipient }));
    expect(await runBundleTool({ kind: 'verify', file: path }, io({ STEP_BUNDLE_PASSPHRASE: recipient.passphrase }).io)).toBe(0);
    const fromFile = io();
    expect(await runBundleTool({ kind: 'verify', file: path, passphraseFile: file('secret.txt', `${recipient.passphrase}\n`) }, fromFile.io)).toBe(0);
    const wrong = io({ STEP_BUNDLE_PASSPHRASE: 'not the passphrase' });
    expect(await runBundleTool({ kind: 'verify', file: path }, wrong.io)).toBe(1);
    expect(wrong.err[0]).toContain(bundleErrorText({ code: 'wrong-passphrase' }));
    const none = io();
    expect(await runBundleTool({ kind: 'verify', file: path }, none.io)).toBe(exitUsage);
    expect(none.err[0]).toMatch(/STEP_BUNDLE_PASSPHRASE/);
  });

  it('says plainly that a bundle for another device cannot be checked here (exit 2)', async () => {
    const recipient = { kind: 'device' as const, deviceId: officer.id, encryptionKey: officer.encryption.publicKey };
    const path = file('device.stepbundle', await bundleForServer(server, coordinator, [{ ...officer, changes: officer.unsent() }], { recipient }));
    const run = io();
    expect(await runBundleTool({ kind: 'verify', file: path }, run.io)).toBe(exitCannotCheck);
    expect(run.err.join('\n')).toContain(`encrypted to device ${officer.id}`);
    expect(run.opened()).toBe(0);
  });

  it("passes on why the server's database cannot be used", async () => {
    const path = file('no-server.stepbundle', await bundleForServer(server, coordinator, [{ ...officer, changes: officer.unsent() }]));
    const run = io({}, () => Promise.reject(new ServerAccessError('No server database in /nowhere/pglite', exitUnavailable)));
    expect(await runBundleTool({ kind: 'verify', file: path }, run.io)).toBe(exitUnavailable);
    expect(run.err).toEqual(['No server database in /nowhere/pglite']);
  });
});
