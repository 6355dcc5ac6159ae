import 'fake-indexeddb/auto';
import type { Principal } from '@shared/access/rules';
import { newRecordId, type Approval, type EntityType, type UserRole } from '@shared/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, tableOf, type RecordMeta, type StepDatabase } from './database';
import { approvalsOf, queueRecords, reviewCount, reviewQueue, submissionContext, waitingRecords, workflowStatusOf } from './workflow';

let db: StepDatabase;
beforeEach(async () => {
  db = openStepDatabase(`workflow-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const officer: Principal = { userId: 'u-somchai', role: 'field-officer', countries: ['TH'] };
const nok: Principal = { userId: 'u-nok', role: 'national-coordinator', countries: ['TH'] };
const lan: Principal = { userId: 'u-lan', role: 'national-coordinator', countries: ['VN'] };
const secretariat: Principal = { userId: 'u-sec', role: 'secretariat', countries: [] };
const admin: Principal = { userId: 'u-admin', role: 'admin', countries: [] };

/** A record as the merge knows it: on this computer, in these countries. */
function meta(entity: EntityType, recordId: string, scope: string[], extra: Partial<RecordMeta> = {}): RecordMeta {
  return { entity, recordId, deleted: false, stamps: {}, scope, updatedAt: '2025-01-01T00:00:00.000Z', ...extra };
}

let clock = Date.parse('2025-05-01T08:00:00.000Z');
function step(entity: EntityType, recordId: string, action: Approval['action'], actorRole: UserRole, extra: Partial<Approval> = {}): Approval {
  clock += 60_000;
  const at = new Date(clock).toISOString();
  return {
    entity: 'approval',
    id: newRecordId(),
    createdAt: at,
    updatedAt: at,
    target: { entity, recordId },
    action,
    actorUserId: `u-${actorRole}`,
    actorRole,
    at,
    ...(action === 'return' ? { comment: 'Please add the photos' } : {}),
    ...extra,
  };
}

async function store(metas: RecordMeta[], approvals: Approval[]) {
  await db.recordMeta.bulkPut(metas);
  await tableOf(db, 'approval').bulkPut(approvals);
}

const ids = (groups: Awaited<ReturnType<typeof reviewQueue>>) => groups.map((group) => ({ state: group.state, kinds: group.kinds.map((kind) => ({ entity: kind.entity, ids: kind.items.map((item) => item.recordId) })) }));

describe('the review queue, folded from the approvals table', () => {
  const [thReport, thReportLater, thActivity, vnActivity, approvedReport, returnedReport, draftActivity, deletedReport, resubmitted] = Array.from({ length: 9 }, () => newRecordId()) as [string, string, string, string, string, string, string, string, string];

  beforeEach(async () => {
    await store(
      [
        meta('fieldReport', thReport, ['TH']),
        meta('fieldReport', thReportLater, ['TH']),
        meta('activity', thActivity, ['TH', 'CN']),
        meta('activity', vnActivity, ['VN']),
        meta('fieldReport', approvedReport, ['TH']),
        meta('fieldReport', returnedReport, ['TH']),
        meta('activity', draftActivity, ['TH']),
        meta('fieldReport', deletedReport, ['TH'], { deleted: true }),
        meta('organization', resubmitted, ['TH']),
      ],
      [
        // Oldest first within a kind, whatever order they were written in.
        step('activity', thActivity, 'submit', 'field-officer'),
        step('fieldReport', thReport, 'submit', 'field-officer'),
        step('activity', vnActivity, 'submit', 'field-officer'),
        step('fieldReport', thReportLater, 'submit', 'field-officer'),
        step('fieldReport', approvedReport, 'submit', 'field-officer'),
        step('fieldReport', approvedReport, 'approve', 'national-coordinator'),
        step('fieldReport', returnedReport, 'submit', 'field-officer'),
        step('fieldReport', returnedReport, 'return', 'national-coordinator'),
        // Out of order: an officer cannot approve; the step is kept and ignored, the record stays a draft.
        step('activity', draftActivity, 'approve', 'field-officer'),
        step('fieldReport', deletedReport, 'submit', 'field-officer'),
        step('organization', resubmitted, 'submit', 'field-officer', { actorUserId: 'first' }),
        step('organization', resubmitted, 'return', 'national-coordinator'),
        step('organization', resubmitted, 'submit', 'field-officer', { actorUserId: 'second' }),
      ],
    );
  });

  it("gives a coordinator the submitted records of her countries, field reports first, oldest first, with who submitted", async () => {
    const groups = await reviewQueue(db, nok);
    expect(ids(groups)).toEqual([
      {
        state: 'submitted',
        kinds: [
          { entity: 'fieldReport', ids: [thReport, thReportLater] },
          { entity: 'activity', ids: [thActivity] },
          { entity: 'organization', ids: [resubmitted] },
        ],
      },
    ]);
    const organization = groups[0]!.kinds[2]!.items[0]!;
    expect(organization.submitted?.actorUserId).toBe('second');
    expect(organization.step).toBe(organization.submitted);
    expect(await reviewCount(db, nok)).toBe(4);
    // Another country's coordinator sees only hers.
    expect(ids(await reviewQueue(db, lan))).toEqual([{ state: 'submitted', kinds: [{ entity: 'activity', ids: [vnActivity] }] }]);
  });

  it('gives the Secretariat what coordinators approved, then everything submitted, in every country', async () => {
    const groups = await reviewQueue(db, secretariat);
    expect(ids(groups)).toEqual([
      { state: 'approved', kinds: [{ entity: 'fieldReport', ids: [approvedReport] }] },
      {
        state: 'submitted',
        kinds: [
          { entity: 'fieldReport', ids: [thReport, thReportLater] },
          { entity: 'activity', ids: [thActivity, vnActivity] },
          { entity: 'organization', ids: [resubmitted] },
        ],
      },
    ]);
    expect(groups[0]!.kinds[0]!.items[0]!.step.action).toBe('approve');
    expect(groups[0]!.kinds[0]!.items[0]!.submitted?.action).toBe('submit');
    expect(await reviewCount(db, secretariat)).toBe(6);
  });

  it('is empty for people who take no review step forward, and for a desk not enrolled', async () => {
    expect(await reviewQueue(db, officer)).toEqual([]);
    expect(await reviewQueue(db, admin)).toEqual([]);
    expect(await reviewQueue(db, undefined)).toEqual([]);
    expect(await reviewCount(db, officer)).toBe(0);
  });

  it('drops a record once it moves on, and brings it back when it is resubmitted', async () => {
    await tableOf(db, 'approval').put(step('fieldReport', thReport, 'approve', 'national-coordinator'));
    expect(ids(await reviewQueue(db, nok))[0]!.kinds[0]!.ids).toEqual([thReportLater]);
    await tableOf(db, 'approval').put(step('fieldReport', returnedReport, 'submit', 'field-officer'));
    expect(ids(await reviewQueue(db, nok))[0]!.kinds[0]!.ids).toEqual([thReportLater, returnedReport]);
  });

  it('ignores steps about records that are not reviewable, and records not on this computer', async () => {
    const budget = newRecordId();
    const elsewhere = newRecordId();
    await store([meta('budget', budget, ['TH'])], [step('budget', budget, 'submit', 'field-officer'), step('activity', elsewhere, 'submit', 'field-officer')]);
    expect(waitingRecords(await tableOf(db, 'approval').toArray()).map((c) => c.recordId)).not.toContain(budget);
    expect(await reviewCount(db, secretariat)).toBe(6);
  });

  it("reads one record's steps by its target, with the out-of-order ones marked", async () => {
    expect((await approvalsOf(db, 'organization', resubmitted)).map((a) => a.action).sort()).toEqual(['return', 'submit', 'submit']);
    const draft = await workflowStatusOf(db, 'activity', draftActivity);
    expect(draft.state).toBe('draft');
    expect(draft.ignored).toHaveLength(1);
    expect((await workflowStatusOf(db, 'fieldReport', approvedReport)).state).toBe('approved');
    expect((await workflowStatusOf(db, 'activity', newRecordId())).state).toBe('draft');
  });
});

describe('the queue at scale', () => {
  it('folds 10,000 approval records into the right queue', async () => {
    const metas: RecordMeta[] = [];
    const approvals: Approval[] = [];
    // 2,500 records with 4 steps each: submit, return, submit, then every other one approved.
    for (let i = 0; i < 2_500; i += 1) {
      const id = newRecordId();
      metas.push(meta('fieldReport', id, [i % 2 === 0 ? 'TH' : 'VN']));
      approvals.push(step('fieldReport', id, 'submit', 'field-officer'), step('fieldReport', id, 'return', 'national-coordinator'), step('fieldReport', id, 'submit', 'field-officer'));
      approvals.push(i % 4 < 2 ? step('fieldReport', id, 'approve', 'national-coordinator') : step('fieldReport', id, 'submit', 'field-officer'));
    }
    await store(metas, approvals);
    const started = performance.now();
    const groups = await reviewQueue(db, secretariat);
    const elapsed = performance.now() - started;
    expect(groups.map((group) => [group.state, group.count])).toEqual([
      ['approved', 1_250],
      ['submitted', 1_250],
    ]);
    // The last submit of the still-submitted ones was ignored (submitting twice is not a step): the earlier one counts.
    expect(groups[1]!.kinds[0]!.items.every((item) => item.step.action === 'submit')).toBe(true);
    expect(await reviewCount(db, nok)).toBe(625);
    // Generous: the fold itself is linear; this guards against a quadratic regression, not a benchmark.
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe('what the workflow reads beside the approvals', () => {
  it("names the records of a queue and the activities their field reports are about", async () => {
    const activityId = newRecordId();
    const reportId = newRecordId();
    const at = '2025-05-01T00:00:00.000Z';
    await tableOf(db, 'activity').put({
      entity: 'activity',
      id: activityId,
      createdAt: at,
      updatedAt: at,
      title: { en: 'Cassava starch cooperative' },
      description: {},
      details: { kind: 'science-park', zoneType: 'demonstration-zone' },
      status: 'implementation',
      countries: ['TH'],
      priorityAreas: ['tech/environment-energy/energy'],
      plannedStart: '2025-04-01',
    } as never);
    await tableOf(db, 'fieldReport').put({ entity: 'fieldReport', id: reportId, createdAt: at, updatedAt: at, activityId, country: 'TH', visitDate: '2025-05-01', narrative: 'Visited', indicatorValues: [], photos: [] });
    await store([meta('fieldReport', reportId, ['TH'])], [step('fieldReport', reportId, 'submit', 'field-officer')]);
    const records = await queueRecords(db, await reviewQueue(db, nok));
    expect(records.get(`fieldReport:${reportId}`)?.id).toBe(reportId);
    expect(records.get(`activity:${activityId}`)?.id).toBe(activityId);
    const report = records.get(`fieldReport:${reportId}`)!;
    const context = await submissionContext(db, report, '2025-05-02');
    expect(context.activity?.id).toBe(activityId);
    expect(context.today).toBe('2025-05-02');
    expect(context.indicatorPeriods).toEqual([]);
  });
});
