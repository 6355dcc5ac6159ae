// Bundles Electron's main process and preload into dist/electron (package.json "main" points there).
// Bundled, not compiled file by file: the sandboxed preload cannot require npm modules or our shared
// code, and one file per process keeps the packaged app free of node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Provided by Electron at run time; everything else (zod, our shared code) goes into the bundle.
  external: ['electron'],
  alias: { '@shared': path.join(root, 'shared', 'src') },
  sourcemap: 'linked',
  logLevel: 'warning',
};

const bundles = [
  { entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' },
  { entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' },
];

try {
  await Promise.all(bundles.map((bundle) => build({ ...common, ...bundle })));
  console.log(`build-electron: ${bundles.map((bundle) => bundle.outfile).join(', ')}`);
} catch {
  // esbuild has already printed the errors.
  process.exit(1);
}
