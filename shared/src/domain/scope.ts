import type { AnyRecord } from './entities/registry';
import { entityTypeSchema, type EntityType } from './entities/entityTypes';
import { countryCodeSchema, type CountryCode } from './taxonomy/countries';

/**
 * The countries a record belongs to: who may see and edit it, and so which changes travel where. One
 * rule for every replica (the desk's IndexedDB, the server's PostgreSQL, the bundle checker):
 * - an activity belongs to its countries; a record with a country of its own (organization, person,
 *   field report, offer, need) to that country;
 * - a record that hangs off an activity (participation, budget, indicator...) to that activity's countries;
 * - a technology match to its offer's and its need's countries;
 * - a document or an approval to the countries of the record it is about (one level: what they are about
 *   is never itself a document or an approval).
 * A record whose subject is unknown here has no countries: only global roles see it (see access/).
 *
 * The rule is split in two so that each store can fetch what it needs in one batch: `scopeSubject` says
 * which record decides, `scopeReferences` which records that one needs, and `scopeFrom` combines them.
 */
export interface RecordRef {
  entity: EntityType;
  recordId: string;
}

/** The record whose content decides the scope: the record itself, or what a document or approval is about. */
export function scopeSubject(record: AnyRecord): RecordRef | undefined {
  if (record.entity === 'document') return record.attachedTo;
  if (record.entity === 'approval') return record.target;
  return undefined;
}

/** The records the subject's scope reads: its activity, or a match's offer and need. */
export function scopeReferences(subject: AnyRecord): RecordRef[] {
  if (subject.entity === 'activity' || 'country' in subject) return [];
  if (subject.entity === 'technologyMatch')
    return [
      { entity: 'technologyOffer', recordId: subject.offerId },
      { entity: 'technologyNeed', recordId: subject.needId },
    ];
  if ('activityId' in subject) return [{ entity: 'activity', recordId: subject.activityId }];
  return [];
}

/** The subject's countries, given the records `scopeReferences` named (missing ones undefined). */
export function scopeFrom(subject: AnyRecord | undefined, references: readonly (AnyRecord | undefined)[]): CountryCode[] {
  if (!subject) return [];
  if (subject.entity === 'activity') return [...subject.countries];
  if ('country' in subject && subject.country) return [subject.country];
  const countries = new Set<CountryCode>();
  for (const reference of references) {
    if (reference?.entity === 'activity') reference.countries.forEach((country) => countries.add(country));
    else if (reference && 'country' in reference && reference.country) countries.add(reference.country);
  }
  return [...countries];
}

/** A record's merged values, possibly incomplete or invalid (half of a new record may come later). */
export interface RecordValues {
  entity: EntityType;
  recordId: string;
  values: Record<string, unknown>;
}

const isCountry = (value: unknown): value is CountryCode => countryCodeSchema.safeParse(value).success;
const asRef = (value: unknown): RecordRef | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  const { entity, recordId } = value as Record<string, unknown>;
  return entityTypeSchema.safeParse(entity).success && typeof recordId === 'string' ? { entity: entity as EntityType, recordId } : undefined;
};

/**
 * A lenient view of merged values for the scope rule: only the fields it reads, each kept when it has the
 * right shape and dropped otherwise (a record may be half there, or invalid, and still belongs somewhere).
 * The same rule, the same answer, whatever else is wrong with the record.
 */
export function scopeView({ entity, recordId, values }: RecordValues): AnyRecord {
  const view: Record<string, unknown> = { entity, id: recordId };
  if (entity === 'activity') view.countries = Array.isArray(values.countries) ? [...new Set(values.countries.filter(isCountry))] : [];
  if (isCountry(values.country)) view.country = values.country;
  for (const field of ['activityId', 'offerId', 'needId'] as const) if (typeof values[field] === 'string') view[field] = values[field];
  for (const field of ['attachedTo', 'target'] as const) {
    const ref = asRef(values[field]);
    if (ref) view[field] = ref;
  }
  return view as unknown as AnyRecord;
}

/** 0: decides its own countries; 1: reads an activity, offer or need; 2: a document or approval. */
export function scopeLevel(record: RecordValues): 0 | 1 | 2 {
  const view = scopeView(record);
  if (scopeSubject(view)) return 2;
  return scopeReferences(view).length > 0 ? 1 : 0;
}
