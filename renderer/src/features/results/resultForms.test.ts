import { entitySchemas, type Indicator, type IndicatorPeriod, type Result } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import {
  breakdownFromForm,
  emptyIndicatorForm,
  emptyPeriodForm,
  emptyResultForm,
  indicatorToForm,
  periodErrorField,
  periodToForm,
  resultToForm,
  titleErrorField,
  titleLanguages,
  toIndicatorDraft,
  toPeriodDraft,
  toResultDraft,
} from './resultForms';

const activityId = '0194a3b0-0000-7000-8000-000000000001';
const resultId = '0194a3b0-0000-7000-8000-000000000002';
const indicatorId = '0194a3b0-0000-7000-8000-000000000003';
const system = { id: '0194a3b0-0000-7000-8000-0000000000ff', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };
const valid = (entity: 'result' | 'indicator' | 'indicatorPeriod', draft: object) => entitySchemas[entity].safeParse({ ...draft, ...system, entity });

describe('localized titles', () => {
  it('edits the UI language first, then the other UI language and the local language', () => {
    expect(titleLanguages('zh', '')).toEqual(['zh', 'en']);
    expect(titleLanguages('en', 'th')).toEqual(['en', 'zh', 'th']);
  });

  it('keeps a title in a language the form does not show, and drops blank ones', () => {
    const original: Result = { entity: 'result', ...system, activityId, resultType: 'output', title: { en: 'Trained', vi: 'Đào tạo' }, description: {} };
    const values = { ...resultToForm(original), localLanguage: '' as const, title: { en: ' Trained researchers ', zh: '  ', vi: 'Đào tạo' } };
    expect(toResultDraft(values, original).title).toEqual({ en: 'Trained researchers', vi: 'Đào tạo' });
    expect(resultToForm(original).localLanguage).toBe('vi');
  });

  it('shows a problem with one language of the title on the title', () => {
    expect(titleErrorField('title.en')).toBe('title');
    expect(titleErrorField('resultType')).toBe('resultType');
  });
});

describe('result and indicator forms', () => {
  it('a new result needs a title; with one it is a valid result', () => {
    expect(valid('result', toResultDraft(emptyResultForm(activityId))).success).toBe(false);
    const draft = toResultDraft({ ...emptyResultForm(activityId), resultType: 'outcome', title: { en: 'Researchers trained' } });
    expect(valid('result', draft).success).toBe(true);
    expect(draft).toMatchObject({ activityId, resultType: 'outcome', title: { en: 'Researchers trained' }, description: {} });
  });

  it('an indicator keeps its dimensions in their own order and reads numbers as numbers', () => {
    const draft = toIndicatorDraft({
      ...emptyIndicatorForm(activityId, resultId),
      title: { zh: '培训人数' },
      unit: 'trainees',
      disaggregations: ['country', 'sex'],
      baselineYear: '2024',
      baselineValue: '12.5',
      ascending: false,
    });
    expect(draft).toMatchObject({ activityId, resultId, disaggregations: ['sex', 'country'], baselineYear: 2024, baselineValue: 12.5, ascending: false, unit: 'trainees', measure: 'unit' });
    expect(valid('indicator', draft).success).toBe(true);
  });

  it('round-trips an indicator through the form unchanged', () => {
    const indicator: Indicator = { entity: 'indicator', ...system, activityId, resultId, title: { en: 'Trainees' }, measure: 'unit', unit: 'people', ascending: true, disaggregations: ['sex'], baselineYear: 2023, baselineValue: 0 };
    expect(toIndicatorDraft(indicatorToForm(indicator), indicator)).toEqual({ activityId, resultId, title: { en: 'Trainees' }, measure: 'unit', unit: 'people', ascending: true, disaggregations: ['sex'], baselineYear: 2023, baselineValue: 0 });
  });

  it('leaves a baseline blank as absent, and a typed non-number for the schema to refuse', () => {
    const blank = toIndicatorDraft({ ...emptyIndicatorForm(activityId, resultId), title: { en: 'x' } });
    expect(blank.baselineYear).toBeUndefined();
    const wrong = toIndicatorDraft({ ...emptyIndicatorForm(activityId, resultId), title: { en: 'x' }, baselineValue: 'twelve' });
    expect(valid('indicator', wrong).success).toBe(false);
  });
});

describe('period form and its breakdown', () => {
  it('turns the grid into breakdown entries, leaving blank cells out', () => {
    expect(breakdownFromForm({ 'female|-': { target: '20', actual: '25' }, 'male|-': { target: '', actual: '20' }, 'unspecified|-': { target: '', actual: '' } })).toEqual([
      { sex: 'female', target: 20, actual: 25 },
      { sex: 'male', actual: 20 },
    ]);
  });

  it('makes a valid period with totals and a breakdown, and reads it back into the same form', () => {
    const values = {
      ...emptyPeriodForm(activityId, indicatorId),
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      target: '40',
      actual: '45',
      breakdown: { 'female|TH': { target: '', actual: '25' }, 'male|TH': { target: '', actual: '20' } },
    };
    const draft = toPeriodDraft(values);
    expect(draft).toMatchObject({ target: 40, actual: 45, breakdown: [{ sex: 'female', country: 'TH', actual: 25 }, { sex: 'male', country: 'TH', actual: 20 }] });
    const parsed = valid('indicatorPeriod', draft);
    expect(parsed.success).toBe(true);
    const stored = parsed.data as IndicatorPeriod;
    expect(periodToForm(stored)).toEqual({ ...values, breakdown: { 'female|TH': { target: '', actual: '25' }, 'male|TH': { target: '', actual: '20' } } });
  });

  it('shows any problem inside the grid on the grid', () => {
    expect(periodErrorField('breakdown.1.actual')).toBe('breakdown');
    expect(periodErrorField('periodEnd')).toBe('periodEnd');
  });
});
