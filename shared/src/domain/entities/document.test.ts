import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { documentSchema, sha256Schema } from './document';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

const valid = exampleRecords.document;

describe('documentSchema', () => {
  it('accepts a content-addressed document attached to a record', () => {
    expect(problems(documentSchema, valid)).toEqual([]);
  });

  it('accepts only a lowercase hex SHA-256', () => {
    expect(sha256Schema.safeParse('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855').success).toBe(true);
    expect(problems(documentSchema, { ...valid, sha256: valid.sha256.toUpperCase() })).toEqual([{ path: 'sha256', message: 'v.sha256' }]);
    expect(problems(documentSchema, { ...valid, sha256: valid.sha256.slice(1) })).toEqual([{ path: 'sha256', message: 'v.sha256' }]);
    expect(problems(documentSchema, { ...valid, sha256: `${valid.sha256.slice(1)}g` })).toEqual([{ path: 'sha256', message: 'v.sha256' }]);
  });

  it('checks the MIME type, file name and size', () => {
    expect(problems(documentSchema, { ...valid, mimeType: 'jpeg' })).toEqual([{ path: 'mimeType', message: 'v.mimeType' }]);
    expect(problems(documentSchema, { ...valid, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toEqual([]);
    expect(problems(documentSchema, { ...valid, fileName: '  ' })).toEqual([{ path: 'fileName', message: 'too_small' }]);
    expect(problems(documentSchema, { ...valid, sizeBytes: -1 })).toEqual([{ path: 'sizeBytes', message: 'too_small' }]);
  });

  it('must be attached to a known kind of record', () => {
    expect(problems(documentSchema, { ...valid, attachedTo: { entity: 'photo', recordId: valid.id } })).toEqual([{ path: 'attachedTo.entity', message: 'v.entityType' }]);
    expect(problems(documentSchema, { ...valid, attachedTo: { entity: 'activity', recordId: 'A-1' } })).toEqual([{ path: 'attachedTo.recordId', message: 'v.id' }]);
  });
});
