import { describe, expect, it } from 'vitest';
import { BundleError, bundleErrorCodes, bundleErrorText } from './errors';

describe('bundle errors', () => {
  it('have one distinct English sentence per code', () => {
    const texts = bundleErrorCodes.map((code) => bundleErrorText(new BundleError(code, { part: 'parts/000002.bin', device: 'dev-1', addressedTo: 'dev-2', found: 2, supported: '1' })));
    for (const text of texts) expect(text).toMatch(/^[A-Z].*[.]$/);
    expect(new Set(texts).size).toBe(bundleErrorCodes.length);
    expect(new Set(bundleErrorCodes).size).toBe(bundleErrorCodes.length);
  });

  it('carry their parameters into the sentence', () => {
    expect(bundleErrorText(new BundleError('unsupported-version', { found: 3, supported: '1' }))).toContain('version 3');
    expect(bundleErrorText(new BundleError('revoked-device', { device: 'dev-lost' }))).toContain('dev-lost');
    expect(bundleErrorText({ code: 'empty-file' })).toBe('The file is empty.');
    const error = new BundleError('part-hash', { part: 'parts/000003.bin' });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('part-hash');
  });
});
