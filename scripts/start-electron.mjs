// `npm start`: build the renderer and the Electron bundles, then open the desktop app. When Electron's
// binary is missing (it is downloaded separately from the npm package, and cannot be on a machine
// without internet), try once to fetch it, and otherwise explain how to run the same app in a browser.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, missingBinaryMessage } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
/** Long enough for a ~100 MB download on a slow line; a machine without internet fails much sooner. */
const downloadTimeoutMs = Number(process.env.STEP_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 180_000;

function run(label, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

let binary = findElectronBinary({ electronDir });
if (!binary) {
  console.log("start: Electron's binary is not installed; trying to download it once...");
  const attempt = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: downloadTimeoutMs,
  });
  // install.js prints a stack trace when offline; one line of it says enough.
  if (attempt.error?.code === 'ETIMEDOUT') console.log(`start: the download did not finish within ${downloadTimeoutMs / 1000} s.`);
  else if (attempt.status !== 0) console.log(`start: the download failed (${attempt.stderr?.split('\n').find(Boolean)?.trim() ?? 'no details'}).`);
  binary = findElectronBinary({ electronDir });
}
if (!binary) {
  console.error(missingBinaryMessage({ downloadAttempted: true }));
  process.exit(1);
}

run('vite build', [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build']);
run('build-electron', [path.join(root, 'scripts', 'build-electron.mjs')]);

// Electron runs as plain Node when this is set (some shells and IDE terminals export it).
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
