import type { Person } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import { emptyPersonForm, nativeLanguageOf, personToForm, toPersonDraft } from './personForm';

const stored: Person = {
  entity: 'person',
  id: '0194a3b0-0000-7000-8000-000000000001',
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
  nameNative: 'ສົມພອນ ວົງສະຫວັນ',
  nameNativeLanguage: 'lo',
  nameRomanized: 'Somphone Vongsavanh',
  sex: 'female',
  birthYear: 1991,
  country: 'LA',
  roles: ['trainee'],
  email: 'somphone@example.la',
  phone: '+856 20 5555 1234',
};

describe('the person form', () => {
  it('does not load personal data into a form that may not show it, and keeps the stored values on save', () => {
    const values = personToForm(stored, false);
    expect(values).toMatchObject({ email: '', phone: '', birthYear: '', personalShown: false });
    const draft = toPersonDraft({ ...values, position: 'Lecturer' }, stored);
    expect(draft).toMatchObject({ email: 'somphone@example.la', phone: '+856 20 5555 1234', birthYear: 1991, position: 'Lecturer' });
  });

  it('saves what a form that shows personal data holds, blanks included', () => {
    const values = personToForm(stored, true);
    expect(values).toMatchObject({ email: 'somphone@example.la', birthYear: '1991', personalShown: true });
    const draft = toPersonDraft({ ...values, email: ' ', phone: '', birthYear: '1990' }, stored);
    expect(draft.email).toBeUndefined();
    expect(draft.phone).toBeUndefined();
    expect(draft.birthYear).toBe(1990);
  });

  it('a new person has what was typed, and a native name language only with a native name', () => {
    const draft = toPersonDraft({ ...emptyPersonForm(true), nameRomanized: 'Wang Fang', nameNativeLanguage: 'zh', sex: 'female', country: 'CN', roles: ['expert'] });
    expect(draft).toMatchObject({ nameRomanized: 'Wang Fang', sex: 'female', country: 'CN', roles: ['expert'] });
    expect(draft.nameNativeLanguage).toBeUndefined();
    expect(draft.nationality).toBeUndefined();
    expect(nativeLanguageOf('LA')).toBe('lo');
    expect(nativeLanguageOf('CN')).toBe('zh');
    expect(nativeLanguageOf('')).toBe('');
  });
});
