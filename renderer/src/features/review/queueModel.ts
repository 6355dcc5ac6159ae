import { pickText, type AnyRecord, type EntityType, type LocalizedText } from '@shared/domain';
import { personName } from '../../db/people';
import { recordKey } from '../../db/workflow';

/** The page where a reviewable record is seen (and reviewed, in its workflow panel). */
export function recordPath(entity: EntityType, recordId: string): string | undefined {
  switch (entity) {
    case 'activity':
      return `/activities/${recordId}`;
    case 'fieldReport':
      return `/field-reports/${recordId}`;
    case 'organization':
      return `/organizations/${recordId}`;
    case 'person':
      return `/people/${recordId}`;
    case 'technologyOffer':
      return `/technology/offers/${recordId}`;
    case 'technologyNeed':
      return `/technology/needs/${recordId}`;
    case 'technologyMatch':
      return `/technology/matches/${recordId}`;
    default:
      return undefined;
  }
}

const text = (value: LocalizedText | undefined, language: string) => (value ? pickText(value, language) : '');

/**
 * A record as a reviewer knows it: an activity, offer or need by its title, an organization by its name,
 * a person by their names, a field report by its activity and visit date (`visit` formats that line).
 */
export function recordTitle(record: AnyRecord | undefined, records: ReadonlyMap<string, AnyRecord>, language: string, visit: (activity: string, date: string) => string): string {
  if (!record) return '';
  switch (record.entity) {
    case 'activity':
    case 'technologyOffer':
    case 'technologyNeed':
      return text(record.title, language);
    case 'organization':
      return text(record.name, language);
    case 'person':
      return personName(record);
    case 'fieldReport': {
      const activity = records.get(recordKey('activity', record.activityId));
      return visit(activity?.entity === 'activity' ? text(activity.title, language) : '', record.visitDate);
    }
    default:
      return '';
  }
}
