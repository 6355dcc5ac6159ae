import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('server configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({ port: 8787, host: '127.0.0.1', dataDir: './server-data', databaseUrl: undefined, sessionHours: 12, logLevel: 'info' });
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '9000', HOST: '0.0.0.0', STEP_DATA_DIR: '/var/lib/step', DATABASE_URL: 'postgres://step@db/step', STEP_SESSION_HOURS: '8', LOG_LEVEL: 'warn' });
    expect(config).toEqual({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/step', databaseUrl: 'postgres://step@db/step', sessionHours: 8, logLevel: 'warn' });
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('names every bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/);
  });
});
