import { activitySchema, newRecordId, type Activity } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import { activityToForm, toActivityDraft } from './activityForm';

const stored: Activity = activitySchema.parse({
  entity: 'activity',
  id: newRecordId(),
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  title: { en: 'Technology transfer: solar dryers', zh: '太阳能干燥技术转移', th: 'การถ่ายทอดเทคโนโลยี', lo: 'ການຖ່າຍທອດເຕັກໂນໂລຊີ' },
  details: { kind: 'technology-transfer-match', matchId: newRecordId(), sector: 'Agro-processing' },
  status: 'implementation',
  countries: ['TH', 'LA', 'CN'],
  priorityAreas: ['tech/agriculture/agro-processing'],
  plannedStart: '2025-02-01',
});

describe('the activity form keeps what it does not show', () => {
  it('an edit keeps a detail without a widget and a title in a second local language', () => {
    const values = activityToForm(stored);
    const draft = toActivityDraft({ ...values, details: { ...values.details, sector: 'Food processing' } }, stored);
    expect(draft.details).toMatchObject({ kind: 'technology-transfer-match', matchId: stored.details.kind === 'technology-transfer-match' ? stored.details.matchId : '', sector: 'Food processing' });
    expect(draft.title).toEqual(stored.title);
  });

  it('changing the kind drops the old kind’s details', () => {
    const values = activityToForm(stored);
    const draft = toActivityDraft({ ...values, kind: 'forum-event', details: {} }, stored);
    expect(draft.details).toEqual({ kind: 'forum-event', venue: undefined, format: undefined, edition: undefined, expectedAttendance: undefined });
  });

  it('keeps a number field as typed when it is not a number, so the schema can say so', () => {
    const values = { ...activityToForm(stored), kind: 'training-course' as const, details: { capacity: 'twenty' } };
    expect(toActivityDraft(values).details).toMatchObject({ capacity: 'twenty' });
  });
});
