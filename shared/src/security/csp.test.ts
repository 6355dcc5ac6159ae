import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyDirectives } from './csp';

const directive = (name: string) => contentSecurityPolicyDirectives.find((d) => d.split(' ')[0] === name);

describe('content security policy', () => {
  it('allows no inline script, no eval and nothing remote', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|\bhttps?:|\bws:|\*/);
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('default-src')).toBe("default-src 'self'");
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
