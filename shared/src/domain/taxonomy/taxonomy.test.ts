import { describe, expect, it } from 'vitest';
import { contentLanguages, type Labels } from '../common';
import { aseanCountryCodes, countries, countryCodeSchema, findCountry } from './countries';
import { activityKinds, findActivityKind, kindsOfModality, modalities, modalityOfKind } from './modalities';
import { organizationTypes } from './organizationTypes';
import { findPriorityArea, isWithinArea, priorityAreaTree, priorityAreas, topLevelPriorityAreas } from './priorityAreas';
import {
  activityStatuses,
  contributionForms,
  fundingSources,
  inKindCategories,
  labelOf,
  participationRoles,
  partnerSides,
  personRoles,
  sexes,
  userRoles,
} from './roles';

const lists: Record<string, readonly { code: string; label: Labels }[]> = {
  countries,
  priorityAreas,
  modalities,
  activityKinds,
  organizationTypes,
  participationRoles,
  partnerSides,
  personRoles,
  userRoles,
  activityStatuses,
  sexes,
  fundingSources,
  contributionForms,
  inKindCategories,
};

describe('countries', () => {
  it('are the eleven ASEAN member states and China, with ISO 3166 codes', () => {
    expect(countries.map((c) => [c.code, c.alpha3])).toEqual([
      ['BN', 'BRN'],
      ['KH', 'KHM'],
      ['ID', 'IDN'],
      ['LA', 'LAO'],
      ['MY', 'MYS'],
      ['MM', 'MMR'],
      ['PH', 'PHL'],
      ['SG', 'SGP'],
      ['TH', 'THA'],
      ['TL', 'TLS'],
      ['VN', 'VNM'],
      ['CN', 'CHN'],
    ]);
  });

  it('count eleven ASEAN members, Timor-Leste included and China not', () => {
    expect(aseanCountryCodes).toHaveLength(11);
    expect(aseanCountryCodes).toContain('TL');
    expect(aseanCountryCodes).not.toContain('CN');
    expect(findCountry('TL')?.aseanSince).toBe(2025);
    expect(findCountry('CN')).not.toHaveProperty('aseanSince');
  });

  it('carry an ISO 4217 currency, a native name and content languages', () => {
    for (const country of countries) {
      expect(country.currency).toMatch(/^[A-Z]{3}$/);
      expect(country.nativeName.trim()).not.toBe('');
      expect(country.languages.length).toBeGreaterThan(0);
      for (const language of country.languages) expect(contentLanguages).toContain(language);
    }
  });

  it('are what the country schema accepts', () => {
    for (const country of countries) expect(countryCodeSchema.safeParse(country.code).success).toBe(true);
    for (const other of ['JP', 'th', 'THA', '']) expect(countryCodeSchema.safeParse(other).success).toBe(false);
  });
});

describe('priority areas', () => {
  it('are S&T policy with six sub-topics and ten technology areas', () => {
    const [policy, ...technology] = priorityAreaTree;
    expect(policy?.code).toBe('policy');
    expect(policy?.children).toHaveLength(6);
    expect(technology).toHaveLength(10);
    expect(technology.map((a) => a.code)).toEqual([
      'tech/agriculture',
      'tech/food',
      'tech/health',
      'tech/disaster',
      'tech/water',
      'tech/environment-energy',
      'tech/manufacturing',
      'tech/materials',
      'tech/it',
      'tech/space',
    ]);
    expect(topLevelPriorityAreas).toHaveLength(11);
  });

  it('name sub-fields by path under their area, so an area filter matches them', () => {
    for (const area of priorityAreas) {
      if (area.parent === undefined) continue;
      expect(area.code.startsWith(`${area.parent}/`)).toBe(true);
      expect(isWithinArea(area.code, area.parent)).toBe(true);
      expect(findPriorityArea(area.code)).toBe(area);
    }
    for (const area of priorityAreaTree) expect(area.children?.length ?? 0).toBeGreaterThan(0);
    expect(isWithinArea('tech/agriculture', 'tech/agriculture')).toBe(true);
    expect(isWithinArea('tech/agriculture-extra', 'tech/agriculture')).toBe(false);
  });
});

describe('modalities and activity kinds', () => {
  it('are seven modalities', () => {
    expect(modalities.map((m) => m.code)).toEqual([
      'policy-consultancy',
      'technical-services',
      'human-resources',
      'joint-research',
      'joint-labs',
      'science-parks',
      'technology-transfer',
    ]);
  });

  it('map every activity kind to exactly one modality, and every modality has a kind', () => {
    const modalityCodes = modalities.map((m) => m.code);
    for (const kind of activityKinds) {
      expect(modalityCodes).toContain(kind.modality);
      expect(modalityOfKind(kind.code)).toBe(kind.modality);
      expect(findActivityKind(kind.code)).toBe(kind);
    }
    for (const modality of modalityCodes) expect(kindsOfModality(modality).length).toBeGreaterThan(0);
    expect(kindsOfModality('human-resources').sort()).toEqual(['fellowship', 'training-center', 'training-course']);
    expect(() => modalityOfKind('workshop' as never)).toThrow();
  });
});

describe('every reference list', () => {
  it('labels each entry in English and Chinese', () => {
    for (const [name, list] of Object.entries(lists)) {
      for (const item of list) {
        expect(item.label.en.trim(), `${name} ${item.code} en`).not.toBe('');
        expect(item.label.zh.trim(), `${name} ${item.code} zh`).not.toBe('');
        expect(item.label.zh, `${name} ${item.code} zh`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('has unique codes', () => {
    for (const [name, list] of Object.entries(lists)) {
      const codes = list.map((item) => item.code);
      expect(new Set(codes).size, name).toBe(codes.length);
    }
  });

  it('finds labels by code', () => {
    expect(labelOf(sexes, 'female')).toEqual({ en: 'Female', zh: '女' });
    expect(labelOf(sexes, 'other')).toBeUndefined();
  });

  it('maps organization types onto IATI organisation type codes', () => {
    for (const type of organizationTypes) expect(type.iati).toMatch(/^\d{2}$/);
  });
});
