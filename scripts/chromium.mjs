// Where the end-to-end suite and the benchmarks find Chromium: $CHROMIUM_PATH, else Debian's.
import { existsSync } from 'node:fs';

export const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

export function findChromium(env = process.env, exists = existsSync) {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return chromiumCandidates.find((path) => exists(path));
}

/**
 * Flags for a headless Chromium on a machine with no network but the package mirrors: no background
 * connections (they are refused here and slow every start), and no sandbox when running as root (CI).
 */
export function chromiumArgs() {
  const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
