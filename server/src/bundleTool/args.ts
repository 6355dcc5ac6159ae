import { readCommandLine } from '../cli/commandLine';

/**
 * `npm run bundle -- <command>`: the bundle tool for the Secretariat and support staff, parsed without
 * side effects so it can be tested. A passphrase never comes from an argument (shell history, `ps`):
 * STEP_BUNDLE_PASSPHRASE or `--passphrase-file`.
 */
export type BundleToolCommand =
  | { kind: 'help' }
  | { kind: 'inspect'; file: string }
  | { kind: 'verify'; file: string; passphraseFile?: string };

export type ParsedBundleTool = { ok: true; command: BundleToolCommand } | { ok: false; message: string };

/** sysexits.h: the command was used incorrectly (bad arguments, a file that cannot be read). */
export const exitUsage = 64;
/** sysexits.h: a service needed is unavailable (the server's database). */
export const exitUnavailable = 69;
/** Verify only: the bundle is addressed to another device, so its payload cannot be checked here. */
export const exitCannotCheck = 2;

export const bundleToolUsage = `Usage: npm run bundle -- <command> FILE

  inspect FILE      the manifest of a *.stepbundle: format, bundle id, exporter, recipient, scope,
                    counts, signers and vectors. Decrypts nothing.
  verify FILE [--passphrase-file F]
                    every check an import makes, without importing. Bundles addressed to the server
                    are opened with the server's key; passphrase bundles with STEP_BUNDLE_PASSPHRASE
                    or the first line of F. Trust (the server key, enrolled and revoked devices) comes
                    from the server's database: same environment as npm run server (STEP_DATA_DIR,
                    DATABASE_URL).
  --help            this text

Exit codes: 0 every check passed; 1 the bundle is refused (the reason is printed); 2 the bundle is
addressed to another device and its payload cannot be checked here; 64 bad arguments or unreadable
file; 69 the server's database cannot be used.`;

const fail = (message: string): ParsedBundleTool => ({ ok: false, message });

export function parseBundleToolArgs(argv: readonly string[]): ParsedBundleTool {
  const line = readCommandLine(
    argv,
    { 'passphrase-file': { type: 'string' }, passphrase: { type: 'string' } },
    { passphrase: '--passphrase is not accepted: it would end up in shell history. Use STEP_BUNDLE_PASSPHRASE or --passphrase-file.' },
  );
  if (line.kind === 'invalid') return fail(line.message);
  if (line.kind === 'help') return { ok: true, command: { kind: 'help' } };
  const { values, positionals } = line;
  const [action, file, extra] = positionals;
  if (action === undefined) return fail('which command? inspect or verify (see --help)');
  if (action !== 'inspect' && action !== 'verify') return fail(`unknown command "${action}" (inspect or verify)`);
  if (!file) return fail(`${action} needs a bundle file`);
  if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
  if (action === 'inspect') {
    if (values['passphrase-file'] !== undefined) return fail('--passphrase-file does not apply to inspect: it decrypts nothing');
    return { ok: true, command: { kind: 'inspect', file } };
  }
  return { ok: true, command: { kind: 'verify', file, ...(values['passphrase-file'] !== undefined ? { passphraseFile: values['passphrase-file'] } : {}) } };
}
