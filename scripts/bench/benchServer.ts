/**
 * The real sync server as a separate process for the network benchmarks: `server/src/main.ts` through
 * tsx, on loopback, PGlite in a temporary folder or PostgreSQL by `databaseUrl`, with its request log
 * (`LOG_LEVEL=info`: one JSON line per request, with the server's own `ms`) kept so that the benchmark
 * can tell the server's time from the transfer's. Admin commands (`user add`) run on the same data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'server', 'src', 'main.ts');

export interface RequestLogLine {
  method: string;
  path: string;
  status: number;
  ms: number;
  deviceId?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class BenchServer {
  private child?: ChildProcess;
  private tail = '';
  readonly dataDir = mkdtempSync(join(tmpdir(), 'step-bench-server-'));
  /** Every request the server logged since the last `takeRequests()`. */
  private requests: RequestLogLine[] = [];
  port = 0;

  constructor(private readonly options: { databaseUrl?: string } = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get database(): 'pglite' | 'postgres' {
    return this.options.databaseUrl ? 'postgres' : 'pglite';
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(this.port), STEP_DATA_DIR: this.dataDir, LOG_LEVEL: 'info' };
    if (this.options.databaseUrl) env.DATABASE_URL = this.options.databaseUrl;
    else delete env.DATABASE_URL;
    return env;
  }

  /** Starts the server, with an administrator `bench-admin` (added first: PGlite is one process's). */
  async start(adminPassword: string): Promise<void> {
    this.port ||= await freePort();
    this.cli(['user', 'add', '--username', 'bench-admin', '--display-name', 'Bench admin', '--role', 'admin'], adminPassword);
    // Node with tsx as a loader (not the tsx command, which would put the server in a grandchild).
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    child.stderr!.on('data', (chunk: Buffer) => (this.tail = (this.tail + chunk.toString()).slice(-20_000)));
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${this.tail}`))));
    await Promise.race([this.waitReady(), exited]);
    this.takeRequests();
  }

  private onLine(line: string): void {
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'request') this.requests.push(entry as unknown as RequestLogLine);
      else if (entry.level === 'error' || entry.level === 'warn') this.tail = (this.tail + line + '\n').slice(-20_000);
    } catch {
      // not ours
    }
  }

  /** The requests logged so far (and forgets them). */
  takeRequests(): RequestLogLine[] {
    const taken = this.requests;
    this.requests = [];
    return taken;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server not ready after 60 s:\n${this.tail}`);
  }

  /** Runs the admin command line on the same data, e.g. `user add` (the password through STEP_PASSWORD). */
  cli(args: string[], password?: string): string {
    const env = this.env();
    if (password) env.STEP_PASSWORD = password;
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`server ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  /** The server process's resident memory (kB), from /proc (Linux), or undefined. */
  async rssKb(): Promise<number | undefined> {
    const { readFile } = await import('node:fs/promises');
    try {
      const status = await readFile(`/proc/${this.child?.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    } catch {
      return undefined;
    }
  }

  /** Stops the process (SIGTERM: a graceful stop), keeping its data. */
  async stopProcess(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** Stops the process and deletes its data. */
  async stop(): Promise<void> {
    await this.stopProcess();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
