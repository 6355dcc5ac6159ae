import type { Principal } from '@shared/access/rules';
import { describe, expect, it } from 'vitest';
import { hiddenFieldsOf, isHiddenField, withoutHidden } from './personalData';

const officer = (countries: Principal['countries']): Principal => ({ userId: 'u1', role: 'field-officer', countries });
const coordinator: Principal = { userId: 'u2', role: 'national-coordinator', countries: ['LA'] };
const secretariat: Principal = { userId: 'u3', role: 'secretariat', countries: ['LA', 'KH', 'CN'] };
const admin: Principal = { userId: 'u4', role: 'admin', countries: [] };

const entries = [
  { field: 'nameRomanized', value: 'Somphone' },
  { field: 'email', value: 'somphone@example.la' },
  { field: 'phone', value: '+856 20 5555 1234' },
  { field: 'birthYear', value: 1990 },
  { field: 'sex', value: 'female' },
];

describe('personal data in history and conflicts', () => {
  it('hides a person’s e-mail, phone and year of birth from the Secretariat and administrators', () => {
    for (const reader of [secretariat, admin]) {
      const hidden = hiddenFieldsOf('person', { country: 'LA' }, reader);
      expect([...hidden].sort()).toEqual(['birthYear', 'email', 'phone']);
      expect(withoutHidden(entries, hidden)).toEqual({ shown: [entries[0], entries[4]], hiddenCount: 3 });
    }
  });

  it('hides them from officers and coordinators of other countries, not of the person’s own', () => {
    expect(hiddenFieldsOf('person', { country: 'LA' }, officer(['LA']))).toEqual([]);
    expect(hiddenFieldsOf('person', { country: 'LA' }, coordinator)).toEqual([]);
    expect(hiddenFieldsOf('person', { country: 'KH' }, coordinator)).toContain('email');
    expect(hiddenFieldsOf('person', { country: 'KH' }, officer(['LA', 'TH']))).toContain('birthYear');
  });

  it('shows everything on a desk not enrolled, and hides when the person’s country is not known', () => {
    expect(hiddenFieldsOf('person', { country: 'LA' }, undefined)).toEqual([]);
    expect(hiddenFieldsOf('person', undefined, undefined)).toEqual([]);
    expect(hiddenFieldsOf('person', undefined, officer(['LA']))).toContain('phone');
    expect(hiddenFieldsOf('person', { country: 42 }, officer(['LA']))).toContain('phone');
  });

  it('hides nothing of other kinds of record (an organization’s e-mail is no one’s personal data)', () => {
    expect(hiddenFieldsOf('organization', { country: 'LA' }, secretariat)).toEqual([]);
    expect(hiddenFieldsOf('participation', {}, secretariat)).toEqual([]);
  });

  it('hides paths into a hidden field too', () => {
    expect(isHiddenField('email', ['email'])).toBe(true);
    expect(isHiddenField('email.0', ['email'])).toBe(true);
    expect(isHiddenField('emailVerified', ['email'])).toBe(false);
    expect(withoutHidden(entries, [])).toEqual({ shown: entries, hiddenCount: 0 });
  });
});
