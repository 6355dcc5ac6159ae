import { z } from 'zod';
import { contentLanguageSchema, isoDateSchema } from '../common';
import { priorityAreaCodeSchema } from '../taxonomy/priorityAreas';
import { nonNegativeInt, optionalText, positiveInt, recordIdSchema } from './base';

/**
 * What each kind of activity records beyond the common fields. One schema per kind, told apart by
 * `kind`: the form shows the section of the chosen kind, and the modality follows from the kind.
 */
const textList = z.array(z.string().trim().min(1).max(300)).max(50);

export const policyConsultancyDetails = z.object({
  kind: z.literal('policy-consultancy'),
  counterpartAgency: optionalText(300),
  policyTopics: z.array(priorityAreaCodeSchema).default([]),
  deliverables: optionalText(2000),
});

export const taskForceMissionDetails = z.object({
  kind: z.literal('task-force-mission'),
  hostOrganizationId: recordIdSchema.optional(),
  missionLeader: optionalText(200),
  expertCount: positiveInt().optional(),
  missionDays: positiveInt().optional(),
  technicalDomain: optionalText(300),
});

export const volunteerAssignmentDetails = z.object({
  kind: z.literal('volunteer-assignment'),
  volunteerPersonId: recordIdSchema.optional(),
  hostOrganizationId: recordIdSchema.optional(),
  field: optionalText(300),
  durationMonths: positiveInt().optional(),
});

export const trainingCenterDetails = z.object({
  kind: z.literal('training-center'),
  hostOrganizationId: recordIdSchema.optional(),
  location: optionalText(300),
  trainingFields: textList.default([]),
});

export const deliveryModes = ['in-person', 'online', 'blended'] as const;
export const trainingCourseDetails = z.object({
  kind: z.literal('training-course'),
  /** The training center (itself an activity) that runs the course. */
  trainingCenterId: recordIdSchema.optional(),
  venue: optionalText(300),
  deliveryMode: z.enum(deliveryModes).default('in-person'),
  courseLanguage: contentLanguageSchema.optional(),
  capacity: positiveInt().optional(),
  durationDays: positiveInt().optional(),
});

export const fellowshipDetails = z.object({
  kind: z.literal('fellowship'),
  fellowPersonId: recordIdSchema.optional(),
  /** The Chinese institution hosting the ASEAN scientist. */
  hostInstitutionId: recordIdSchema.optional(),
  researchTopic: optionalText(500),
  durationMonths: positiveInt().optional(),
});

export const jointResearchProjectDetails = z.object({
  kind: z.literal('joint-research-project'),
  objectives: optionalText(4000),
  chineseLeadOrganizationId: recordIdSchema.optional(),
  aseanLeadOrganizationId: recordIdSchema.optional(),
  intellectualProperty: optionalText(2000),
});

export const jointLabDetails = z.object({
  kind: z.literal('joint-lab'),
  chineseHostId: recordIdSchema.optional(),
  aseanHostId: recordIdSchema.optional(),
  establishedOn: isoDateSchema.optional(),
  researchLines: textList.default([]),
  equipment: textList.default([]),
});

export const zoneTypes = ['science-park', 'demonstration-zone'] as const;
export const scienceParkDetails = z.object({
  kind: z.literal('science-park'),
  zoneType: z.enum(zoneTypes).default('science-park'),
  location: optionalText(300),
  areaHectares: z.number().positive({ error: 'v.positive' }).optional(),
  enterprisesHosted: nonNegativeInt().optional(),
  technologiesDemonstrated: textList.default([]),
});

export const technologyTransferMatchDetails = z.object({
  kind: z.literal('technology-transfer-match'),
  /** The technology match this activity follows up. */
  matchId: recordIdSchema.optional(),
  sector: optionalText(300),
});

export const eventFormats = ['in-person', 'online', 'hybrid'] as const;
export const forumEventDetails = z.object({
  kind: z.literal('forum-event'),
  venue: optionalText(300),
  format: z.enum(eventFormats).default('in-person'),
  edition: optionalText(100),
  expectedAttendance: positiveInt().optional(),
});

export const activityDetailsSchema = z.discriminatedUnion('kind', [
  policyConsultancyDetails,
  taskForceMissionDetails,
  volunteerAssignmentDetails,
  trainingCenterDetails,
  trainingCourseDetails,
  fellowshipDetails,
  jointResearchProjectDetails,
  jointLabDetails,
  scienceParkDetails,
  technologyTransferMatchDetails,
  forumEventDetails,
], {
  // No details at all is "required"; a `kind` that is none of the kinds above is "v.kind".
  error: (issue) => (issue.input === undefined ? 'v.required' : issue.code === 'invalid_union' ? 'v.kind' : undefined),
});
export type ActivityDetails = z.infer<typeof activityDetailsSchema>;
