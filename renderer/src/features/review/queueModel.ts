import { pickText, type AnyRecord, type LocalizedText } from '@shared/domain';
import { personName } from '../../db/people';
import { recordKey } from '../../db/workflow';

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
