import type { z } from 'zod';
import { entitySchemas } from '../domain/entities/registry';
import type { EntityType } from '../domain/entities/entityTypes';
import { deletedField } from './change';

/**
 * Whether one change's field and value make sense for its kind of record, judged field by field: a
 * change carries one field, so the record-level rules (end after start, and the like) are the merge's
 * concern (an invalid merged record is kept but not shown), not a reason to refuse the change.
 *
 * The fields a change may carry are the record's own fields except `entity`, `id` and `updatedAt`
 * (which the replica derives), plus `_deleted`. `null` removes a field, so it is valid only where the
 * field may be absent.
 */
export type FieldCheck = { ok: true } | { ok: false; reason: 'unknown-field' | 'invalid-value'; detail: string };

const derivedFields = new Set(['entity', 'id', 'updatedAt']);

function fieldSchema(entity: EntityType, field: string): z.ZodType | undefined {
  if (derivedFields.has(field)) return undefined;
  const shape = (entitySchemas[entity] as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.hasOwn(shape, field) ? shape[field] : undefined;
}

export function checkFieldValue(entity: EntityType, field: string, value: unknown): FieldCheck {
  if (field === deletedField) {
    return typeof value === 'boolean' ? { ok: true } : { ok: false, reason: 'invalid-value', detail: `${deletedField} must be true or false` };
  }
  const schema = fieldSchema(entity, field);
  if (!schema) return { ok: false, reason: 'unknown-field', detail: `${entity} has no field ${field} that a change may carry` };
  const parsed = schema.safeParse(value === null ? undefined : value);
  if (parsed.success) return { ok: true };
  const problems = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return { ok: false, reason: 'invalid-value', detail: `${field}${value === null ? ' (null: the field is required)' : ''}: ${problems.join('; ')}`.slice(0, 500) };
}

/** The fields a change may carry for this kind of record (for documentation and tests). */
export function changeableFields(entity: EntityType): string[] {
  const shape = (entitySchemas[entity] as unknown as { shape: Record<string, z.ZodType> }).shape;
  return [...Object.keys(shape).filter((field) => !derivedFields.has(field)), deletedField];
}
