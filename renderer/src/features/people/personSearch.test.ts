import type { Person } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import { emptyPersonFilter, filterPeople, indexPeople, personName, type PersonFilter } from './personSearch';

let next = 0;
const person = (fields: Partial<Person>): Person => ({
  entity: 'person',
  id: `0194a3b0-0000-7000-8000-${String((next += 1)).padStart(12, '0')}`,
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
  sex: 'unspecified',
  country: 'LA',
  roles: ['trainee'],
  ...fields,
});

const orgA = '0194a3b0-0000-7000-8000-0000000000aa';
const wangFang = person({ nameNative: '王芳', nameNativeLanguage: 'zh', nameRomanized: 'Wang Fang', sex: 'female', country: 'CN', roles: ['expert'], organizationId: orgA });
const somphone = person({ nameNative: 'ສົມພອນ ວົງສະຫວັນ', nameNativeLanguage: 'lo', nameRomanized: 'Somphone Vongsavanh', sex: 'male', country: 'LA', organizationId: orgA });
const sudarat = person({ nameNative: 'สุดารัตน์ ศรีสุข', nameNativeLanguage: 'th', nameRomanized: 'Sudarat Srisuk', sex: 'female', country: 'TH', roles: ['trainee', 'researcher'] });
const nguyen = person({ nameRomanized: 'Nguyễn Thị Hồng', sex: 'female', country: 'VN', roles: ['volunteer'] });
const onlyNative = person({ nameNative: 'ສົມສັກ', nameNativeLanguage: 'lo', sex: 'male', country: 'LA' });
const index = indexPeople([wangFang, somphone, sudarat, nguyen, onlyNative]);

const find = (filter: Partial<PersonFilter>) => filterPeople(index, { ...emptyPersonFilter(), ...filter }).map(personName);

describe('people search', () => {
  it('finds a Chinese name by its characters and by its romanization, with or without the space', () => {
    expect(find({ text: '王芳' })).toEqual(['Wang Fang · 王芳']);
    expect(find({ text: '芳' })).toEqual(['Wang Fang · 王芳']);
    expect(find({ text: 'wang fang' })).toEqual(['Wang Fang · 王芳']);
    expect(find({ text: 'FANG' })).toEqual(['Wang Fang · 王芳']);
    expect(find({ text: 'wangfang' })).toEqual(['Wang Fang · 王芳']);
  });

  it('finds a Lao or Thai name by a part of it (no spaces between words) and by its romanization', () => {
    expect(find({ text: 'ສົມພອນ' })).toEqual(['Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ']);
    expect(find({ text: 'ວົງສະ' })).toEqual(['Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ']);
    expect(find({ text: 'ສົມ' })).toEqual(['Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ', 'ສົມສັກ']);
    expect(find({ text: 'vongsavanh somphone' })).toEqual(['Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ']);
    expect(find({ text: 'ศรีสุข' })).toEqual(['Sudarat Srisuk · สุดารัตน์ ศรีสุข']);
  });

  it('folds Vietnamese diacritics, and every word must match', () => {
    expect(find({ text: 'nguyen hong' })).toEqual(['Nguyễn Thị Hồng']);
    expect(find({ text: 'Nguyễn' })).toEqual(['Nguyễn Thị Hồng']);
    expect(find({ text: 'wang somphone' })).toEqual([]);
  });

  it('filters by country, role, organization and sex, and lists by name', () => {
    expect(find({})).toEqual(['Nguyễn Thị Hồng', 'Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ', 'Sudarat Srisuk · สุดารัตน์ ศรีสุข', 'Wang Fang · 王芳', 'ສົມສັກ']);
    expect(find({ country: 'LA' })).toEqual(['Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ', 'ສົມສັກ']);
    expect(find({ role: 'researcher' })).toEqual(['Sudarat Srisuk · สุดารัตน์ ศรีสุข']);
    expect(find({ organizationId: orgA })).toEqual(['Somphone Vongsavanh · ສົມພອນ ວົງສະຫວັນ', 'Wang Fang · 王芳']);
    expect(find({ sex: 'female', role: 'trainee' })).toEqual(['Sudarat Srisuk · สุดารัตน์ ศรีสุข']);
    expect(find({ sex: 'male', text: 'ສົມສັກ' })).toEqual(['ສົມສັກ']);
  });
});
