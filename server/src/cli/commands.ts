import { readFile } from 'node:fs/promises';
import { passwordSchema } from '@shared/api/contract';
import { BundleError, bundleErrorText } from '@shared/bundle/errors';
import { listDevices, revokeDevice } from '../auth/devices';
import { loadServerKey } from '../auth/serverKey';
import { importBundle } from '../bundles/import';
import { bundleImportLog } from '../bundles/log';
import { importSummaryLines } from '../bundles/summary';
import { createUser, listUsers, UserExistsError } from '../auth/users';
import type { Database } from '../db/database';
import { ApiFailure } from '../http/errors';
import type { Command } from './args';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The new user's password: STEP_PASSWORD, else stdin. */
  readPassword: () => Promise<string>;
}

/** Runs an admin command against the database; answers the process exit code. */
export async function runCommand(db: Database, command: Exclude<Command, { kind: 'serve' | 'help' | 'migrate' }>, io: CommandIo): Promise<number> {
  switch (command.kind) {
    case 'user-add': {
      const password = passwordSchema.safeParse(await io.readPassword());
      if (!password.success) {
        io.err(`password: ${password.error.issues[0]?.message}`);
        return 2;
      }
      try {
        const user = await createUser(db, { ...command, password: password.data });
        io.out(`added ${user.username} (${user.role}${user.countries.length ? `, ${user.countries.join(',')}` : ''}) id ${user.id}`);
        return 0;
      } catch (error) {
        if (!(error instanceof UserExistsError)) throw error;
        io.err(error.message);
        return 1;
      }
    }
    case 'user-list':
      for (const user of await listUsers(db)) io.out([user.username, user.role, user.countries.join(',') || '-', user.displayName, user.id].join('\t'));
      return 0;
    case 'device-list':
      for (const device of await listDevices(db, 'all')) {
        io.out([device.deviceId, device.user.username, device.name, device.lastSeenAt ?? 'never seen', device.revokedAt ? `revoked ${device.revokedAt}: ${device.revokedReason}` : 'active'].join('\t'));
      }
      return 0;
    case 'device-revoke':
      try {
        const device = await revokeDevice(db, 'all', command.deviceId, command.reason);
        io.out(`revoked ${device.deviceId} (${device.user.username}) at ${device.revokedAt}`);
        return 0;
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        io.err(`${command.deviceId}: ${error.message}`);
        return 1;
      }
    case 'bundle-import': {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(command.file);
      } catch (error) {
        io.err(`${command.file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        return 2;
      }
      try {
        const answer = await importBundle(db, await loadServerKey(db), bytes, { kind: 'cli' });
        for (const line of importSummaryLines(answer)) io.out(line);
        return 0;
      } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        io.err(`${command.file}: refused, nothing imported. ${bundleErrorText(error)}`);
        return 1;
      }
    }
    case 'bundle-log':
      for (const entry of await bundleImportLog(db, command.limit)) {
        const detail = Object.entries(entry.detail)
          .map(([name, value]) => `${name} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
          .join(', ');
        io.out([entry.importedAt, entry.result, entry.bundleId ?? '-', entry.exporterDevice ?? '-', entry.viaDevice ? `${entry.importedBy} via ${entry.viaDevice}` : entry.importedBy, detail].join('\t'));
      }
      return 0;
  }
}

/** Reads a password from STEP_PASSWORD or the first line of stdin (piped, or typed at a prompt). */
export async function readPassword(env: Record<string, string | undefined> = process.env, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (env.STEP_PASSWORD) return env.STEP_PASSWORD;
  if (stdin.isTTY) process.stderr.write('Password (visible as you type; or set STEP_PASSWORD): ');
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
