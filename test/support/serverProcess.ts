import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'server', 'src', 'main.ts');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcessOptions {
  /** A PostgreSQL URL; without one the server uses PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Kept across restarts, so a killed server comes back with its data. */
  dataDir?: string;
  port?: number;
  /** The server's LOG_LEVEL (default warn; `info` logs every request with its own time). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

// Node itself with tsx as a loader, not the tsx command: that one runs the script in a child process,
// and a SIGKILL would kill tsx but leave the server running.
const serverCommand = (args: string[]) => [process.execPath, ['--import', 'tsx', entry, ...args]] as const;

/**
 * The real sync server as a separate process (`server/src/main.ts` through tsx), on loopback: started,
 * killed without warning (SIGKILL, as a power cut would) and restarted on the same port and data.
 */
export class ServerProcess {
  private child?: ChildProcess;
  private output = '';
  readonly dataDir: string;
  private readonly ownsDataDir: boolean;
  port = 0;

  constructor(private readonly options: ServerProcessOptions = {}) {
    this.ownsDataDir = !options.dataDir;
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'step-server-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', STEP_DATA_DIR: this.dataDir, LOG_LEVEL: this.options.logLevel ?? 'warn' };
    if (this.port) env.PORT = String(this.port);
    else delete env.PORT;
    if (this.options.databaseUrl) env.DATABASE_URL = this.options.databaseUrl;
    else delete env.DATABASE_URL;
    return env;
  }

  async start(): Promise<void> {
    this.port ||= this.options.port ?? (await freePort());
    this.output = '';
    const child = spawn(...serverCommand([]), { cwd: root, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.output = (this.output + line + '\n').slice(-20_000);
      this.onLine(line);
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${this.output}`))));
    await Promise.race([this.waitReady(), exited]);
  }

  /** Each line the server writes to stdout (its JSON log); subclasses read it. */
  protected onLine(line: string): void {
    void line;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server not ready after 60 s:\n${this.output}`);
  }

  /** Kills the process at once (SIGKILL): no graceful shutdown, as in a crash or a power cut. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops the process gracefully (SIGTERM), keeping its data. */
  async stopProcess(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** Stops the process and deletes its data folder (if this object made it). */
  async stop(): Promise<void> {
    await this.stopProcess();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Runs the admin command line on the same data (`npm run server -- …`), e.g. to add users. */
  cli(args: string[], input: { password?: string } = {}): string {
    const env = this.env();
    if (input.password) env.STEP_PASSWORD = input.password;
    const result = spawnSync(...serverCommand(args), { cwd: root, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`server ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  logs(): string {
    return this.output;
  }
}
