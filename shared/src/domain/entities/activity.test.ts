import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { activityKinds } from '../taxonomy/modalities';
import { activitySchema, activityYear } from './activity';
import { activityDetailsSchema } from './activityDetails';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

const valid = exampleRecords.activity;
const withPatch = (patch: Record<string, unknown>) => ({ ...valid, ...patch });

describe('activitySchema', () => {
  it('accepts a complete activity and fills defaults for what was left out', () => {
    expect(problems(activitySchema, valid)).toEqual([]);
    const { description: _d, defaultCurrency: _c, ...bare } = valid;
    const parsed = activitySchema.parse({ ...bare, details: { kind: 'joint-lab' } });
    expect(parsed.description).toEqual({});
    expect(parsed.defaultCurrency).toBe('CNY');
    expect(parsed.details).toEqual({ kind: 'joint-lab', researchLines: [], equipment: [] });
  });

  it('requires a title in at least one language', () => {
    const { title: _title, ...untitled } = valid;
    expect(problems(activitySchema, untitled)).toEqual([{ path: 'title', message: 'v.required' }]);
    expect(problems(activitySchema, withPatch({ title: {} }))).toEqual([{ path: 'title', message: 'v.required' }]);
    expect(problems(activitySchema, withPatch({ title: { en: '   ', zh: '' } }))).toEqual([{ path: 'title', message: 'v.required' }]);
    expect(problems(activitySchema, withPatch({ title: { lo: 'ຫ້ອງທົດລອງຮ່ວມ' } }))).toEqual([]);
  });

  it('refuses a title in a language the program does not write in', () => {
    expect(problems(activitySchema, withPatch({ title: { en: 'Lab', fr: 'Laboratoire' } }))).toContainEqual({ path: 'title', message: 'unrecognized_keys' });
  });

  it('refuses an end date before the start date, planned and actual', () => {
    expect(problems(activitySchema, withPatch({ plannedEnd: '2024-02-29' }))).toEqual([{ path: 'plannedEnd', message: 'v.endBeforeStart' }]);
    expect(problems(activitySchema, withPatch({ actualEnd: '2024-02-01' }))).toEqual([{ path: 'actualEnd', message: 'v.endBeforeStart' }]);
    expect(problems(activitySchema, withPatch({ plannedEnd: '2024-03-01' }))).toEqual([]); // one-day activity
  });

  it('checks dates are real calendar dates', () => {
    expect(problems(activitySchema, withPatch({ plannedStart: '2024-02-30' }))).toContainEqual({ path: 'plannedStart', message: 'v.date' });
    expect(problems(activitySchema, withPatch({ plannedStart: '01/03/2024' }))).toContainEqual({ path: 'plannedStart', message: 'v.date' });
    expect(problems(activitySchema, withPatch({ plannedStart: '2024-02-29', plannedEnd: undefined }))).toEqual([]); // leap day
  });

  it('refuses unknown, duplicate or no countries', () => {
    expect(problems(activitySchema, withPatch({ countries: ['TH', 'XX'] }))).toEqual([{ path: 'countries.1', message: 'v.country' }]);
    expect(problems(activitySchema, withPatch({ countries: ['th'] }))).toEqual([{ path: 'countries.0', message: 'v.country' }]);
    expect(problems(activitySchema, withPatch({ countries: ['TH', 'CN', 'TH'] }))).toEqual([{ path: 'countries', message: 'v.duplicates' }]);
    expect(problems(activitySchema, withPatch({ countries: [] }))).toEqual([{ path: 'countries', message: 'v.atLeastOne' }]);
    expect(problems(activitySchema, withPatch({ countries: ['TL', 'CN'] }))).toEqual([]);
  });

  it('refuses empty, unknown or duplicate priority areas', () => {
    expect(problems(activitySchema, withPatch({ priorityAreas: [] }))).toEqual([{ path: 'priorityAreas', message: 'v.atLeastOne' }]);
    expect(problems(activitySchema, withPatch({ priorityAreas: ['tech/agri'] }))).toEqual([{ path: 'priorityAreas.0', message: 'v.priorityArea' }]);
    expect(problems(activitySchema, withPatch({ priorityAreas: ['policy', 'policy'] }))).toEqual([{ path: 'priorityAreas', message: 'v.duplicates' }]);
    expect(problems(activitySchema, withPatch({ priorityAreas: ['policy', 'tech/space/remote-sensing'] }))).toEqual([]);
  });

  it('refuses details that do not fit the kind', () => {
    expect(problems(activitySchema, withPatch({ details: { kind: 'workshop' } }))).toEqual([{ path: 'details.kind', message: 'v.kind' }]);
    expect(problems(activitySchema, withPatch({ details: {} }))).toEqual([{ path: 'details.kind', message: 'v.kind' }]);
    expect(problems(activitySchema, withPatch({ details: undefined }))).toEqual([{ path: 'details', message: 'v.required' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'training-course', deliveryMode: 'hybrid' } }))).toEqual([
      { path: 'details.deliveryMode', message: 'invalid_value' },
    ]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'forum-event', format: 'blended' } }))).toEqual([{ path: 'details.format', message: 'invalid_value' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'training-course', capacity: 0 } }))).toEqual([{ path: 'details.capacity', message: 'v.positive' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'task-force-mission', expertCount: 2.5 } }))).toEqual([{ path: 'details.expertCount', message: 'v.integer' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'joint-lab', establishedOn: '2024-13-01' } }))).toEqual([{ path: 'details.establishedOn', message: 'v.date' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'technology-transfer-match', matchId: 'match-1' } }))).toEqual([{ path: 'details.matchId', message: 'v.id' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'science-park', areaHectares: -4 } }))).toEqual([{ path: 'details.areaHectares', message: 'v.positive' }]);
    expect(problems(activitySchema, withPatch({ details: { kind: 'policy-consultancy', policyTopics: ['policy/unknown'] } }))).toEqual([
      { path: 'details.policyTopics.0', message: 'v.priorityArea' },
    ]);
  });

  it('has a details schema for every activity kind, each valid with the kind alone', () => {
    for (const { code } of activityKinds) {
      expect(activityDetailsSchema.parse({ kind: code }).kind).toBe(code);
      expect(problems(activitySchema, withPatch({ details: { kind: code } }))).toEqual([]);
    }
  });

  it('refuses an unknown status and an activity that is its own parent', () => {
    expect(problems(activitySchema, withPatch({ status: 'ongoing' }))).toEqual([{ path: 'status', message: 'v.status' }]);
    expect(problems(activitySchema, withPatch({ parentId: valid.id }))).toEqual([{ path: 'parentId', message: 'v.ownParent' }]);
  });

  it('refuses ids that are not UUIDv7 and timestamps that are not ISO instants', () => {
    expect(problems(activitySchema, withPatch({ id: '9b2f6c1e-3d4a-4b5c-8d6e-7f8091a2b3c4' }))).toEqual([{ path: 'id', message: 'v.id' }]);
    expect(problems(activitySchema, withPatch({ id: '018d2a5c-3d4e-7f50-7162-4d6e8f0a2b04' }))).toEqual([{ path: 'id', message: 'v.id' }]); // wrong variant
    expect(problems(activitySchema, withPatch({ createdAt: '2024-01-20' }))).toEqual([{ path: 'createdAt', message: 'v.dateTime' }]);
    expect(problems(activitySchema, withPatch({ createdAt: '2024-01-20T11:00:00+07:00' }))).toEqual([]);
  });

  it('refuses a record of another entity', () => {
    expect(problems(activitySchema, withPatch({ entity: 'organization' }))).toEqual([{ path: 'entity', message: 'invalid_value' }]);
  });

  it('reports every problem at once, cross-field ones included', () => {
    expect(problems(activitySchema, withPatch({ title: undefined, status: 'ongoing', plannedEnd: '2020-01-01' }))).toEqual([
      { path: 'title', message: 'v.required' },
      { path: 'status', message: 'v.status' },
      { path: 'plannedEnd', message: 'v.endBeforeStart' },
    ]);
  });

  it('counts an activity in the year it actually started, else the planned year', () => {
    expect(activityYear({ plannedStart: '2023-12-01', actualStart: '2024-01-15' })).toBe(2024);
    expect(activityYear({ plannedStart: '2023-12-01' })).toBe(2023);
  });
});
