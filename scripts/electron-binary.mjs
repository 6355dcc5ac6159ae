// Is Electron's binary installed, and what to tell the user when it is not. Shared by
// scripts/start-electron.mjs and test/electron/desktop.spec.ts; unit-tested in electron-binary.test.ts.
//
// Deliberately does not `require('electron')`: that package's index.js starts a download when the
// binary is missing, which is exactly what we must not do silently.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The address `npm run web` serves the same app on (vite preview, see package.json). */
export const webAppUrl = 'http://127.0.0.1:5173';

/** Where node_modules/electron/install.js puts the executable, by platform (mirrors getPlatformPath there). */
export function executableRelativePath(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * The path of Electron's executable if it is installed, else undefined. Follows the electron package:
 * dist/<path.txt>, or ELECTRON_OVERRIDE_DIST_PATH when set.
 */
export function findElectronBinary({ electronDir, env = process.env, platform = process.platform, exists = existsSync, read = readFileSync }) {
  let relative;
  try {
    relative = String(read(path.join(electronDir, 'path.txt'), 'utf8')).trim();
  } catch {
    relative = executableRelativePath(platform);
  }
  if (!relative) relative = executableRelativePath(platform);
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const executable = path.join(distDir, relative);
  return exists(executable) ? executable : undefined;
}

/** Why the desktop app cannot start, and how to use the same app in a browser instead. */
export function missingBinaryMessage({ downloadAttempted }) {
  return [
    '',
    'STEP desk cannot start as a desktop app on this machine.',
    '',
    downloadAttempted
      ? "Why: Electron's program (its binary) is not installed, and downloading it just now did not work.\n" +
        'This machine probably has no internet access (npm packages may come from a local registry, but\n' +
        "Electron's binary is downloaded separately, from GitHub)."
      : "Why: Electron's program (its binary) is not installed in node_modules/electron.",
    '',
    'You can run the very same app in your web browser instead:',
    '',
    '    npm run web',
    `    then open ${webAppUrl}`,
    '',
    "Records you enter there are kept in that browser's storage on this machine, separate from the",
    'desktop app\'s. To get the desktop app later, on a machine with internet: "npm start" again',
    '(or "node node_modules/electron/install.js").',
    '',
  ].join('\n');
}
