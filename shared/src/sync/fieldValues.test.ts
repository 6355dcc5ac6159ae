import { describe, expect, it } from 'vitest';
import { entityTypes } from '../domain/entities/entityTypes';
import { changeableFields, checkFieldValue } from './fieldValues';

describe('checkFieldValue', () => {
  it('accepts a valid value of a known field, and null where the field may be absent', () => {
    expect(checkFieldValue('activity', 'countries', ['TH', 'VN'])).toEqual({ ok: true });
    expect(checkFieldValue('activity', 'plannedEnd', '2026-03-01')).toEqual({ ok: true });
    expect(checkFieldValue('activity', 'plannedEnd', null)).toEqual({ ok: true });
    expect(checkFieldValue('activity', 'createdAt', '2026-01-01T00:00:00.000Z')).toEqual({ ok: true });
  });

  it('refuses a field the entity does not have, and the fields replicas derive', () => {
    for (const field of ['nonsense', 'entity', 'id', 'updatedAt', '__proto__', 'constructor']) {
      expect(checkFieldValue('activity', field, 'x')).toMatchObject({ ok: false, reason: 'unknown-field' });
    }
  });

  it('refuses a value the field schema refuses, with a detail naming the field', () => {
    const bad = checkFieldValue('activity', 'countries', ['XX']);
    expect(bad).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(!bad.ok && bad.detail).toContain('countries');
    expect(checkFieldValue('activity', 'plannedStart', 42)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('refuses null for a required field', () => {
    expect(checkFieldValue('activity', 'countries', null)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('accepts only booleans for _deleted', () => {
    expect(checkFieldValue('person', '_deleted', true)).toEqual({ ok: true });
    expect(checkFieldValue('person', '_deleted', false)).toEqual({ ok: true });
    expect(checkFieldValue('person', '_deleted', 'yes')).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(checkFieldValue('person', '_deleted', null)).toMatchObject({ ok: false, reason: 'invalid-value' });
  });

  it('knows the fields of every entity, createdAt and _deleted included', () => {
    for (const entity of entityTypes) {
      const fields = changeableFields(entity);
      expect(fields).toContain('createdAt');
      expect(fields).toContain('_deleted');
      expect(fields).not.toContain('id');
    }
  });
});
