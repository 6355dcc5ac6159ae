import { deliveryModes, eventFormats, type ActivityKind, zoneTypes } from '@shared/domain';

/**
 * The kind-specific section of the activity form, described as data: which fields each kind shows and
 * how they are edited. The schemas in shared/ decide what is valid; this only decides the widgets.
 */
export type KindFieldType = 'text' | 'textarea' | 'number' | 'date' | 'list' | 'select' | 'organization' | 'person' | 'activity' | 'technologyMatch' | 'language' | 'policyTopics';

/** Field types whose value is the id of another record (chosen with a record picker, shown as a link). */
export const referenceTypes = ['organization', 'person', 'activity', 'technologyMatch'] as const satisfies readonly KindFieldType[];
export const isReferenceField = (field: KindField) => (referenceTypes as readonly string[]).includes(field.type);

export interface KindField {
  name: string;
  type: KindFieldType;
  options?: readonly string[];
}

export const kindFields: Record<ActivityKind, readonly KindField[]> = {
  'policy-consultancy': [
    { name: 'counterpartAgency', type: 'text' },
    { name: 'policyTopics', type: 'policyTopics' },
    { name: 'deliverables', type: 'textarea' },
  ],
  'task-force-mission': [
    { name: 'hostOrganizationId', type: 'organization' },
    { name: 'missionLeader', type: 'text' },
    { name: 'expertCount', type: 'number' },
    { name: 'missionDays', type: 'number' },
    { name: 'technicalDomain', type: 'text' },
  ],
  'volunteer-assignment': [
    { name: 'volunteerPersonId', type: 'person' },
    { name: 'hostOrganizationId', type: 'organization' },
    { name: 'field', type: 'text' },
    { name: 'durationMonths', type: 'number' },
  ],
  'training-center': [
    { name: 'hostOrganizationId', type: 'organization' },
    { name: 'location', type: 'text' },
    { name: 'trainingFields', type: 'list' },
  ],
  'training-course': [
    { name: 'trainingCenterId', type: 'activity' },
    { name: 'venue', type: 'text' },
    { name: 'deliveryMode', type: 'select', options: deliveryModes },
    { name: 'courseLanguage', type: 'language' },
    { name: 'capacity', type: 'number' },
    { name: 'durationDays', type: 'number' },
  ],
  fellowship: [
    { name: 'fellowPersonId', type: 'person' },
    { name: 'hostInstitutionId', type: 'organization' },
    { name: 'researchTopic', type: 'text' },
    { name: 'durationMonths', type: 'number' },
  ],
  'joint-research-project': [
    { name: 'objectives', type: 'textarea' },
    { name: 'chineseLeadOrganizationId', type: 'organization' },
    { name: 'aseanLeadOrganizationId', type: 'organization' },
    { name: 'intellectualProperty', type: 'textarea' },
  ],
  'joint-lab': [
    { name: 'chineseHostId', type: 'organization' },
    { name: 'aseanHostId', type: 'organization' },
    { name: 'establishedOn', type: 'date' },
    { name: 'researchLines', type: 'list' },
    { name: 'equipment', type: 'list' },
  ],
  'science-park': [
    { name: 'zoneType', type: 'select', options: zoneTypes },
    { name: 'location', type: 'text' },
    { name: 'areaHectares', type: 'number' },
    { name: 'enterprisesHosted', type: 'number' },
    { name: 'technologiesDemonstrated', type: 'list' },
  ],
  'technology-transfer-match': [
    { name: 'matchId', type: 'technologyMatch' },
    { name: 'sector', type: 'text' },
  ],
  'forum-event': [
    { name: 'venue', type: 'text' },
    { name: 'format', type: 'select', options: eventFormats },
    { name: 'edition', type: 'text' },
    { name: 'expectedAttendance', type: 'number' },
  ],
};
