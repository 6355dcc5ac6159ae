import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecordList, exampleRecords } from '../../demo/examples';
import { newRecordId, recordIdSchema } from '../ids';
import { entityTypes } from './entityTypes';
import { anyRecordSchema, entityImportOrder, entitySchemas } from './registry';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

describe('the entity registry', () => {
  it('has one schema per entity type and an import order listing each type once', () => {
    expect(Object.keys(entitySchemas).sort()).toEqual([...entityTypes].sort());
    expect([...entityImportOrder].sort()).toEqual([...entityTypes].sort());
    expect(new Set(entityImportOrder).size).toBe(entityTypes.length);
  });

  it('orders records before the records that refer to them', () => {
    const before = (a: string, b: string) => entityImportOrder.indexOf(a as never) < entityImportOrder.indexOf(b as never);
    expect(before('organization', 'person')).toBe(true);
    expect(before('activity', 'participation')).toBe(true);
    expect(before('result', 'indicator')).toBe(true);
    expect(before('indicator', 'indicatorPeriod')).toBe(true);
    expect(before('technologyOffer', 'technologyMatch')).toBe(true);
    expect(before('document', 'fieldReport')).toBe(true);
  });

  it('validates every example with its own schema and through anyRecordSchema', () => {
    for (const record of exampleRecordList) {
      expect(problems(entitySchemas[record.entity], record)).toEqual([]);
      expect(anyRecordSchema.parse(record)).toEqual(record);
    }
    expect(Object.keys(exampleRecords).sort()).toEqual([...entityTypes].sort());
  });

  it('dispatches on entity, and names an unknown or missing entity', () => {
    expect(problems(anyRecordSchema, { ...exampleRecords.person, entity: 'organization' })).toContainEqual({ path: 'name', message: 'v.required' });
    expect(problems(anyRecordSchema, { ...exampleRecords.person, entity: 'people' })).toEqual([{ path: 'entity', message: 'v.entityType' }]);
    expect(problems(anyRecordSchema, { id: exampleRecords.person.id })).toEqual([{ path: 'entity', message: 'v.entityType' }]);
  });

  it('never throws on values that are not records', () => {
    for (const value of [null, undefined, 0, 'activity', [], [exampleRecords.activity], { entity: 'activity' }]) {
      expect(anyRecordSchema.safeParse(value).success).toBe(false);
      for (const schema of Object.values(entitySchemas)) expect((schema as z.ZodType).safeParse(value).success).toBe(false);
    }
  });
});

describe('record ids', () => {
  it('mints valid UUIDv7 ids in creation order', () => {
    const ids = Array.from({ length: 50 }, () => newRecordId());
    for (const id of ids) expect(recordIdSchema.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses ids of other UUID versions and other shapes', () => {
    expect(problems(recordIdSchema, '9b2f6c1e-3d4a-4b5c-8d6e-7f8091a2b3c4')).toEqual([{ path: '', message: 'v.id' }]); // v4
    expect(problems(recordIdSchema, '018d2a5c3d4e7f50b1624d6e8f0a2b04')).toEqual([{ path: '', message: 'v.id' }]);
    expect(problems(recordIdSchema, 42)).toEqual([{ path: '', message: 'v.id' }]);
  });
});
