import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';

describe('bench arguments', () => {
  it('has defaults and reads sizes', () => {
    expect(parseBenchArgs([])).toMatchObject({ records: 100000, runs: 3, queries: 20, build: true, data: undefined, only: ['app', 'sync-apply', 'sync-server', 'server-push', 'bundle', 'workspace'] });
    expect(parseBenchArgs(['--only', 'sync-server,server-push'])).toMatchObject({ only: ['sync-server', 'server-push'] });
    expect(parseBenchArgs(['--only', 'bundle', '--records', '2000', '--runs', '1'])).toMatchObject({ only: ['bundle'], records: 2000, runs: 1 });
    expect(parseBenchArgs(['--records', '100000', '--no-build'])).toMatchObject({ records: 100000, build: false });
  });

  it('refuses bad values with a message that names the argument', () => {
    expect(() => parseBenchArgs(['--records', 'lots'])).toThrow('--records must be a whole number');
    expect(() => parseBenchArgs(['--records', '0'])).toThrow('--records');
    expect(() => parseBenchArgs(['--data', '/no/such/file.ndjson'])).toThrow('--data: no file at /no/such/file.ndjson');
    expect(() => parseBenchArgs(['--colour'])).toThrow();
    expect(() => parseBenchArgs(['--only', 'sync-servers'])).toThrow('--only takes parts among');
  });
});
