import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyDirectives, isAllowedServerUrl, serverConnectSources } from './csp';

const directive = (name: string) => contentSecurityPolicyDirectives.find((d) => d.split(' ')[0] === name);
const withoutConnect = contentSecurityPolicyDirectives.filter((d) => !d.startsWith('connect-src ')).join('; ');

describe('content security policy', () => {
  it('allows no inline script, no eval and nothing remote outside connect-src', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|\bwss?:|\s\*(\s|;|$)/);
    expect(withoutConnect).not.toMatch(/\bhttps?:|\*/);
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('default-src')).toBe("default-src 'self'");
  });

  it('lets requests reach the sync server over https, or over http only on this computer', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' https: http://localhost:* http://127.0.0.1:*");
    expect(serverConnectSources).not.toContain('http:');
    for (const source of serverConnectSources) expect(source === 'https:' || /^http:\/\/(localhost|127\.0\.0\.1):\*$/.test(source)).toBe(true);
  });

  it('applies the same rule to a typed server address', () => {
    for (const url of ['https://step.example.org', 'https://10.0.0.5:8443/step', 'http://localhost:8787', 'http://127.0.0.1:3000', 'HTTPS://STEP.EXAMPLE.ORG'])
      expect(isAllowedServerUrl(url), url).toBe(true);
    for (const url of ['http://step.example.org', 'http://192.168.1.10:8080', 'http://localhost.evil.example', 'ftp://x', 'step.example.org', 'http://[::1]:8080', ''])
      expect(isAllowedServerUrl(url), url).toBe(false);
  });

  it('shuts plugins, frames, <base> and form posts', () => {
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-src')).toBe("frame-src 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
    expect(directive('form-action')).toBe("form-action 'none'");
  });

  it('is one header-safe line', () => {
    expect(contentSecurityPolicy).not.toMatch(/[\r\n]/);
    expect(contentSecurityPolicy.split('; ')).toHaveLength(contentSecurityPolicyDirectives.length);
  });
});
