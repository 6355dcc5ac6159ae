import { pickText, type Activity, type ActivityKind, type TechnologyMatch, type TechnologyNeed, type TechnologyOffer } from '@shared/domain';
import { tableOf } from './database';
import { organizationName } from './reads';
import type { RecordChange } from './repository';
import { getStore } from './store';
import { personName } from './people';
import { matchLabel } from './technology';

/** A record an activity's details name: what to call it and where to see it (undefined when it is not on this computer). */
export interface ActivityReference {
  name: string;
  path: string;
  found: boolean;
}

/** The kinds of record a kind-specific detail can name, by how the field is edited. */
export type ReferenceType = 'organization' | 'person' | 'activity' | 'technologyMatch';

export interface ActivityDetail {
  activity: Activity;
  /** Names and pages of the records the details and the parent name, by id. */
  references: Record<string, ActivityReference>;
  /** Activities under this one (parentId). */
  children: Activity[];
  /** A training center's courses: training courses whose details name this center. */
  courses: Activity[];
  /** A technology-transfer activity's match, with its two sides. */
  match: { match: TechnologyMatch; offer: TechnologyOffer | undefined; need: TechnologyNeed | undefined } | undefined;
}

/** Activities whose kind is `kind` and whose details name `id` in `field` (courses of a center, follow-ups of a match). */
export function activitiesNaming(kind: ActivityKind, field: string, id: string): Promise<Activity[]> {
  return tableOf(getStore().db, 'activity')
    .where('details.kind')
    .equals(kind)
    .filter((activity) => (activity.details as Record<string, unknown>)[field] === id)
    .toArray();
}

async function reference(type: ReferenceType, id: string, language: string, unknownMatch: string): Promise<ActivityReference> {
  const { db } = getStore();
  switch (type) {
    case 'organization': {
      const organization = await tableOf(db, 'organization').get(id);
      return { name: organizationName(organization, language), path: `/organizations/${id}`, found: Boolean(organization) };
    }
    case 'person': {
      const person = await tableOf(db, 'person').get(id);
      return { name: personName(person), path: `/people/${id}`, found: Boolean(person) };
    }
    case 'activity': {
      const activity = await tableOf(db, 'activity').get(id);
      return { name: pickText(activity?.title, language), path: `/activities/${id}`, found: Boolean(activity) };
    }
    case 'technologyMatch': {
      const match = await tableOf(db, 'technologyMatch').get(id);
      const [offer, need] = match ? await Promise.all([tableOf(db, 'technologyOffer').get(match.offerId), tableOf(db, 'technologyNeed').get(match.needId)]) : [];
      return { name: match ? matchLabel(offer, need, language, unknownMatch) : '', path: `/technology/matches/${id}`, found: Boolean(match) };
    }
  }
}

/**
 * Everything the activity detail page shows besides the sections other features own: the activity,
 * the records its details name, its sub-activities, and the records that hang off it by kind.
 */
export async function readActivityDetail(
  id: string,
  /** The kind-specific fields of an activity, with how each is edited (the feature's kindFields). */
  fieldsOf: (activity: Activity) => readonly { name: string; type: string }[],
  language: string,
  unknownMatch: string,
): Promise<ActivityDetail | undefined> {
  const { db } = getStore();
  const activity = await tableOf(db, 'activity').get(id);
  if (!activity) return undefined;
  const fields = fieldsOf(activity);
  const details = activity.details as Record<string, unknown>;
  const wanted: [string, ReferenceType][] = fields
    .filter((field): field is { name: string; type: ReferenceType } => ['organization', 'person', 'activity', 'technologyMatch'].includes(field.type))
    .map((field) => [details[field.name], field.type] as const)
    .filter((pair): pair is [string, ReferenceType] => typeof pair[0] === 'string');
  if (activity.parentId) wanted.push([activity.parentId, 'activity']);

  const kind = activity.details.kind;
  const matchId = activity.details.kind === 'technology-transfer-match' ? activity.details.matchId : undefined;
  const [resolved, children, courses, match] = await Promise.all([
    Promise.all(wanted.map(([refId, type]) => reference(type, refId, language, unknownMatch))),
    tableOf(db, 'activity').where('parentId').equals(id).toArray(),
    kind === 'training-center' ? activitiesNaming('training-course', 'trainingCenterId', id) : Promise.resolve([]),
    matchId ? tableOf(db, 'technologyMatch').get(matchId) : Promise.resolve(undefined),
  ]);
  const [offer, need] = match ? await Promise.all([tableOf(db, 'technologyOffer').get(match.offerId), tableOf(db, 'technologyNeed').get(match.needId)]) : [];
  const references: Record<string, ActivityReference> = {};
  wanted.forEach(([refId], i) => (references[refId] = resolved[i] as ActivityReference));
  const byStart = (a: Activity, b: Activity) => (a.plannedStart < b.plannedStart ? 1 : a.plannedStart > b.plannedStart ? -1 : 0);
  return { activity, references, children: children.sort(byStart), courses: courses.sort(byStart), match: match ? { match, offer, need } : undefined };
}

/** Changes that can alter an activity's detail page: nearly any record it names or that names it. */
export const affectsActivityDetail = (changes: RecordChange[]) =>
  changes.some((change) => ['activity', 'organization', 'person', 'technologyMatch', 'technologyOffer', 'technologyNeed'].includes(change.entity));
