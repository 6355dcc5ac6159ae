import { usernameSchema } from '@shared/api/contract';
import { countryCodeSchema, type CountryCode } from '@shared/domain/taxonomy/countries';
import { userRoleSchema, type UserRole } from '@shared/domain/taxonomy/roles';
import { deviceIdSchema } from '@shared/sync/hlc';
import { readCommandLine } from './commandLine';

/**
 * The admin command line, parsed without side effects so it can be tested: `npm run server -- <command>`.
 * Passwords never come from arguments (they would sit in shell history and `ps`): STEP_PASSWORD or stdin.
 */
export type Command =
  | { kind: 'serve' }
  | { kind: 'help' }
  | { kind: 'migrate' }
  | { kind: 'user-add'; username: string; displayName: string; role: UserRole; countries: CountryCode[] }
  | { kind: 'user-list' }
  | { kind: 'device-list' }
  | { kind: 'device-revoke'; deviceId: string; reason: string }
  | { kind: 'bundle-import'; file: string }
  | { kind: 'bundle-log'; limit: number };

export type Parsed = { ok: true; command: Command } | { ok: false; message: string };

export const usage = `Usage: npm run server -- [command]

  (no command)                 serve the API (settings from the environment: docs/server.md)
  migrate                      bring the database schema up to date, then exit
  user add --username U --display-name NAME --role ROLE [--countries TH,VN]
                               add a person; the password comes from STEP_PASSWORD or stdin
  user list                    list people
  device list                  list enrolled devices
  device revoke DEVICE_ID --reason TEXT
                               revoke a device: its requests are refused from now on
  bundle import FILE           import a sync bundle addressed to this server (*.stepbundle)
  bundle log [--limit N]       the latest bundle imports, refusals included (default 20)
  --help                       this text

Roles: ${userRoleSchema.options.join(', ')}. Countries: ISO codes, comma-separated.`;

const fail = (message: string): Parsed => ({ ok: false, message });

export function parseCommand(argv: readonly string[]): Parsed {
  const line = readCommandLine(
    argv,
    {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      countries: { type: 'string' },
      reason: { type: 'string' },
      password: { type: 'string' },
      limit: { type: 'string' },
    },
    { password: '--password is not accepted: passwords in arguments end up in shell history. Use STEP_PASSWORD or stdin.' },
  );
  if (line.kind === 'invalid') return fail(line.message);
  if (line.kind === 'help') return { ok: true, command: { kind: 'help' } };
  const { values, positionals } = line;
  const [group, action, ...rest] = positionals;
  const allowed = (names: (keyof typeof values)[]) => {
    const extra = (Object.keys(values) as (keyof typeof values)[]).find((name) => !names.includes(name));
    return extra ? `--${extra} does not apply to "${positionals.slice(0, 2).join(' ')}"` : undefined;
  };
  const only = (names: (keyof typeof values)[], positionalCount: number): string | undefined =>
    allowed(names) ?? (rest.length > positionalCount ? `unexpected argument "${rest[positionalCount]}"` : undefined);

  if (group === undefined) return Object.keys(values).length ? fail('options need a command (see --help)') : { ok: true, command: { kind: 'serve' } };
  if (group === 'migrate') {
    const problem = action !== undefined ? `unexpected argument "${action}"` : allowed([]);
    return problem ? fail(problem) : { ok: true, command: { kind: 'migrate' } };
  }
  if (group === 'user' && action === 'add') {
    const problem = only(['username', 'display-name', 'role', 'countries'], 0);
    if (problem) return fail(problem);
    if (!values.username) return fail('user add needs --username');
    if (!values['display-name']?.trim()) return fail('user add needs --display-name');
    if (!values.role) return fail('user add needs --role');
    const username = usernameSchema.safeParse(values.username);
    if (!username.success) return fail(`--username: ${username.error.issues[0]?.message}`);
    const role = userRoleSchema.safeParse(values.role);
    if (!role.success) return fail(`--role must be one of ${userRoleSchema.options.join(', ')}`);
    const codes = (values.countries ?? '').split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    const badCountry = codes.find((code) => !countryCodeSchema.safeParse(code).success);
    if (badCountry) return fail(`--countries: ${badCountry} is not one of ${countryCodeSchema.options.join(', ')}`);
    return { ok: true, command: { kind: 'user-add', username: username.data, displayName: values['display-name'].trim(), role: role.data, countries: [...new Set(codes)] as CountryCode[] } };
  }
  if (group === 'user' && action === 'list') {
    const problem = only([], 0);
    return problem ? fail(problem) : { ok: true, command: { kind: 'user-list' } };
  }
  if (group === 'device' && action === 'list') {
    const problem = only([], 0);
    return problem ? fail(problem) : { ok: true, command: { kind: 'device-list' } };
  }
  if (group === 'device' && action === 'revoke') {
    const problem = only(['reason'], 1);
    if (problem) return fail(problem);
    const deviceId = rest[0];
    if (!deviceId) return fail('device revoke needs a device id');
    if (!deviceIdSchema.safeParse(deviceId).success) return fail(`"${deviceId}" is not a device id`);
    if (!values.reason?.trim()) return fail('device revoke needs --reason');
    return { ok: true, command: { kind: 'device-revoke', deviceId, reason: values.reason.trim() } };
  }
  if (group === 'bundle' && action === 'import') {
    const problem = only([], 1);
    if (problem) return fail(problem);
    const file = rest[0];
    if (!file) return fail('bundle import needs a file');
    return { ok: true, command: { kind: 'bundle-import', file } };
  }
  if (group === 'bundle' && action === 'log') {
    const problem = only(['limit'], 0);
    if (problem) return fail(problem);
    const limit = values.limit === undefined ? 20 : /^\d{1,6}$/.test(values.limit) ? Number(values.limit) : NaN;
    if (!(limit >= 1)) return fail('--limit must be a positive whole number');
    return { ok: true, command: { kind: 'bundle-log', limit } };
  }
  return fail(`unknown command "${positionals.join(' ')}"`);
}
