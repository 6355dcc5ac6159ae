import { describe, expect, it } from 'vitest';
import { parseCommand } from './args';

const error = (argv: string[]) => {
  const parsed = parseCommand(argv);
  return parsed.ok ? undefined : parsed.message;
};

describe('the admin command line', () => {
  it('serves with no command and explains itself with --help', () => {
    expect(parseCommand([])).toEqual({ ok: true, command: { kind: 'serve' } });
    expect(parseCommand(['--help'])).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseCommand(['user', 'add', '-h'])).toEqual({ ok: true, command: { kind: 'help' } });
  });

  it('parses each command', () => {
    expect(parseCommand(['migrate'])).toEqual({ ok: true, command: { kind: 'migrate' } });
    expect(parseCommand(['user', 'list'])).toEqual({ ok: true, command: { kind: 'user-list' } });
    expect(parseCommand(['device', 'list'])).toEqual({ ok: true, command: { kind: 'device-list' } });
    expect(parseCommand(['user', 'add', '--username', 'somchai', '--display-name', 'Somchai K.', '--role', 'field-officer', '--countries', 'th, LA,TH'])).toEqual({
      ok: true,
      command: { kind: 'user-add', username: 'somchai', displayName: 'Somchai K.', role: 'field-officer', countries: ['TH', 'LA'] },
    });
    expect(parseCommand(['bundle', 'import', 'from-laos.stepbundle'])).toEqual({ ok: true, command: { kind: 'bundle-import', file: 'from-laos.stepbundle' } });
    expect(parseCommand(['bundle', 'log'])).toEqual({ ok: true, command: { kind: 'bundle-log', limit: 20 } });
    expect(parseCommand(['bundle', 'log', '--limit', '5'])).toEqual({ ok: true, command: { kind: 'bundle-log', limit: 5 } });
    expect(parseCommand(['device', 'revoke', 'dev-1', '--reason', 'stolen laptop'])).toEqual({ ok: true, command: { kind: 'device-revoke', deviceId: 'dev-1', reason: 'stolen laptop' } });
  });

  it('says exactly what is wrong with bad arguments', () => {
    expect(error(['user', 'add', '--display-name', 'X', '--role', 'admin'])).toBe('user add needs --username');
    expect(error(['user', 'add', '--username', 'x1x', '--display-name', 'X', '--role', 'king'])).toMatch(/^--role must be one of field-officer/);
    expect(error(['user', 'add', '--username', 'abc', '--display-name', 'X', '--role', 'admin', '--countries', 'TH,XX'])).toMatch(/XX is not one of/);
    expect(error(['user', 'add', '--username', 'Bad Name', '--display-name', 'X', '--role', 'admin'])).toMatch(/^--username:/);
    expect(error(['user', 'add', '--username', 'abc', '--display-name', 'X', '--role', 'admin', '--password', 'hunter22222'])).toMatch(/--password is not accepted/);
    expect(error(['device', 'revoke', 'dev-1'])).toBe('device revoke needs --reason');
    expect(error(['device', 'revoke', '--reason', 'x'])).toBe('device revoke needs a device id');
    expect(error(['device', 'revoke', 'bad id!', '--reason', 'x'])).toMatch(/is not a device id/);
    expect(error(['user', 'list', '--reason', 'x'])).toMatch(/--reason does not apply/);
    expect(error(['user', 'list', 'extra'])).toMatch(/unexpected argument "extra"/);
    expect(error(['bundle', 'import'])).toBe('bundle import needs a file');
    expect(error(['bundle', 'import', 'a', 'b'])).toBe('unexpected argument "b"');
    expect(error(['bundle', 'log', '--limit', '0'])).toBe('--limit must be a positive whole number');
    expect(error(['bundle', 'log', '--limit', 'x'])).toBe('--limit must be a positive whole number');
    expect(error(['frobnicate'])).toBe('unknown command "frobnicate"');
    expect(error(['--nope'])).toMatch(/nope/);
  });
});
