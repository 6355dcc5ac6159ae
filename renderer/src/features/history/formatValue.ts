import {
  activityStatuses,
  contentLanguages,
  findActivityKind,
  findCountry,
  findPriorityArea,
  labelOf,
  organizationTypes,
  participationRoles,
  partnerSides,
  personRoles,
  sexes,
  type EntityType,
  type Labels,
} from '@shared/domain';
import { sameContent } from '@shared/records/canonical';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../ui/format';
import { shortDevice } from '../../ui/format';

export { shortDevice };

/**
 * Field values as people read them, for a record's history and for conflicts. A change carries raw JSON
 * (codes, ISO dates, objects of texts by language); a reader wants "Lao PDR, China", "1 Mar 2024" and
 * "en: … · zh: …". Pure, so that it is tested without a browser.
 */

/** Words the formatter needs in the reader's language. */
export interface ValueWords {
  yes: string;
  no: string;
  /** No value (null, an empty list, an empty text): "—". */
  empty: string;
}

export interface ValueContext {
  language: string;
  entity: EntityType;
  words: ValueWords;
  /** The label of a key inside an object value (details.kind → "Kind of activity"); the key itself when none. */
  keyLabel?: (key: string) => string;
  /** Labels the caller knows for codes (translated form options); asked before the shared taxonomies. */
  codeLabel?: (field: string, code: string) => string | undefined;
}

type Lookup = (code: string) => Labels | undefined;

/** Codes of the shared taxonomies, by field name, wherever the field appears. */
const anyEntityCodes: Record<string, Lookup> = {
  countries: (code) => findCountry(code)?.label,
  country: (code) => findCountry(code)?.label,
  nationality: (code) => findCountry(code)?.label,
  priorityAreas: (code) => findPriorityArea(code)?.label,
  policyTopics: (code) => findPriorityArea(code)?.label,
  kind: (code) => findActivityKind(code)?.label,
};

/** Field names that mean different things in different records ("status", "role"), by entity. */
const entityCodes: Partial<Record<EntityType, Record<string, Lookup>>> = {
  activity: { status: (code) => labelOf(activityStatuses, code) },
  organization: { type: (code) => labelOf(organizationTypes, code) },
  person: { sex: (code) => labelOf(sexes, code), roles: (code) => labelOf(personRoles, code) },
  participatingOrganization: { role: (code) => labelOf(participationRoles, code), side: (code) => labelOf(partnerSides, code) },
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const languageCodes = new Set<string>(contentLanguages);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text in several languages ({ en: "…", zh: "…" }): every key a content language, every value a string. */
export function isLocalizedText(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.entries(value).every(([key, text]) => languageCodes.has(key) && typeof text === 'string');
}

function labelOfCode(field: string, code: string, context: ValueContext): string | undefined {
  const given = context.codeLabel?.(field, code);
  if (given) return given;
  const labels = (entityCodes[context.entity]?.[field] ?? anyEntityCodes[field])?.(code);
  return labels ? labels[context.language as keyof Labels] || labels.en : undefined;
}

function formatString(field: string, text: string, context: ValueContext): string {
  if (text === '') return context.words.empty;
  const label = labelOfCode(field, text, context);
  if (label) return label;
  if (isoDate.test(text)) return formatDate(text, context.language);
  if (isoInstant.test(text)) return formatDateTime(text, context.language);
  return text;
}

/** One field's value as a line of text. `field` names the field the value belongs to (it picks the labels of codes). */
export function formatValue(field: string, value: unknown, context: ValueContext): string {
  const { words } = context;
  if (value === null || value === undefined) return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return formatNumber(value, context.language);
  if (typeof value === 'string') return formatString(field, value, context);
  if (Array.isArray(value)) return value.length === 0 ? words.empty : value.map((item) => formatValue(field, item, context)).join(', ');
  if (!isPlainObject(value)) return String(value);
  if (isLocalizedText(value)) {
    const texts = Object.entries(value).filter(([, text]) => text.trim() !== '');
    return texts.length === 0 ? words.empty : texts.map(([language, text]) => `${language}: ${text}`).join(' · ');
  }
  if (typeof value.amount === 'number' && typeof value.currency === 'string' && Object.keys(value).length === 2) {
    return formatMoney(value.amount, value.currency, context.language);
  }
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  if (entries.length === 0) return words.empty;
  return entries.map(([key, inner]) => `${context.keyLabel?.(key) ?? key}: ${formatValue(key, inner, context)}`).join(' · ');
}

/**
 * An edit of one key of an object-valued field (an activity's kind-specific details) writes the whole
 * object again. Showing both whole objects hides what changed, so keep only the keys that differ.
 * Texts by language stay whole: "en: … · zh: …" reads better than half of it.
 */
export function narrowToChanges(previous: unknown, next: unknown): [unknown, unknown] {
  if (!isPlainObject(previous) || !isPlainObject(next) || isLocalizedText(previous) || isLocalizedText(next)) return [previous, next];
  const changed = [...new Set([...Object.keys(previous), ...Object.keys(next)])].filter((key) => !sameContent(previous[key], next[key]));
  if (changed.length === 0) return [previous, next];
  const pick = (object: Record<string, unknown>) => Object.fromEntries(changed.filter((key) => key in object).map((key) => [key, object[key]]));
  return [pick(previous), pick(next)];
}

/** Until there is sign-in, changes are attributed to "device:<id>"; shorten such an author like a device. */
export function shortAuthor(author: string): string {
  return author.startsWith('device:') ? `device:${shortDevice(author.slice('device:'.length))}` : author;
}
