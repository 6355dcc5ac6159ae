// Makes sure Debian's Chromium is there for the end-to-end suite, installing it when it can (root with
// apt-get). Playwright's own browser download does not work on our machines, so we never rely on it.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

let path = findChromium();
if (!path && !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0) {
  console.log('ensure-chromium: Chromium not found; installing Debian\'s chromium package…');
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (run(['update', '-qq']).status === 0) run(['install', '-y', '-qq', 'chromium']);
  path = findChromium();
}
if (!path) {
  console.error(
    process.env.CHROMIUM_PATH
      ? `ensure-chromium: CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`
      : 'ensure-chromium: no Chromium found (looked in /usr/bin/chromium and /usr/bin/chromium-browser) and could not install it.\n' +
          'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log(`ensure-chromium: using ${path}`);
