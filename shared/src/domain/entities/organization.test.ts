import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleChineseOrganization, exampleRecords } from '../../demo/examples';
import { organizationSchema } from './organization';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

const valid = exampleRecords.organization;

describe('organizationSchema', () => {
  it('accepts organizations named in their own language and English', () => {
    expect(problems(organizationSchema, valid)).toEqual([]);
    expect(problems(organizationSchema, exampleChineseOrganization)).toEqual([]);
    expect(problems(organizationSchema, { ...valid, website: 'https://www.kku.ac.th', email: 'info@kku.ac.th', phone: '+66 43 009 700' })).toEqual([]);
  });

  it('requires a name in at least one language', () => {
    expect(problems(organizationSchema, { ...valid, name: {} })).toEqual([{ path: 'name', message: 'v.required' }]);
    expect(problems(organizationSchema, { ...valid, name: undefined })).toEqual([{ path: 'name', message: 'v.required' }]);
  });

  it('refuses an unknown type or country', () => {
    expect(problems(organizationSchema, { ...valid, type: 'ngo' })).toEqual([{ path: 'type', message: 'v.organizationType' }]);
    expect(problems(organizationSchema, { ...valid, country: 'JP' })).toEqual([{ path: 'country', message: 'v.country' }]);
  });

  it('accepts only web addresses over http(s) and well-formed e-mail', () => {
    expect(problems(organizationSchema, { ...valid, website: 'ftp://kku.ac.th' })).toEqual([{ path: 'website', message: 'v.url' }]);
    expect(problems(organizationSchema, { ...valid, website: 'kku.ac.th' })).toEqual([{ path: 'website', message: 'v.url' }]);
    expect(problems(organizationSchema, { ...valid, email: 'info at kku' })).toEqual([{ path: 'email', message: 'v.email' }]);
  });

  it('refuses an over-long acronym and a parent that is not an id', () => {
    expect(problems(organizationSchema, { ...valid, acronym: 'K'.repeat(31) })).toEqual([{ path: 'acronym', message: 'v.tooLong' }]);
    expect(problems(organizationSchema, { ...valid, parentId: 'kku' })).toEqual([{ path: 'parentId', message: 'v.id' }]);
  });
});
