import { describe, expect, it } from 'vitest';
import { canManageDevice, canManageUsers, canSee, writeRefusal, type Principal } from './rules';

const officerTH: Principal = { userId: 'o-th', role: 'field-officer', countries: ['TH'] };
const coordinatorTH: Principal = { userId: 'c-th', role: 'national-coordinator', countries: ['TH'] };
const secretariat: Principal = { userId: 's', role: 'secretariat', countries: [] };
const admin: Principal = { userId: 'a', role: 'admin', countries: [] };

describe('access rules', () => {
  it('scoped roles see records of their countries, shared ones included, and nothing without a country', () => {
    expect(canSee(officerTH, ['TH'])).toBe(true);
    expect(canSee(officerTH, ['VN', 'TH'])).toBe(true);
    expect(canSee(officerTH, ['VN'])).toBe(false);
    expect(canSee(officerTH, [])).toBe(false);
    expect(canSee(secretariat, ['VN'])).toBe(true);
    expect(canSee(secretariat, [])).toBe(true);
  });

  it('a change must find the record in reach and leave it there', () => {
    expect(writeRefusal(officerTH, undefined, ['TH'])).toBeUndefined();
    expect(writeRefusal(officerTH, undefined, ['VN'])).toBe('out-of-scope');
    expect(writeRefusal(officerTH, ['VN'], ['VN', 'TH'])).toBe('out-of-scope');
    expect(writeRefusal(officerTH, ['TH'], ['VN'])).toBe('moves-out-of-scope');
    expect(writeRefusal(officerTH, ['TH', 'VN'], ['VN', 'TH'])).toBeUndefined();
    expect(writeRefusal(secretariat, ['VN'], [])).toBeUndefined();
  });

  it('only administrators manage users; coordinators manage their own countries officers devices', () => {
    expect(canManageUsers(admin)).toBe(true);
    expect(canManageUsers(secretariat)).toBe(false);
    expect(canManageDevice(coordinatorTH, officerTH)).toBe(true);
    expect(canManageDevice(coordinatorTH, { ...officerTH, countries: ['VN'] })).toBe(false);
    expect(canManageDevice(coordinatorTH, { ...officerTH, countries: ['TH', 'VN'] })).toBe(false);
    expect(canManageDevice(coordinatorTH, secretariat)).toBe(false);
    expect(canManageDevice(officerTH, officerTH)).toBe(true);
    expect(canManageDevice(officerTH, { ...officerTH, userId: 'other' })).toBe(false);
    expect(canManageDevice(secretariat, coordinatorTH)).toBe(true);
  });
});
