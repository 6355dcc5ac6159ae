import 'fake-indexeddb/auto';
import type { Principal } from '@shared/access/rules';
import { exampleRecords } from '@shared/demo/examples';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';
import { submissionErrorCodes, submissionWarningCodes } from '@shared/workflow/checks';
import { workflowOf } from '@shared/workflow/workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import validationEn from '../i18n/validation/en.json';
import validationZh from '../i18n/validation/zh.json';
import { openStepDatabase, type StepDatabase } from './database';
import { createRepository, type Draft, type Repository } from './repository';

const officer: Principal = { userId: 'u-somchai', role: 'field-officer', countries: ['LA'] };
const coordinator: Principal = { userId: 'u-nok', role: 'national-coordinator', countries: ['LA'] };
const vietnamCoordinator: Principal = { userId: 'u-lan', role: 'national-coordinator', countries: ['VN'] };
const secretariat: Principal = { userId: 'u-mei', role: 'secretariat', countries: [] };

const activityDraft: Draft<'activity'> = {
  title: { en: 'Joint laboratory for rice breeding' },
  description: { en: 'Breeding climate-resilient rice varieties.' },
  details: { kind: 'joint-lab', researchLines: ['Drought tolerance'], equipment: [] },
  status: 'implementation',
  countries: ['LA', 'CN'],
  priorityAreas: ['tech/agriculture/crop-breeding'],
  plannedStart: '2024-03-01',
  plannedEnd: '2027-02-28',
  defaultCurrency: 'CNY',
};

let clock = Date.parse('2025-05-10T04:00:00.000Z');
let db: StepDatabase;
let repository: Repository;
let activityId: string;

const reportDraft = (overrides: Partial<Draft<'fieldReport'>> = {}): Draft<'fieldReport'> => ({
  activityId,
  country: 'LA',
  visitDate: '2025-05-08',
  location: { latitude: 17.97, longitude: 102.6, accuracyMeters: 12, source: 'device' },
  narrative: 'Visited the trial plots with the breeding team.',
  indicatorValues: [],
  photos: [],
  ...overrides,
});

async function newReport(overrides: Partial<Draft<'fieldReport'>> = {}) {
  const outcome = await repository.create('fieldReport', reportDraft(overrides));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return { entity: 'fieldReport' as const, recordId: outcome.record.id, record: outcome.record };
}

/** Takes a step as `who`, and moves the clock on a minute. */
async function stepAs(who: Principal | undefined, target: { entity: 'fieldReport'; recordId: string }, action: Parameters<Repository['review']>[1], options: Parameters<Repository['review']>[2] = {}) {
  repository.setPrincipal(who);
  clock += 60_000;
  return repository.review(target, action, options);
}

const stateOf = async (recordId: string) => workflowOf(await db.approvals.where('[target.entity+target.recordId]').equals(['fieldReport', recordId]).toArray()).state;
const messages = (outcome: { ok: boolean; issues?: { message: string }[] }) => (outcome.ok ? [] : (outcome.issues ?? []).map((issue) => issue.message));

beforeEach(async () => {
  db = openStepDatabase(`workflow-writes-${Math.random()}`);
  await db.open();
  repository = createRepository(db, { now: () => clock });
  const activity = await repository.create('activity', activityDraft);
  if (!activity.ok) throw new Error('activity');
  activityId = activity.record.id;
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('review steps through the write path', () => {
  it('takes a step as the signed-in person: actor filled in, dated now, recorded as a change that syncs', async () => {
    const report = await newReport();
    const outcome = await stepAs(officer, report, 'submit');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record).toMatchObject({
      entity: 'approval',
      target: { entity: 'fieldReport', recordId: report.recordId },
      action: 'submit',
      actorUserId: 'u-somchai',
      actorRole: 'field-officer',
      at: new Date(clock).toISOString(),
    });
    expect(outcome.record.overriddenWarnings).toBeUndefined();
    expect(await stateOf(report.recordId)).toBe('submitted');
    const changes = await repository.changesBeyond({});
    expect(changes.filter((change) => change.entity === 'approval' && change.recordId === outcome.record.id).map((change) => change.field)).toContain('actorUserId');
    // Its changes belong to the report's countries, so they travel where the report does.
    expect(changes.find((change) => change.recordId === outcome.record.id)?.scope).toEqual(['LA']);
  });

  it('refuses any step without a signed-in person, and stores nothing', async () => {
    const report = await newReport();
    expect(messages(await stepAs(undefined, report, 'submit'))).toEqual(['v.workflow.noPrincipal']);
    expect(await db.approvals.count()).toBe(0);
  });

  it('refuses a step the role may not take from the record’s state, with the action and the state', async () => {
    const report = await newReport();
    const early = await stepAs(coordinator, report, 'approve');
    expect(early).toEqual({ ok: false, issues: [{ path: '', message: 'v.workflow.notAllowed', params: { action: 'approve', state: 'draft' } }] });
    await stepAs(officer, report, 'submit');
    expect((await stepAs(officer, report, 'approve')).ok).toBe(false);
    expect(messages(await stepAs(officer, report, 'submit'))).toEqual(['v.workflow.notAllowed']);
    expect(await db.approvals.count()).toBe(1);
  });

  it('refuses a reviewer outside the record’s countries, a record not here, and a kind that is not reviewed', async () => {
    const report = await newReport();
    await stepAs(officer, report, 'submit');
    expect(messages(await stepAs(vietnamCoordinator, report, 'approve'))).toEqual(['v.workflow.outOfScope']);
    expect(messages(await stepAs(coordinator, { entity: 'fieldReport', recordId: activityId }, 'approve'))).toEqual(['v.notFound']);
    repository.setPrincipal(coordinator);
    expect(messages(await repository.review({ entity: 'budget', recordId: activityId }, 'approve'))).toEqual(['v.workflow.notReviewable']);
    expect(await stateOf(report.recordId)).toBe('submitted');
  });

  it('needs a comment to return a record', async () => {
    const report = await newReport();
    await stepAs(officer, report, 'submit');
    expect(messages(await stepAs(coordinator, report, 'return'))).toEqual(['v.returnNeedsComment']);
    expect(messages(await stepAs(coordinator, report, 'return', { comment: '   ' }))).toEqual(['v.returnNeedsComment']);
    const returned = await stepAs(coordinator, report, 'return', { comment: 'Add the photos of the plots.' });
    expect(returned.ok && returned.record.comment).toBe('Add the photos of the plots.');
    expect(await stateOf(report.recordId)).toBe('returned');
  });

  it('dates a step after the record’s last one when this computer’s clock is behind', async () => {
    const report = await newReport();
    await stepAs(officer, report, 'submit');
    const submittedAt = (await db.approvals.toArray())[0]!.at;
    clock -= 3_600_000; // an hour behind the officer's laptop
    repository.setPrincipal(coordinator);
    const approved = await repository.review(report, 'approve');
    expect(approved.ok && approved.record.at).toBe(new Date(Date.parse(submittedAt) + 1).toISOString());
    expect(await stateOf(report.recordId)).toBe('approved');
  });

  it('takes an approval handed to create only as the signed-in person, and then as review does', async () => {
    const report = await newReport();
    repository.setPrincipal(officer);
    const forged = await repository.create('approval', { target: report, action: 'submit', actorUserId: 'u-someone-else', actorRole: 'field-officer', at: new Date(clock).toISOString() });
    expect(messages(forged)).toEqual(['v.workflow.notYours']);
    const own = await repository.create('approval', { target: report, action: 'submit', actorUserId: officer.userId, actorRole: officer.role, at: '2020-01-01T00:00:00.000Z' });
    expect(own.ok && own.record.at).toBe(new Date(clock).toISOString());
    expect(messages(await repository.create('approval', { target: report, action: 'approve', actorUserId: officer.userId, actorRole: officer.role, at: new Date(clock).toISOString() }))).toEqual([
      'v.workflow.notAllowed',
    ]);
  });
});

describe('submission checks on submit', () => {
  it('blocks a submit on an error, listing every one with its field', async () => {
    const report = await newReport({ narrative: '', location: undefined });
    const outcome = await stepAs(officer, report, 'submit');
    expect(outcome).toEqual({
      ok: false,
      issues: [
        { path: 'narrative', message: 'v.submit.narrativeRequired' },
        { path: 'location', message: 'v.submit.locationRequired' },
      ],
    });
    expect(await db.approvals.count()).toBe(0);
  });

  it('blocks a submit on a warning until it is overridden with a comment, and records what was overridden', async () => {
    const report = await newReport({ visitDate: '2024-12-01' }); // 160 days before 2025-05-10
    expect(messages(await stepAs(officer, report, 'submit'))).toEqual(['v.warn.visitLongAgo']);
    expect(messages(await stepAs(officer, report, 'submit', { overriddenWarnings: ['v.warn.visitLongAgo'] }))).toEqual(['v.overrideNeedsComment']);
    const outcome = await stepAs(officer, report, 'submit', { overriddenWarnings: ['v.warn.visitLongAgo', 'v.warn.noContact'], comment: 'Written up late after the flood.' });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    // Only what the checks found is recorded as overridden.
    expect(outcome.record.overriddenWarnings).toEqual(['v.warn.visitLongAgo']);
    expect(outcome.record.comment).toBe('Written up late after the flood.');
  });

  it('reads the activity’s indicator periods for values far from their target', async () => {
    const result = await repository.create('result', { activityId, resultType: 'output', title: { en: 'Technicians trained' }, description: {} });
    if (!result.ok) throw new Error('result');
    const indicator = await repository.create('indicator', { activityId, resultId: result.record.id, title: { en: 'Technicians trained' }, measure: 'unit', ascending: true, disaggregations: [] });
    if (!indicator.ok) throw new Error('indicator');
    const period = await repository.create('indicatorPeriod', { activityId, indicatorId: indicator.record.id, periodStart: '2025-01-01', periodEnd: '2025-12-31', target: 20, breakdown: [] });
    if (!period.ok) throw new Error('period');
    const report = await newReport({ indicatorValues: [{ indicatorId: indicator.record.id, value: 400 }] });
    expect(await stepAs(officer, report, 'submit')).toEqual({
      ok: false,
      issues: [{ path: 'indicatorValues.0.value', message: 'v.warn.farAboveTarget', params: { value: 400, target: 20, factor: 10 } }],
    });
  });

  it('asks for a person’s contact details only of a submitter whose role handles personal data', async () => {
    const { entity: _entity, id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...person } = exampleRecords.person;
    const nobodyToReach = { ...person, country: 'LA' as const };
    delete nobodyToReach.email;
    delete nobodyToReach.phone;
    const created = async () => {
      const outcome = await repository.create('person', nobodyToReach);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
      return { entity: 'person' as const, recordId: outcome.record.id };
    };
    // The Secretariat neither sees nor adds contact details: it is not warned about their absence.
    repository.setPrincipal(secretariat);
    const bySecretariat = await created();
    const submitted = await repository.review(bySecretariat, 'submit');
    expect(submitted.ok && submitted.record.overriddenWarnings).toBeUndefined();
    // An officer of the person's country is.
    repository.setPrincipal(officer);
    expect(messages(await repository.review(await created(), 'submit'))).toEqual(['v.warn.noContact']);
  });

  it('runs no submission checks on other steps', async () => {
    const report = await newReport();
    await stepAs(officer, report, 'submit');
    // The report loses its narrative after submission (an import, a sync): reviewers still act on it.
    await db.fieldReports.update(report.recordId, { narrative: '' });
    expect((await stepAs(coordinator, report, 'return', { comment: 'Where is the narrative?' })).ok).toBe(true);
  });
});

describe('locked records and immutable steps', () => {
  async function approvedReport() {
    const report = await newReport();
    await stepAs(officer, report, 'submit');
    const approved = await stepAs(coordinator, report, 'approve');
    if (!approved.ok) throw new Error('approve');
    return { ...report, approval: approved.record };
  }

  it('refuses to change or delete an approved record, saying its state; nothing changes', async () => {
    const report = await approvedReport();
    const before = await db.fieldReports.get(report.recordId);
    const changes = (await repository.changesBeyond({})).length;
    expect(await repository.replace('fieldReport', report.recordId, reportDraft({ narrative: 'Rewritten' }))).toEqual({
      ok: false,
      issues: [{ path: '', message: 'v.locked', params: { state: 'approved' } }],
    });
    expect(await repository.remove('fieldReport', report.recordId)).toEqual({ ok: false, issues: [{ path: '', message: 'v.locked', params: { state: 'approved' } }] });
    expect(await db.fieldReports.get(report.recordId)).toEqual(before);
    expect((await repository.changesBeyond({})).length).toBe(changes);
  });

  it('locks a submitted record too: what the reviewer approves is what was submitted', async () => {
    const report = await newReport();
    await stepAs(officer, report, 'submit');
    const before = await db.fieldReports.get(report.recordId);
    expect(await repository.replace('fieldReport', report.recordId, reportDraft({ narrative: 'Changed under review' }))).toEqual({
      ok: false,
      issues: [{ path: '', message: 'v.locked', params: { state: 'submitted' } }],
    });
    expect(await repository.remove('fieldReport', report.recordId)).toEqual({ ok: false, issues: [{ path: '', message: 'v.locked', params: { state: 'submitted' } }] });
    expect(await db.fieldReports.get(report.recordId)).toEqual(before);
  });

  it('lets a record be edited again once a reviewer unlocks or returns it', async () => {
    const report = await approvedReport();
    expect((await stepAs(coordinator, report, 'unlock')).ok).toBe(true);
    expect((await repository.replace('fieldReport', report.recordId, reportDraft({ narrative: 'Corrected' }))).ok).toBe(true);
    await stepAs(officer, report, 'submit');
    expect(messages(await repository.replace('fieldReport', report.recordId, reportDraft({ narrative: 'Corrected again' })))).toEqual(['v.locked']);
    await stepAs(coordinator, report, 'return', { comment: 'One more photo.' });
    expect((await repository.replace('fieldReport', report.recordId, reportDraft({ narrative: 'With a photo' }))).ok).toBe(true);
  });

  it('refuses to settle a sync conflict on a locked record, until it is returned', async () => {
    const report = await newReport();
    // Another laptop edits the narrative while this desk does too: a conflict.
    const other = new SyncEngine(new MemoryStorage(), 'other-laptop', 'user:u-somchai', () => clock + 1000);
    await other.apply(await repository.changesBeyond({}));
    await other.recordLocal([{ kind: 'write', entity: 'fieldReport', recordId: report.recordId, fields: { narrative: 'Written on the other laptop' }, scope: ['LA'] }]);
    repository.setPrincipal(officer);
    expect((await repository.replace('fieldReport', report.recordId, reportDraft({ narrative: 'Written here' }))).ok).toBe(true);
    await repository.applyRemote(await other.changesBeyond(await repository.vector()));
    const [conflict] = await repository.conflicts();
    expect(conflict?.field).toBe('narrative');
    const keepOther = { keep: conflict!.heads.find((head) => head.value === 'Written on the other laptop')!.stamp };

    await stepAs(officer, report, 'submit');
    const changes = (await repository.changesBeyond({})).length;
    expect(await repository.resolve(conflict!, keepOther)).toEqual({ ok: false, issues: [{ path: '', message: 'v.locked', params: { state: 'submitted' } }] });
    expect((await repository.changesBeyond({})).length).toBe(changes);
    expect(await repository.conflicts()).toHaveLength(1);

    await stepAs(coordinator, report, 'return', { comment: 'Settle the narrative first.' });
    expect(await repository.resolve(conflict!, keepOther)).toMatchObject({ ok: true, change: { field: 'narrative', value: 'Written on the other laptop' } });
    expect(await repository.conflicts()).toEqual([]);
    expect((await db.fieldReports.get(report.recordId))?.narrative).toBe('Written on the other laptop');
  });

  it('never changes or deletes a step', async () => {
    const report = await approvedReport();
    const { entity: _entity, id, createdAt: _createdAt, updatedAt: _updatedAt, ...draft } = report.approval;
    expect(messages(await repository.replace('approval', id, { ...draft, comment: 'Changed my mind' }))).toEqual(['v.approvalImmutable']);
    expect(messages(await repository.remove('approval', id))).toEqual(['v.approvalImmutable']);
    expect(await db.approvals.get(id)).toEqual(report.approval);
  });

  it('holds in imports too: an approved record or a step is not overwritten, another person’s step is not taken', async () => {
    const report = await approvedReport();
    const stored = await db.fieldReports.get(report.recordId);
    const later = new Date(clock + 3_600_000).toISOString();
    repository.setPrincipal(coordinator);
    const result = await repository.importBatch([
      { source: 1, value: { ...stored, narrative: 'Imported over it', updatedAt: later } },
      { source: 2, value: { ...report.approval, comment: 'Imported comment', updatedAt: later } },
      { source: 3, value: { ...report.approval, id: '019700aa-0000-7000-8000-000000000001', action: 'unlock', actorUserId: 'u-other', updatedAt: later } },
    ]);
    expect(result.stored).toBe(0);
    expect(result.rejected.sort((a, b) => a.source - b.source)).toEqual([
      { source: 1, issues: [{ path: '', message: 'v.locked', params: { state: 'approved' } }] },
      { source: 2, issues: [{ path: '', message: 'v.approvalImmutable' }] },
      { source: 3, issues: [{ path: 'actorUserId', message: 'v.workflow.notYours' }] },
    ]);
    expect(await db.fieldReports.get(report.recordId)).toEqual(stored);
  });

  const stepRecord = (recordId: string, id: string, who: Principal, action: string, at: string, extra: Record<string, unknown> = {}) => ({
    entity: 'approval',
    id,
    createdAt: at,
    updatedAt: at,
    target: { entity: 'fieldReport', recordId },
    action,
    actorUserId: who.userId,
    actorRole: who.role,
    at,
    ...extra,
  });

  it('on a desk nobody is signed in to (demo data), takes steps from a file in any name, but only steps that count', async () => {
    const report = await newReport();
    const at = new Date(clock).toISOString();
    repository.setPrincipal(undefined);
    const submit = stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000002', officer, 'submit', at);
    const officerApproves = stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000003', officer, 'approve', at);
    const result = await repository.importBatch([
      { source: 1, value: submit },
      { source: 2, value: officerApproves },
    ]);
    expect(result).toMatchObject({ stored: 1, rejected: [{ source: 2, issues: [{ message: 'v.workflow.notAllowed' }] }] });
    expect(await stateOf(report.recordId)).toBe('submitted');
  });

  it('takes a new step from a file only as review would: allowed from the state, not backdated, not in the future', async () => {
    const report = await approvedReport();
    await stepAs(secretariat, report, 'accept');
    const acceptedAt = (await db.approvals.toArray()).map((step) => step.at).sort().at(-1)!;
    const before = new Date(Date.parse(acceptedAt) - 30_000).toISOString();
    const after = new Date(Date.parse(acceptedAt) + 30_000).toISOString();
    repository.setPrincipal(coordinator);
    const changes = (await repository.changesBeyond({})).length;
    const result = await repository.importBatch([
      // A coordinator may not return an accepted record, backdated or not.
      { source: 1, value: stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000011', coordinator, 'return', before, { comment: 'Reopen it' }) },
      { source: 2, value: stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000012', coordinator, 'unlock', after, { comment: 'Reopen it' }) },
    ]);
    expect(result.stored).toBe(0);
    expect(result.rejected).toEqual([
      { source: 1, issues: [{ path: 'action', message: 'v.workflow.notAllowed', params: { action: 'return', state: 'accepted' } }] },
      { source: 2, issues: [{ path: 'action', message: 'v.workflow.notAllowed', params: { action: 'unlock', state: 'accepted' } }] },
    ]);

    // The Secretariat may return it, but not dated before the acceptance, nor a day ahead.
    repository.setPrincipal(secretariat);
    const backdated = stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000013', secretariat, 'return', before, { comment: 'Reopen it' });
    const future = stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000014', secretariat, 'return', new Date(clock + 86_400_000).toISOString(), { comment: 'Reopen it' });
    expect((await repository.importBatch([{ source: 3, value: backdated }, { source: 4, value: future }])).rejected).toEqual([
      { source: 3, issues: [{ path: 'at', message: 'v.workflow.backdated', params: { at: before } }] },
      { source: 4, issues: [{ path: 'at', message: 'v.workflow.inFuture', params: { at: future.at } }] },
    ]);
    expect(await stateOf(report.recordId)).toBe('accepted');
    expect((await repository.changesBeyond({})).length).toBe(changes);

    // Dated after it: a step review would take; the same file again changes nothing.
    const proper = stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000015', secretariat, 'return', after, { comment: 'Reopen it' });
    expect(await repository.importBatch([{ source: 5, value: proper }])).toMatchObject({ stored: 1, rejected: [] });
    expect(await stateOf(report.recordId)).toBe('returned');
    expect(await repository.importBatch([{ source: 5, value: proper }])).toMatchObject({ stored: 0, unchanged: 1, rejected: [] });
  });

  it('judges a file’s new steps in time order, whatever their lines’ order, and refuses a record not here or not theirs', async () => {
    const report = await newReport();
    const at = (minutes: number) => new Date(clock + minutes * 60_000).toISOString();
    repository.setPrincipal(secretariat);
    const result = await repository.importBatch([
      { source: 1, value: stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000022', secretariat, 'accept', at(2)) },
      { source: 2, value: stepRecord(report.recordId, '019700aa-0000-7000-8000-000000000021', secretariat, 'submit', at(1)) },
      { source: 3, value: stepRecord('019700aa-0000-7000-8000-0000000000ff', '019700aa-0000-7000-8000-000000000023', secretariat, 'submit', at(1)) },
    ]);
    expect(result).toMatchObject({ stored: 2, rejected: [{ source: 3, issues: [{ path: 'target', message: 'v.notFound' }] }] });
    expect(await stateOf(report.recordId)).toBe('accepted');

    const other = await newReport({ country: 'VN' });
    repository.setPrincipal(coordinator);
    expect((await repository.importBatch([{ source: 4, value: stepRecord(other.recordId, '019700aa-0000-7000-8000-000000000024', coordinator, 'submit', at(3)) }])).rejected).toEqual([
      { source: 4, issues: [{ path: 'target', message: 'v.workflow.outOfScope' }] },
    ]);
  });

  it('applies remote changes to a locked record: the server, not this desk, judges those', async () => {
    const report = await approvedReport();
    // Another desk that has the report but not its steps edits it.
    const otherDb = openStepDatabase(`workflow-writes-other-${Math.random()}`);
    await otherDb.open();
    try {
      const other = createRepository(otherDb, { now: () => clock + 120_000 });
      await other.applyRemote((await repository.changesBeyond({})).filter((change) => change.entity !== 'approval'));
      expect((await other.replace('fieldReport', report.recordId, reportDraft({ narrative: 'Edited on another desk' }))).ok).toBe(true);
      const applied = await repository.applyRemote(await other.changesBeyond(await repository.vector()));
      expect(applied.rejected).toEqual([]);
      expect((await db.fieldReports.get(report.recordId))?.narrative).toBe('Edited on another desk');
    } finally {
      otherDb.close();
      await otherDb.delete();
    }
  });
});

describe('messages', () => {
  type Tree = { [key: string]: string | Tree };
  const lookup = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);

  it('translates every refusal of the write path and every submission check, in English and Chinese', () => {
    const keys = [
      ...submissionErrorCodes,
      ...submissionWarningCodes,
      'v.locked',
      'v.outOfScope',
      'v.movesOutOfScope',
      'v.approvalImmutable',
      'v.overrideNeedsComment',
      'v.overrideOnlyOnSubmit',
      ...['noPrincipal', 'notAllowed', 'notReviewable', 'outOfScope', 'notYours', 'backdated', 'inFuture'].map((key) => `v.workflow.${key}`),
      ...['draft', 'submitted', 'returned', 'approved', 'accepted'].map((state) => `v.workflowStates.${state}`),
      ...['submit', 'return', 'approve', 'accept', 'unlock'].map((action) => `v.workflowActions.${action}`),
    ];
    for (const [language, tree] of [['en', validationEn], ['zh', validationZh]] as const) {
      const missing = keys.filter((key) => typeof lookup(tree as unknown as Tree, key) !== 'string' || !lookup(tree as unknown as Tree, key));
      expect(missing, language).toEqual([]);
    }
  });
});
