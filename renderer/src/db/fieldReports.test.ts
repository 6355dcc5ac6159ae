import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { approvalsByRecord, fieldReportAuthors, fieldReportsOfActivity, listFieldReports } from './fieldReports';
import { createRepository, type Repository } from './repository';

let db: StepDatabase;
let repository: Repository;
beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  repository = createRepository(db);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function activityWithReport(title: string): Promise<{ activityId: string; reportId: string }> {
  const activity = await repository.create('activity', {
    title: { en: title },
    description: {},
    details: { kind: 'training-course', deliveryMode: 'in-person' },
    status: 'implementation',
    countries: ['TH'],
    priorityAreas: ['tech/agriculture'],
    plannedStart: '2025-03-01',
    defaultCurrency: 'CNY',
  });
  if (!activity.ok) throw new Error(JSON.stringify(activity.issues));
  const report = await repository.create('fieldReport', { activityId: activity.record.id, country: 'TH', visitDate: '2025-04-01', narrative: 'Visited.' });
  if (!report.ok) throw new Error(JSON.stringify(report.issues));
  return { activityId: activity.record.id, reportId: report.record.id };
}

describe('field report reads', () => {
  it("one activity's reports come with their authors and states, read for those reports only", async () => {
    const first = await activityWithReport('Course one');
    const second = await activityWithReport('Course two');
    const deviceId = await repository.deviceId();
    const at = new Date().toISOString();
    const submit = { entity: 'approval', id: '019700aa-0000-7000-8000-0000000000f1', createdAt: at, updatedAt: at, target: { entity: 'fieldReport', recordId: second.reportId }, action: 'submit', actorUserId: 'somchai', actorRole: 'field-officer', at };
    expect((await repository.importBatch([{ source: 1, value: submit }])).stored).toBe(1);

    const rows = await fieldReportsOfActivity(first.activityId, { deviceId }, db);
    expect(rows.map((row) => [row.id, row.author, row.mine, row.state])).toEqual([[first.reportId, `device:${deviceId}`, true, 'draft']]);
    expect([...(await fieldReportAuthors(db, [first.reportId])).keys()]).toEqual([first.reportId]);
    expect([...(await approvalsByRecord('fieldReport', db, [first.reportId])).keys()]).toEqual([]);
    expect([...(await approvalsByRecord('fieldReport', db, [second.reportId])).keys()]).toEqual([second.reportId]);
    expect((await fieldReportsOfActivity(second.activityId, { deviceId }, db)).map((row) => row.state)).toEqual(['submitted']);

    // The whole list still reads every report.
    expect((await listFieldReports({ deviceId }, db)).map((row) => row.id).sort()).toEqual([first.reportId, second.reportId].sort());
    expect([...(await fieldReportAuthors(db)).keys()].sort()).toEqual([first.reportId, second.reportId].sort());
  });
});
