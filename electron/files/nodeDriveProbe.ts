import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir, readFile, realpath, stat, statfs } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { DriveProbe } from './removableDrives';

/** How long listing drives may take: PowerShell starts in a second or two; a hung one must not hang the page. */
const runTimeoutMs = 15_000;

/** The real operating system behind DriveProbe (removableDrives.ts). */
export function nodeDriveProbe(): DriveProbe {
  return {
    platform: process.platform,
    username: safeUsername(),
    readTextFile: (file) => readFile(file, 'utf8'),
    readDirectory: (folder) => readdir(folder),
    realPath: (file) => realpath(file),
    deviceOf: async (file) => (await stat(file)).dev,
    freeBytes: async (folder) => {
      const stats = await statfs(folder);
      return stats.bavail * stats.bsize;
    },
    isWritable: (folder) =>
      access(folder, constants.W_OK).then(
        () => true,
        () => false,
      ),
    run: (file, args) =>
      new Promise((resolve, reject) => {
        execFile(file, [...args], { timeout: runTimeoutMs, windowsHide: true, encoding: 'utf8', maxBuffer: 1024 * 1024 }, (error, stdout) => {
          if (error) reject(error);
          else resolve(stdout);
        });
      }),
  };
}

function safeUsername(): string {
  // userInfo throws when the user has no passwd entry (some containers).
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}
