import { countries, type Activity, type ActivityKind, type ContentLanguage } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined, compactLocalizedText, editedLanguages, localLanguageOf } from '../../ui/formValues';
import { kindFields } from './kindFields';

/**
 * What the form holds while a person types: strings as typed, so nothing they entered is lost when
 * validation fails. `toActivityDraft` turns it into a draft for the write path to validate.
 */
export interface ActivityFormValues {
  kind: ActivityKind | '';
  title: Partial<Record<ContentLanguage, string>>;
  description: Partial<Record<ContentLanguage, string>>;
  /** A third language for title and description, besides English and Chinese. */
  localLanguage: ContentLanguage | '';
  status: string;
  countries: string[];
  priorityAreas: string[];
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  parentId: string;
  iatiIdentifier: string;
  defaultCurrency: string;
  /** Kind-specific fields: strings, lists as one item per line. */
  details: Record<string, string>;
}

export function emptyActivityForm(): ActivityFormValues {
  return {
    kind: '',
    title: {},
    description: {},
    localLanguage: '',
    status: 'pipeline',
    countries: [],
    priorityAreas: [],
    plannedStart: '',
    plannedEnd: '',
    actualStart: '',
    actualEnd: '',
    parentId: '',
    iatiIdentifier: '',
    defaultCurrency: 'CNY',
    details: {},
  };
}

export function activityToForm(activity: Activity): ActivityFormValues {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(activity.details)) {
    if (key === 'kind' || value === undefined) continue;
    details[key] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  return {
    kind: activity.details.kind,
    title: { ...activity.title },
    description: { ...activity.description },
    localLanguage: localLanguageOf(activity.title),
    status: activity.status,
    countries: [...activity.countries],
    priorityAreas: [...activity.priorityAreas],
    plannedStart: activity.plannedStart,
    plannedEnd: activity.plannedEnd ?? '',
    actualStart: activity.actualStart ?? '',
    actualEnd: activity.actualEnd ?? '',
    parentId: activity.parentId ?? '',
    iatiIdentifier: activity.iatiIdentifier ?? '',
    defaultCurrency: activity.defaultCurrency,
    details,
  };
}

/** The languages the form edits: English, Chinese, and the chosen local language. */
export function formLanguages(values: Pick<ActivityFormValues, 'localLanguage'>): ContentLanguage[] {
  return editedLanguages(values.localLanguage);
}

/** The local language to offer first: the first chosen country's own language. */
export function suggestedLocalLanguage(countryCodes: readonly string[]): ContentLanguage | '' {
  for (const code of countryCodes) {
    const language = countries.find((c) => c.code === code)?.languages.find((l) => l !== 'en' && l !== 'zh');
    if (language) return language;
  }
  return '';
}

/**
 * The draft to save. Built on top of the stored activity (`original`), so what the form does not show
 * survives an edit: a title in a second local language, a detail no widget edits (a match link).
 */
export function toActivityDraft(values: ActivityFormValues, original?: Activity): Draft<'activity'> {
  const languages = [...new Set([...formLanguages(values), ...(Object.keys(original?.title ?? {}) as ContentLanguage[]), ...(Object.keys(original?.description ?? {}) as ContentLanguage[])])];
  const details: Record<string, unknown> = original?.details.kind === values.kind ? { ...original.details } : { kind: values.kind };
  for (const field of values.kind ? kindFields[values.kind] : []) {
    const raw = values.details[field.name] ?? '';
    if (field.type === 'list') details[field.name] = raw.split('\n').map((line) => line.trim()).filter(Boolean);
    else if (field.type === 'policyTopics') details[field.name] = raw ? raw.split('\n').filter(Boolean) : [];
    // A number field keeps what was typed when it is not a number, so the schema can say so.
    else if (field.type === 'number') details[field.name] = raw.trim() === '' ? undefined : Number.isNaN(Number(raw)) ? raw : Number(raw);
    else details[field.name] = blankToUndefined(raw);
  }
  return {
    title: compactLocalizedText(values.title, languages),
    description: compactLocalizedText(values.description, languages),
    details: details as Draft<'activity'>['details'],
    status: values.status as Activity['status'],
    countries: values.countries as Activity['countries'],
    priorityAreas: values.priorityAreas,
    plannedStart: values.plannedStart,
    plannedEnd: blankToUndefined(values.plannedEnd),
    actualStart: blankToUndefined(values.actualStart),
    actualEnd: blankToUndefined(values.actualEnd),
    parentId: blankToUndefined(values.parentId),
    iatiIdentifier: blankToUndefined(values.iatiIdentifier),
    defaultCurrency: values.defaultCurrency.trim().toUpperCase(),
  };
}
