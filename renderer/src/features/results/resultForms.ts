import type { ContentLanguage, Indicator, IndicatorPeriod, Result } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined as blank, compactLocalizedText, editedLanguages, localLanguageOf } from '../../ui/formValues';
import { typedNumber } from '../finance/financeForms';
import { cellKey, parseCellKey } from './breakdownGrid';

type Text = Partial<Record<ContentLanguage, string>>;

/**
 * The languages a title is edited in, the reader's UI language first (the one input everyone fills),
 * then the other UI language and the chosen local language (optional).
 */
export function titleLanguages(uiLanguage: string, localLanguage: ContentLanguage | ''): ContentLanguage[] {
  const languages = editedLanguages(localLanguage);
  const first = languages.find((l) => l === uiLanguage) ?? 'en';
  return [first, ...languages.filter((l) => l !== first)];
}

/** Texts in the languages the form edits, and those the stored record already had (which survive an edit). */
const keptText = (text: Text, localLanguage: ContentLanguage | '', original: Text | undefined): Text =>
  compactLocalizedText(text, [...new Set([...editedLanguages(localLanguage), ...(Object.keys(original ?? {}) as ContentLanguage[])])]);

/** A problem with one language of a title (too long) shows on the title. */
export const titleErrorField = (path: string) => (path.startsWith('title.') ? 'title' : path.startsWith('description.') ? 'description' : path);

export interface ResultFormValues {
  activityId: string;
  resultType: string;
  title: Text;
  description: Text;
  localLanguage: ContentLanguage | '';
}

export const emptyResultForm = (activityId: string): ResultFormValues => ({ activityId, resultType: 'output', title: {}, description: {}, localLanguage: '' });

export const resultToForm = (r: Result): ResultFormValues => ({
  activityId: r.activityId,
  resultType: r.resultType,
  title: { ...r.title },
  description: { ...r.description },
  localLanguage: localLanguageOf({ ...r.title, ...r.description }),
});

export const toResultDraft = (values: ResultFormValues, original?: Result): Draft<'result'> => ({
  activityId: values.activityId,
  resultType: values.resultType as Result['resultType'],
  title: keptText(values.title, values.localLanguage, original?.title),
  description: keptText(values.description, values.localLanguage, original?.description),
});

export interface IndicatorFormValues {
  activityId: string;
  resultId: string;
  title: Text;
  localLanguage: ContentLanguage | '';
  measure: string;
  unit: string;
  ascending: boolean;
  disaggregations: Indicator['disaggregations'];
  baselineYear: string;
  baselineValue: string;
}

export const emptyIndicatorForm = (activityId: string, resultId: string): IndicatorFormValues => ({
  activityId,
  resultId,
  title: {},
  localLanguage: '',
  measure: 'unit',
  unit: '',
  ascending: true,
  disaggregations: [],
  baselineYear: '',
  baselineValue: '',
});

export const indicatorToForm = (i: Indicator): IndicatorFormValues => ({
  activityId: i.activityId,
  resultId: i.resultId,
  title: { ...i.title },
  localLanguage: localLanguageOf(i.title),
  measure: i.measure,
  unit: i.unit ?? '',
  ascending: i.ascending,
  disaggregations: [...i.disaggregations],
  baselineYear: i.baselineYear === undefined ? '' : String(i.baselineYear),
  baselineValue: i.baselineValue === undefined ? '' : String(i.baselineValue),
});

export const toIndicatorDraft = (values: IndicatorFormValues, original?: Indicator): Draft<'indicator'> => ({
  activityId: values.activityId,
  resultId: values.resultId,
  title: keptText(values.title, values.localLanguage, original?.title),
  measure: values.measure as Indicator['measure'],
  unit: blank(values.unit),
  ascending: values.ascending,
  // In the dimensions' own order, whatever order they were ticked in.
  disaggregations: (['sex', 'country'] as const).filter((d) => values.disaggregations.includes(d)),
  baselineYear: typedNumber(values.baselineYear),
  baselineValue: typedNumber(values.baselineValue),
});

/** A breakdown cell as typed. */
export interface CellValues {
  target: string;
  actual: string;
}

export interface PeriodFormValues {
  activityId: string;
  indicatorId: string;
  periodStart: string;
  periodEnd: string;
  target: string;
  actual: string;
  comment: string;
  /** By cell key (`female|TH`). */
  breakdown: Record<string, CellValues>;
}

export const emptyPeriodForm = (activityId: string, indicatorId: string): PeriodFormValues => ({
  activityId,
  indicatorId,
  periodStart: '',
  periodEnd: '',
  target: '',
  actual: '',
  comment: '',
  breakdown: {},
});

const typed = (value: number | undefined) => (value === undefined ? '' : String(value));

export const periodToForm = (p: IndicatorPeriod): PeriodFormValues => ({
  activityId: p.activityId,
  indicatorId: p.indicatorId,
  periodStart: p.periodStart,
  periodEnd: p.periodEnd,
  target: typed(p.target),
  actual: typed(p.actual),
  comment: p.comment ?? '',
  breakdown: Object.fromEntries(p.breakdown.map((entry) => [cellKey(entry), { target: typed(entry.target), actual: typed(entry.actual) }])),
});

/** The breakdown entries of the grid: one per cell with a target or an actual, blank cells left out. */
export function breakdownFromForm(cells: Record<string, CellValues>): IndicatorPeriod['breakdown'] {
  const entries: IndicatorPeriod['breakdown'] = [];
  for (const [key, { target, actual }] of Object.entries(cells)) {
    const entry = { ...parseCellKey(key), target: typedNumber(target), actual: typedNumber(actual) };
    if (entry.target === undefined && entry.actual === undefined) continue;
    if (entry.target === undefined) delete entry.target;
    if (entry.actual === undefined) delete entry.actual;
    entries.push(entry);
  }
  return entries;
}

export const toPeriodDraft = (values: PeriodFormValues): Draft<'indicatorPeriod'> => ({
  activityId: values.activityId,
  indicatorId: values.indicatorId,
  periodStart: values.periodStart,
  periodEnd: values.periodEnd,
  target: typedNumber(values.target),
  actual: typedNumber(values.actual),
  comment: blank(values.comment),
  breakdown: breakdownFromForm(values.breakdown),
});

/** Any problem inside the grid shows on the grid. */
export const periodErrorField = (path: string) => (path.startsWith('breakdown') ? 'breakdown' : path);
