/**
 * The real sync server as a separate process for the network benchmarks (test/support/serverProcess.ts),
 * with its request log (`LOG_LEVEL=info`: one JSON line per request, with the server's own `ms`) kept so
 * that the benchmark can tell the server's time from the transfer's.
 */
import { readFile } from 'node:fs/promises';
import { ServerProcess } from '../../test/support/serverProcess';

export interface RequestLogLine {
  method: string;
  path: string;
  status: number;
  ms: number;
  deviceId?: string;
}

export class BenchServer extends ServerProcess {
  /** Every request the server logged since the last `takeRequests()`. */
  private requests: RequestLogLine[] = [];

  constructor(private readonly databaseUrl?: string) {
    super({ databaseUrl, logLevel: 'info' });
  }

  get database(): 'pglite' | 'postgres' {
    return this.databaseUrl ? 'postgres' : 'pglite';
  }

  /** Starts the server, with an administrator `bench-admin` (added first: PGlite is one process's). */
  async startWithAdmin(adminPassword: string): Promise<void> {
    this.cli(['user', 'add', '--username', 'bench-admin', '--display-name', 'Bench admin', '--role', 'admin'], { password: adminPassword });
    await this.start();
    this.takeRequests();
  }

  protected override onLine(line: string): void {
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'request') this.requests.push(entry as unknown as RequestLogLine);
    } catch {
      // not a log line
    }
  }

  /** The requests logged so far (and forgets them). */
  takeRequests(): RequestLogLine[] {
    const taken = this.requests;
    this.requests = [];
    return taken;
  }

  /** The server process's peak resident memory (kB), from /proc (Linux), or undefined. */
  async rssKb(): Promise<number | undefined> {
    try {
      const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    } catch {
      return undefined;
    }
  }
}
