import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is PostgreSQL inside one process: two processes opening the same folder would both write its
 * files and corrupt it. So the folder is taken with a lock file naming the holder's pid. A lock left by a
 * process that died (killed, power cut) is taken over; a live holder is refused with a message that says
 * what to do. Several server processes need PostgreSQL (DATABASE_URL), not PGlite.
 */
export class FolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${folder} is in use by process ${pid} (a running server or admin command). ` +
        'Stop it first; to run several server processes, use PostgreSQL (set DATABASE_URL).',
    );
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is someone else's: alive all the same.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the folder's lock; the returned function gives it back. */
export function lockFolder(folder: string): () => void {
  const path = join(folder, 'step-server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw new FolderInUseError(folder, holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
