import { describe, expect, it } from 'vitest';
import { parseBundleToolArgs } from './args';

const error = (argv: string[]) => {
  const parsed = parseBundleToolArgs(argv);
  return parsed.ok ? undefined : parsed.message;
};

describe('the bundle tool command line', () => {
  it('parses inspect and verify, and explains itself with --help', () => {
    expect(parseBundleToolArgs(['--help'])).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseBundleToolArgs(['verify', 'x.stepbundle', '-h'])).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseBundleToolArgs(['inspect', 'x.stepbundle'])).toEqual({ ok: true, command: { kind: 'inspect', file: 'x.stepbundle' } });
    expect(parseBundleToolArgs(['verify', 'x.stepbundle'])).toEqual({ ok: true, command: { kind: 'verify', file: 'x.stepbundle' } });
    expect(parseBundleToolArgs(['verify', 'x.stepbundle', '--passphrase-file', 'secret.txt'])).toEqual({
      ok: true,
      command: { kind: 'verify', file: 'x.stepbundle', passphraseFile: 'secret.txt' },
    });
  });

  it('says exactly what is wrong with bad arguments', () => {
    expect(error([])).toMatch(/^which command\?/);
    expect(error(['open', 'x'])).toBe('unknown command "open" (inspect or verify)');
    expect(error(['inspect'])).toBe('inspect needs a bundle file');
    expect(error(['verify', 'a', 'b'])).toBe('unexpected argument "b"');
    expect(error(['inspect', 'a', '--passphrase-file', 'p'])).toMatch(/does not apply to inspect/);
    expect(error(['verify', 'a', '--passphrase', 'hunter2'])).toMatch(/--passphrase is not accepted/);
    expect(error(['verify', 'a', '--nope'])).toMatch(/nope/);
  });
});
