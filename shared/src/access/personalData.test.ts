import { describe, expect, it } from 'vitest';
import type { Person } from '../domain/entities/person';
import { canSeePersonalData, mayHandlePersonalData, personalDataFields, visiblePerson } from './personalData';
import type { Principal } from './rules';

const officerLA: Principal = { userId: 'o-la', role: 'field-officer', countries: ['LA'] };
const coordinatorLA: Principal = { userId: 'c-la', role: 'national-coordinator', countries: ['LA', 'KH'] };
const officerTH: Principal = { userId: 'o-th', role: 'field-officer', countries: ['TH'] };
const coordinatorTH: Principal = { userId: 'c-th', role: 'national-coordinator', countries: ['TH'] };
const secretariat: Principal = { userId: 's', role: 'secretariat', countries: [] };
const admin: Principal = { userId: 'a', role: 'admin', countries: ['LA'] };

const traineeLA: Person = {
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
  nationality: 'LA',
  roles: ['trainee'],
  email: 'somphone@example.la',
  phone: '+856 20 5555 1234',
};

describe('personal data of people (data minimisation)', () => {
  it('field officers see the personal data of people of their countries only', () => {
    expect(canSeePersonalData(officerLA, traineeLA)).toBe(true);
    expect(canSeePersonalData(officerTH, traineeLA)).toBe(false);
  });

  it('national coordinators see the personal data of people of their countries only', () => {
    expect(canSeePersonalData(coordinatorLA, traineeLA)).toBe(true);
    expect(canSeePersonalData(coordinatorLA, { country: 'KH' })).toBe(true);
    expect(canSeePersonalData(coordinatorTH, traineeLA)).toBe(false);
  });

  it('the Secretariat and administrators never see contact details or birth years, whatever their countries', () => {
    expect(canSeePersonalData(secretariat, traineeLA)).toBe(false);
    expect(canSeePersonalData(admin, traineeLA)).toBe(false);
    expect(mayHandlePersonalData(secretariat)).toBe(false);
    expect(mayHandlePersonalData(admin)).toBe(false);
  });

  it('a desk not enrolled (a single local desk) sees everything it holds', () => {
    expect(canSeePersonalData(undefined, traineeLA)).toBe(true);
    expect(mayHandlePersonalData(undefined)).toBe(true);
    expect(mayHandlePersonalData(officerTH)).toBe(true);
    expect(mayHandlePersonalData(coordinatorTH)).toBe(true);
  });

  it('the visible person keeps what statistics need and drops e-mail, phone and birth year', () => {
    const seen = visiblePerson(secretariat, traineeLA);
    for (const field of personalDataFields) expect(seen).not.toHaveProperty(field);
    expect(seen).toMatchObject({ nameNative: 'ສົມພອນ ວົງສະຫວັນ', nameRomanized: 'Somphone Vongsavanh', sex: 'female', country: 'LA', nationality: 'LA', roles: ['trainee'] });
    expect(traineeLA.email).toBe('somphone@example.la');
    expect(visiblePerson(officerLA, traineeLA)).toBe(traineeLA);
    expect(personalDataFields).toEqual(['email', 'phone', 'birthYear']);
  });
});
