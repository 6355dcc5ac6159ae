import 'fake-indexeddb/auto';
import type { Principal } from '@shared/access/rules';
import { newRecordId, type Approval, type EntityType, type UserRole } from '@shared/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, tableOf, type RecordMeta, type StepDatabase } from './database';
import { approvalsOf, attentionCount, isReviewer, queueRecords, reviewCount, reviewOverview, reviewQueue, submissionContext, submitsForReview, takesPartInReview, waitingRecords, workflowStatusOf } from './workflow';

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

describe("each person's review page: the reviewer's queue, and one's own records returned or waiting", () => {
  const [overridden, returnedToHim, approvedHis, acceptedHis, returnedToOther, outOfScope, resubmittedHis, deletedHis, nokOwnSubmitted, nokOwnApproved] = Array.from({ length: 10 }, () => newRecordId()) as [
    string, string, string, string, string, string, string, string, string, string,
  ];
  const him = { actorUserId: officer.userId };
  const her = { actorUserId: nok.userId };
  const overrideNote = { comment: 'Written up late from my notebook: the date is right.', overriddenWarnings: ['v.warn.visitLongAgo'] };

  beforeEach(async () => {
    await store(
      [
        meta('activity', overridden, ['TH']),
        meta('fieldReport', returnedToHim, ['TH']),
        meta('fieldReport', approvedHis, ['TH']),
        meta('fieldReport', acceptedHis, ['TH']),
        meta('fieldReport', returnedToOther, ['TH']),
        meta('fieldReport', outOfScope, ['VN']),
        meta('organization', resubmittedHis, ['TH']),
        meta('fieldReport', deletedHis, ['TH'], { deleted: true }),
        meta('activity', nokOwnSubmitted, ['TH']),
        meta('activity', nokOwnApproved, ['TH']),
      ],
      [
        step('activity', overridden, 'submit', 'field-officer', { ...him, ...overrideNote }),
        step('fieldReport', returnedToHim, 'submit', 'field-officer', him),
        step('fieldReport', returnedToHim, 'return', 'national-coordinator', { ...her, comment: 'Please add the yield figures from the second plot.' }),
        step('fieldReport', approvedHis, 'submit', 'field-officer', him),
        step('fieldReport', approvedHis, 'approve', 'national-coordinator', her),
        step('fieldReport', acceptedHis, 'submit', 'field-officer', him),
        step('fieldReport', acceptedHis, 'approve', 'national-coordinator', her),
        step('fieldReport', acceptedHis, 'accept', 'secretariat'),
        step('fieldReport', returnedToOther, 'submit', 'field-officer', { actorUserId: 'u-malee' }),
        step('fieldReport', returnedToOther, 'return', 'national-coordinator', her),
        step('fieldReport', outOfScope, 'submit', 'field-officer', him),
        step('fieldReport', outOfScope, 'return', 'national-coordinator'),
        step('organization', resubmittedHis, 'submit', 'field-officer', him),
        step('organization', resubmittedHis, 'return', 'national-coordinator', her),
        step('organization', resubmittedHis, 'submit', 'field-officer', { ...him, comment: 'Address corrected.' }),
        step('fieldReport', deletedHis, 'submit', 'field-officer', him),
        step('fieldReport', deletedHis, 'return', 'national-coordinator', her),
        step('activity', nokOwnSubmitted, 'submit', 'national-coordinator', her),
        step('activity', nokOwnApproved, 'submit', 'national-coordinator', her),
        step('activity', nokOwnApproved, 'approve', 'national-coordinator', { actorUserId: 'u-lan' }),
      ],
    );
  });

  const idsOf = (items: readonly { recordId: string }[]) => items.map((item) => item.recordId);

  it("shows an officer what was returned to him, with the reviewer's comment, and what he submitted that waits", async () => {
    const overview = await reviewOverview(db, officer);
    expect(overview.queue).toEqual([]);
    // Only his own submissions, in his countries, on this computer: not another officer's, not a deleted one.
    expect(idsOf(overview.returned)).toEqual([returnedToHim]);
    const [returned] = overview.returned;
    expect(returned).toMatchObject({ entity: 'fieldReport', state: 'returned' });
    expect(returned!.step).toMatchObject({ action: 'return', actorUserId: nok.userId, actorRole: 'national-coordinator', comment: 'Please add the yield figures from the second plot.' });
    expect(returned!.submitted?.actorUserId).toBe(officer.userId);
    // Submitted or approved, oldest step first; an accepted one is done, a resubmitted one waits again.
    expect(idsOf(overview.waiting)).toEqual([overridden, approvedHis, resubmittedHis]);
    expect(overview.waiting.map((item) => item.state)).toEqual(['submitted', 'approved', 'submitted']);
    expect(overview.waiting[2]!.submitted?.comment).toBe('Address corrected.');
    // His badge: what asks something of him (the returned one).
    expect(attentionCount(overview)).toBe(1);
    expect(await reviewCount(db, officer)).toBe(0);
  });

  it("gives the coordinator's queue rows the submitter's comment and the warnings overridden, so approving from the list is informed", async () => {
    const overview = await reviewOverview(db, nok);
    const submitted = overview.queue.find((group) => group.state === 'submitted')!;
    const item = submitted.kinds.flatMap((kind) => kind.items).find((candidate) => candidate.recordId === overridden)!;
    expect(item.submitted).toMatchObject({ actorUserId: officer.userId, comment: overrideNote.comment, overriddenWarnings: ['v.warn.visitLongAgo'] });
    expect(item.step).toBe(item.submitted);
    // Her own submission that waits for herself is in her queue, not again among her waiting ones; the one a colleague approved waits for the Secretariat.
    expect(submitted.kinds.flatMap((kind) => kind.items.map((candidate) => candidate.recordId))).toContain(nokOwnSubmitted);
    expect(idsOf(overview.waiting)).toEqual([nokOwnApproved]);
    expect(overview.returned).toEqual([]);
    expect(attentionCount(overview)).toBe(submitted.count);
    expect(overview.queue).toEqual(await reviewQueue(db, nok));
  });

  it('has nothing for administrators and desks not enrolled; the workflow table says who reviews and who submits', async () => {
    expect(await reviewOverview(db, admin)).toEqual({ queue: [], returned: [], waiting: [] });
    expect(await reviewOverview(db, undefined)).toEqual({ queue: [], returned: [], waiting: [] });
    expect(['field-officer', 'national-coordinator', 'secretariat', 'admin'].map((role) => [isReviewer(role as UserRole), submitsForReview(role as UserRole), takesPartInReview(role as UserRole)])).toEqual([
      [false, true, true],
      [true, true, true],
      [true, true, true],
      [false, false, false],
    ]);
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
