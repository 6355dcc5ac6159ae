import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contentLanguages, uiLanguages, type Labels } from './common';
import { entityTypes, type EntityType } from './entities/entityTypes';
import { entitySchemas } from './entities/registry';
import { codeLabelOf, entityLabels, fieldLabelOf, isCodedField, referenceTargetOf, subfieldLabelOf } from './fieldLabels';
import { recordIdSchema } from './ids';

/**
 * Walks every entity schema as the zod tree it is (objects, also those with refinements; optional,
 * default and nullable wrappers; arrays; unions of objects such as an activity's details), so that a
 * field, a key or a code added to a schema later without its labels fails here.
 */
interface Node {
  /** The top-level field the node is in. */
  field: string;
  /** The key of the innermost object the node is the value of (the field itself at the top). */
  key: string;
  /** Whether the node is inside an object value, not the top-level field's own value. */
  nested: boolean;
  schema: z.ZodType;
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; values?: unknown[]; entries?: Record<string, unknown>; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

function* walk(schema: z.ZodType, at: Omit<Node, 'schema'>): Generator<Node> {
  yield { ...at, schema };
  const def = defOf(schema);
  if (def.innerType) yield* walk(def.innerType, at);
  else if (def.type === 'array' && def.element) yield* walk(def.element, at);
  else if (def.type === 'union' && def.options) for (const option of def.options) yield* walk(option, at);
  else if (def.type === 'object' && def.shape)
    for (const [key, inner] of Object.entries(def.shape)) yield* walk(inner, { field: at.field, key, nested: true });
}

function* nodesOf(entity: EntityType): Generator<Node> {
  const shape = (entitySchemas[entity] as unknown as { shape: Record<string, z.ZodType> }).shape;
  for (const [field, schema] of Object.entries(shape)) yield* walk(schema, { field, key: field, nested: false });
}

const codesOf = (schema: z.ZodType): string[] | undefined => {
  const def = defOf(schema);
  if (def.type === 'enum' && def.entries) return Object.values(def.entries) as string[];
  if (def.type === 'literal' && def.values) return def.values as string[];
  return undefined;
};

const complete = (labels: Labels | undefined) => labels !== undefined && uiLanguages.every((language) => labels[language].trim().length > 0);

describe('the field catalogue', () => {
  it('reads the schemas it checks: every entity has fields, details have every kind', () => {
    for (const entity of entityTypes) expect([...nodesOf(entity)].length).toBeGreaterThan(4);
    const detailKeys = new Set([...nodesOf('activity')].filter((n) => n.field === 'details' && n.nested).map((n) => n.key));
    expect(detailKeys).toContain('venue');
    expect(detailKeys).toContain('matchId');
  });

  it.each(entityTypes)('labels every field of %s in English and Chinese', (entity) => {
    const missing = [...nodesOf(entity)].filter((node) => !node.nested && !complete(fieldLabelOf(entity, node.field))).map((node) => node.field);
    expect(missing).toEqual([]);
  });

  it.each(entityTypes)('labels every key inside the object values of %s', (entity) => {
    const missing = [...nodesOf(entity)].filter((node) => node.nested && !complete(subfieldLabelOf(entity, node.field, node.key))).map((node) => `${node.field}.${node.key}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it.each(entityTypes)('labels every code of every coded field of %s', (entity) => {
    const missing: string[] = [];
    for (const node of nodesOf(entity)) {
      for (const code of codesOf(node.schema) ?? []) if (!complete(codeLabelOf(entity, node.key, code))) missing.push(`${node.field}.${node.key}=${code}`);
    }
    expect(missing).toEqual([]);
  });

  it.each(entityTypes)('knows what every record id in %s points to', (entity) => {
    const missing = [...nodesOf(entity)]
      .filter((node) => node.schema === recordIdSchema && node.key !== 'id' && node.key !== 'recordId' && !referenceTargetOf(entity, node.key))
      .map((node) => `${node.field}.${node.key}`);
    expect(missing).toEqual([]);
  });

  it('labels a code by the kind of record it is in, and says when a value is no code', () => {
    expect(codeLabelOf('technologyMatch', 'status', 'negotiating')).toEqual({ en: 'Negotiating', zh: '洽谈中' });
    expect(codeLabelOf('activity', 'status', 'implementation')?.en).toBe('Implementation');
    expect(codeLabelOf('budget', 'status', 'implementation')).toBeUndefined();
    expect(codeLabelOf('transaction', 'source', 'asean-partner')?.en).toBe('ASEAN partner country');
    expect(codeLabelOf('fieldReport', 'source', 'typed')?.zh).toBe('手动输入的坐标');
    expect(codeLabelOf('indicatorPeriod', 'sex', 'female')?.zh).toBe('女');
    expect(codeLabelOf('person', 'nameNativeLanguage', 'lo')?.en).toBe('Lao');
    expect(codeLabelOf('document', 'entity', 'fieldReport')?.en).toBe('Field report');
    expect(isCodedField('transaction', 'valuationNote')).toBe(false);
    expect(isCodedField('participation', 'status')).toBe(true);
    expect(fieldLabelOf('technologyMatch', 'statusDate')).toEqual({ en: 'Status since', zh: '状态日期' });
    expect(fieldLabelOf('technologyMatch', 'toString')).toBeUndefined();
    expect(referenceTargetOf('activity', 'trainingCenterId')).toBe('activity');
    expect(referenceTargetOf('technologyMatch', 'brokerPersonId')).toBe('person');
  });

  it('names every content language', () => {
    for (const language of contentLanguages) expect(complete(codeLabelOf('activity', 'courseLanguage', language))).toBe(true);
  });
});

describe('kinds of record', () => {
  it('every kind of record is named in English and Chinese (screens name a record kind from here)', () => {
    for (const entity of entityTypes) {
      expect(entityLabels[entity].en.trim(), entity).not.toBe('');
      expect(entityLabels[entity].zh.trim(), entity).not.toBe('');
    }
  });
});
