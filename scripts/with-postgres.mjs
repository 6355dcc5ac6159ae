// Runs a command with a throwaway PostgreSQL beside it: a fresh cluster in a temporary folder, listening
// on loopback only, on a free port, with trust authentication (nothing else can reach it). The command
// gets its address as STEP_TEST_DATABASE_URL; the cluster is stopped and deleted afterwards, whatever the
// command's outcome. The server's tests run against it as well as against the embedded PGlite.
//
//   node scripts/with-postgres.mjs -- npm run test:suites
//
// PostgreSQL comes from Debian's `postgresql` package (.ci/run installs it). As root, the cluster runs as
// the `postgres` user, because PostgreSQL refuses to run as root.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(process.argv.indexOf('--') + 1);
if (!process.argv.includes('--') || command.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs -- <command> [args…]');
  process.exit(2);
}

function findBinDir() {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const bin = findBinDir();
if (!bin) {
  console.error(
    'with-postgres: PostgreSQL not found (looked in /usr/lib/postgresql/*/bin; set PG_BIN_DIR to point elsewhere).\n' +
      'Install it: sudo apt-get install postgresql (Debian/Ubuntu). The server tests need a real PostgreSQL as well as PGlite.',
  );
  process.exit(1);
}

const asRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'step-pg-'));
if (asRoot) {
  chmodSync(dir, 0o700);
  const postgres = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (postgres.status !== 0) {
    console.error('with-postgres: running as root, but there is no `postgres` user to run the cluster as.');
    process.exit(1);
  }
  chownSync(dir, Number(postgres.stdout.trim()), Number(group.stdout.trim()));
}
const data = join(dir, 'data');
const run = (tool, args) => {
  const argv = asRoot ? ['runuser', '-u', 'postgres', '--', join(bin, tool), ...args] : [join(bin, tool), ...args];
  return spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
};

const port = await freePort();
let stopped = false;
const stop = () => {
  if (stopped) return;
  stopped = true;
  run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
  rmSync(dir, { recursive: true, force: true });
};

const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
if (init.status !== 0) {
  console.error(`with-postgres: initdb failed:\n${init.stderr || init.stdout}`);
  stop();
  process.exit(1);
}
// fsync off: a test cluster's durability is worthless, its speed is not.
const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
const started = run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
if (started.status !== 0) {
  console.error(`with-postgres: PostgreSQL did not start:\n${started.stderr || started.stdout}`);
  stop();
  process.exit(1);
}
const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
console.log(`with-postgres: PostgreSQL (${bin}) on 127.0.0.1:${port}`);

const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, STEP_TEST_DATABASE_URL: url } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
