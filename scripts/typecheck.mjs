// Type-checks each layer against its own tsconfig, so a layer cannot lean on another layer's globals.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = ['shared', 'renderer', 'electron', 'server', 'scripts'].filter((dir) => existsSync(`${dir}/tsconfig.json`));
let failed = 0;
for (const project of projects) {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`typecheck: ${project} has type errors`);
  }
}
if (failed) process.exit(1);
console.log(`typecheck: ${projects.length} projects clean (${projects.join(', ')})`);
