import { bundleToolUsage, exitUsage, parseBundleToolArgs } from './bundleTool/args';
import { runBundleTool } from './bundleTool/commands';
import { openServerAccess } from './bundleTool/serverAccess';

/** `npm run bundle -- inspect|verify FILE`: the bundle tool (bundleTool/args.ts). */
async function main(): Promise<number> {
  const parsed = parseBundleToolArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${bundleToolUsage}`);
    return exitUsage;
  }
  if (parsed.command.kind === 'help') {
    console.log(bundleToolUsage);
    return 0;
  }
  return runBundleTool(parsed.command, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
    openServer: () => openServerAccess(process.env),
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bundle tool failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(70);
  },
);
