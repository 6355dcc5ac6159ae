import { contentLanguages, entityTypes, pickText, type ContentLanguage, type EntityType, type Labels } from '@shared/domain';
import { codeLabelOf, contentLanguageLabels, entityLabels, fieldLabelOf, referenceTargetOf, subfieldLabelOf } from '@shared/domain/fieldLabels';
import { sameContent } from '@shared/records/canonical';
import { formatBytes, formatDate, formatDateTime, formatMoney, formatNumber } from '../../ui/format';
import { shortDevice } from '../../ui/format';

export { shortDevice };

/**
 * Field values as people read them, for a record's history and for conflicts. A change carries raw JSON
 * (codes, ids, ISO dates, objects of texts by language); a reader wants "Lao PDR, China", "1 Mar 2024",
 * the name of the organization an id points to and the title in their own language. Field and code
 * labels come from the shared catalogue (@shared/domain/fieldLabels), one for every kind of record.
 * Pure, so that it is tested without a browser.
 */

/** Words the formatter needs in the reader's language. */
export interface ValueWords {
  yes: string;
  no: string;
  /** No value (null, an empty list, an empty text): "—". */
  empty: string;
  /** The unit of a location's accuracy: "m". */
  metres?: string;
}

export interface ValueContext {
  language: string;
  entity: EntityType;
  words: ValueWords;
  /** The label of a key inside an object value of `field`; the shared catalogue's, else the key itself, when none. */
  keyLabel?: (key: string, field: string) => string;
  /** Labels the caller knows for codes; asked before the shared catalogue. */
  codeLabel?: (field: string, code: string) => string | undefined;
  /** The name of the record an id points to, when this computer has it; "…" and the id's end otherwise. */
  recordName?: (entity: EntityType, id: string) => string | undefined;
}

/** A record an id in a value points to. */
export interface RecordRef {
  entity: EntityType;
  id: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const languageCodes = new Set<string>(contentLanguages);
const entityCodes = new Set<string>(entityTypes);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A label in the reader's language, English when it has none in theirs. */
export const pickLabel = (labels: Labels, language: string): string => labels[language as keyof Labels] || labels.en;

/** Text in several languages ({ en: "…", zh: "…" }): every key a content language, every value a string. */
export function isLocalizedText(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.entries(value).every(([key, text]) => languageCodes.has(key) && typeof text === 'string');
}

/** Money: exactly an amount and a currency. */
function isMoney(value: Record<string, unknown>): value is { amount: number; currency: string } {
  return typeof value.amount === 'number' && typeof value.currency === 'string' && Object.keys(value).length === 2;
}

/** A place: a latitude and a longitude, with the fix's accuracy, where it came from and a name. */
function isLocation(value: Record<string, unknown>): value is { latitude: number; longitude: number; accuracyMeters?: number; source?: string; placeName?: string } {
  return typeof value.latitude === 'number' && typeof value.longitude === 'number';
}

/** A pointer to a record of any kind ({ entity, recordId }: what a document is attached to, what an approval reviews). */
function isRecordPointer(value: Record<string, unknown>): value is { entity: EntityType; recordId: string } {
  return typeof value.entity === 'string' && entityCodes.has(value.entity) && typeof value.recordId === 'string' && Object.keys(value).length === 2;
}

const shortId = (id: string) => `…${id.slice(-8)}`;

function nameOf(target: EntityType, id: string, context: ValueContext): string {
  return context.recordName?.(target, id) || shortId(id);
}

function labelOfCode(key: string, code: string, context: ValueContext): string | undefined {
  const given = context.codeLabel?.(key, code);
  if (given) return given;
  const labels = codeLabelOf(context.entity, key, code);
  return labels ? pickLabel(labels, context.language) : undefined;
}

function formatString(key: string, text: string, context: ValueContext): string {
  if (text === '') return context.words.empty;
  const label = labelOfCode(key, text, context);
  if (label) return label;
  const target = referenceTargetOf(context.entity, key);
  if (target) return nameOf(target, text, context);
  if (isoDate.test(text)) return formatDate(text, context.language);
  if (isoInstant.test(text)) return formatDateTime(text, context.language);
  return text;
}

function formatNumberAt(key: string, value: number, context: ValueContext): string {
  // A year is a name, not a quantity: 1985, never "1,985".
  if (/Year$/.test(key)) return String(value);
  if (key === 'sizeBytes') return formatBytes(value, context.language);
  return formatNumber(value, context.language);
}

/** "Place · 11.56240, 104.91600 ± 15 m (Coordinates typed in)". */
export function formatLocation(
  location: { latitude: number; longitude: number; accuracyMeters?: number; source?: string; placeName?: string },
  context: ValueContext,
): string {
  const coordinates = `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`;
  const accuracy = typeof location.accuracyMeters === 'number' ? ` ± ${formatNumber(Math.round(location.accuracyMeters), context.language)} ${context.words.metres ?? 'm'}` : '';
  const source = typeof location.source === 'string' ? labelOfCode('source', location.source, context) ?? location.source : undefined;
  return [location.placeName, `${coordinates}${accuracy}${source ? ` (${source})` : ''}`].filter(Boolean).join(' · ');
}

function keyLabelOf(key: string, field: string, context: ValueContext): string {
  const given = context.keyLabel?.(key, field);
  if (given !== undefined && given !== key) return given;
  const labels = subfieldLabelOf(context.entity, field, key);
  return labels ? pickLabel(labels, context.language) : key;
}

/** `key` is the name of what holds the value: the field itself, or a key inside the field's object value. */
function formatAt(field: string, key: string, value: unknown, context: ValueContext): string {
  const { words } = context;
  if (value === null || value === undefined) return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return formatNumberAt(key, value, context);
  if (typeof value === 'string') return formatString(key, value, context);
  if (Array.isArray(value)) {
    if (value.length === 0) return words.empty;
    // Items that are objects are read "a · b"; they are set apart with semicolons.
    return value.map((item) => formatAt(field, key, item, context)).join(value.some(isPlainObject) ? '; ' : ', ');
  }
  if (!isPlainObject(value)) return String(value);
  if (isLocalizedText(value)) return pickText(value, context.language).trim() || words.empty;
  if (isMoney(value)) return formatMoney(value.amount, value.currency, context.language);
  if (isLocation(value)) return formatLocation(value, context);
  if (isRecordPointer(value)) return `${pickLabel(entityLabels[value.entity], context.language)}: ${nameOf(value.entity, value.recordId, context)}`;
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  if (entries.length === 0) return words.empty;
  return entries.map(([inner, innerValue]) => `${keyLabelOf(inner, field, context)}: ${formatAt(field, inner, innerValue, context)}`).join(' · ');
}

/** One field's value as a line of text. `field` names the field the value belongs to (it picks the labels of codes and keys). */
export function formatValue(field: string, value: unknown, context: ValueContext): string {
  return formatAt(field, field, value, context);
}

/**
 * Values of one text-by-language field side by side (a change's before and after, a conflict's
 * competing values). Each is read in the reader's language; when that reading is the same on two
 * sides (only the Thai changed, say), the languages that differ are shown instead, by name, so that
 * the difference is never hidden. Undefined when the values are not texts by language.
 */
export function contrastLocalized(values: readonly unknown[], context: ValueContext): string[] | undefined {
  const texts = values.filter((value) => value !== null && value !== undefined);
  if (texts.length < 2 || !texts.every(isLocalizedText)) return undefined;
  const asTexts = values.map((value) => (isLocalizedText(value) ? value : {}));
  const picked = asTexts.map((text) => pickText(text, context.language).trim());
  if (new Set(picked).size === picked.length) return picked.map((text) => text || context.words.empty);
  const languages = contentLanguages.filter((language) => new Set(asTexts.map((text) => (text[language] ?? '').trim())).size > 1);
  return asTexts.map((text) =>
    languages.map((language) => `${pickLabel(contentLanguageLabels[language], context.language)}: ${(text[language] ?? '').trim() || context.words.empty}`).join(' · '),
  );
}

/**
 * Several values of one field, as text, told apart: texts by language by `contrastLocalized`, anything
 * else one by one.
 */
export function formatValues(field: string, values: readonly unknown[], context: ValueContext): string[] {
  return contrastLocalized(values, context) ?? values.map((value) => formatValue(field, value, context));
}

/**
 * An edit of one key of an object-valued field (an activity's kind-specific details) writes the whole
 * object again. Showing both whole objects hides what changed, so keep only the keys that differ.
 * Texts by language stay whole (`contrastLocalized` tells them apart), and so do values read as one
 * (an amount, a location, a pointer to a record).
 */
export function narrowToChanges(previous: unknown, next: unknown): [unknown, unknown] {
  if (!isPlainObject(previous) || !isPlainObject(next) || isLocalizedText(previous) || isLocalizedText(next)) return [previous, next];
  if (isMoney(next) || isLocation(next) || isRecordPointer(next)) return [previous, next];
  const changed = [...new Set([...Object.keys(previous), ...Object.keys(next)])].filter((key) => !sameContent(previous[key], next[key]));
  if (changed.length === 0) return [previous, next];
  const pick = (object: Record<string, unknown>) => Object.fromEntries(changed.filter((key) => key in object).map((key) => [key, object[key]]));
  return [pick(previous), pick(next)];
}

/** The records the ids in a field's value point to, so that their names can be read before the value is shown. */
export function referencesIn(entity: EntityType, field: string, value: unknown): RecordRef[] {
  const found: RecordRef[] = [];
  const visit = (key: string, inner: unknown) => {
    if (typeof inner === 'string') {
      const target = referenceTargetOf(entity, key);
      if (target && inner) found.push({ entity: target, id: inner });
    } else if (Array.isArray(inner)) for (const item of inner) visit(key, item);
    else if (isPlainObject(inner) && !isLocalizedText(inner)) {
      if (isRecordPointer(inner)) found.push({ entity: inner.entity, id: inner.recordId });
      else for (const [innerKey, innerValue] of Object.entries(inner)) visit(innerKey, innerValue);
    }
  };
  // A record's own id is no reference.
  if (field !== 'id') visit(field, value);
  return found;
}

/**
 * A field's name as a person reads it: the shared catalogue's label of the field; for a path into an
 * object value (an issue's `details.venue`, `photos.0.caption`) the field's and the key's. The raw name
 * is the last resort, so that a field from a newer desk still shows up rather than vanishing.
 */
export function fieldNameText(entity: EntityType, field: string, language: string): string {
  const [top = '', ...rest] = field.split('.');
  const topLabel = fieldLabelOf(entity, top);
  const key = [...rest].reverse().find((part) => !/^\d+$/.test(part));
  const topText = topLabel ? pickLabel(topLabel, language) : top;
  if (!key) return rest.length === 0 ? topText : field.replace(top, topText);
  // A text by language's key is a language: "Title › Thai".
  const keyLabel = subfieldLabelOf(entity, top, key) ?? (languageCodes.has(key) ? contentLanguageLabels[key as ContentLanguage] : undefined);
  return `${topText} › ${keyLabel ? pickLabel(keyLabel, language) : key}`;
}

/** Until there is sign-in, changes are attributed to "device:<id>"; shorten such an author like a device. */
export function shortAuthor(author: string): string {
  return author.startsWith('device:') ? `device:${shortDevice(author.slice('device:'.length))}` : author;
}
