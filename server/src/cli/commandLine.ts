import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * A command line read strictly (positionals allowed, `--help`/`-h` added to `options`), shared by the
 * admin command line and the bundle tool: what cannot be parsed becomes a message, never a throw; `--help`
 * wins over the rest; an option named in `refused` (declared in `options`, so that it parses) is turned down
 * with its message: secrets never come from arguments (shell history, `ps`).
 */
export function readCommandLine<const Options extends OptionsConfig>(argv: readonly string[], options: Options, refused: Partial<Record<keyof Options, string>> = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...helpOption, ...options } });
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message } as const;
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help) return { kind: 'help' } as const;
  for (const [name, message] of Object.entries(refused) as [string, string | undefined][]) {
    if (message !== undefined && (values as Record<string, unknown>)[name] !== undefined) return { kind: 'invalid', message } as const;
  }
  return { kind: 'parsed', values, positionals } as const;
}
