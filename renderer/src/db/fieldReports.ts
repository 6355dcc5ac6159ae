import type { Approval, Document, FieldReport, Indicator, LocalizedText } from '@shared/domain';
import { workflowOf, type ReviewableEntity, type WorkflowState, type WorkflowStatus } from '@shared/workflow';
import Dexie from 'dexie';
import { tableOf, type StepDatabase } from './database';
import type { RecordChange } from './repository';
import { getStore } from './store';
import { workflowStatusOf } from './workflow';

/**
 * Reads of field reports for their screens: the list (with each report's activity, author and review
 * state), one report with what it refers to, and an activity's reports. Writes go through the repository.
 */

/** Who the desk's person is, to tell their own reports from others': `user:<id>` once enrolled, and this device. */
export interface ReportReader {
  userId?: string;
  deviceId: string;
}

export interface FieldReportRow {
  id: string;
  activityId: string;
  /** Undefined when the activity is not on this computer (yet). */
  activityTitle?: LocalizedText;
  country: string;
  visitDate: string;
  placeName?: string;
  /** Who created it (`user:<id>` or `device:<id>`, from the change log); undefined when unknown here. */
  author?: string;
  /** Created by the person using this desk (or on this device). */
  mine: boolean;
  state: WorkflowState;
  photoCount: number;
  updatedAt: string;
}

/** The review steps taken on records of one kind, by record id (one read for the whole table). */
export async function approvalsByRecord(entity: ReviewableEntity, db: StepDatabase = getStore().db, recordIds?: readonly string[]): Promise<Map<string, Approval[]>> {
  const index = tableOf(db, 'approval').where('[target.entity+target.recordId]');
  // Some records (one activity's reports): read theirs by key, not every report's steps on the desk.
  const approvals = await (recordIds ? index.anyOf(recordIds.map((id) => [entity, id])) : index.between([entity, Dexie.minKey], [entity, Dexie.maxKey])).toArray();
  const byRecord = new Map<string, Approval[]>();
  for (const approval of approvals) byRecord.set(approval.target.recordId, [...(byRecord.get(approval.target.recordId) ?? []), approval]);
  return byRecord;
}

/**
 * Who created each field report: the author of its first `createdAt` change (the change log keeps every
 * change, whichever replica made it). One read over the reports' changes: all of them, or only `reportIds`'
 * (one activity's page must not pay for every report on the desk: docs/performance.md, Program workspace).
 */
export async function fieldReportAuthors(db: StepDatabase = getStore().db, reportIds?: readonly string[]): Promise<Map<string, string>> {
  const index = db.changes.where('[entity+recordId]');
  const creations = await (reportIds ? index.anyOf(reportIds.map((id) => ['fieldReport', id])) : index.between(['fieldReport', Dexie.minKey], ['fieldReport', Dexie.maxKey]))
    .filter((change) => change.field === 'createdAt')
    .toArray();
  const first = new Map<string, { stamp: string; author: string }>();
  for (const change of creations) {
    const seen = first.get(change.recordId);
    if (!seen || change.stamp < seen.stamp) first.set(change.recordId, { stamp: change.stamp, author: change.author });
  }
  return new Map([...first].map(([id, { author }]) => [id, author]));
}

export const isMine = (author: string | undefined, reader: ReportReader): boolean =>
  author !== undefined && (author === `device:${reader.deviceId}` || (reader.userId !== undefined && author === `user:${reader.userId}`));

/** Mine first, then the latest visit first, then the latest edit. */
export function compareRows(a: FieldReportRow, b: FieldReportRow): number {
  if (a.mine !== b.mine) return a.mine ? -1 : 1;
  if (a.visitDate !== b.visitDate) return a.visitDate < b.visitDate ? 1 : -1;
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

function rowsOf(reports: readonly FieldReport[], titles: Map<string, LocalizedText>, authors: Map<string, string>, approvals: Map<string, Approval[]>, reader: ReportReader): FieldReportRow[] {
  return reports
    .map((report) => {
      const author = authors.get(report.id);
      return {
        id: report.id,
        activityId: report.activityId,
        activityTitle: titles.get(report.activityId),
        country: report.country,
        visitDate: report.visitDate,
        placeName: report.location?.placeName,
        author,
        mine: isMine(author, reader),
        state: workflowOf(approvals.get(report.id) ?? []).state,
        photoCount: report.photos.length,
        updatedAt: report.updatedAt,
      };
    })
    .sort(compareRows);
}

async function activityTitles(activityIds: Iterable<string>, db: StepDatabase): Promise<Map<string, LocalizedText>> {
  const ids = [...new Set(activityIds)];
  const rows = await db.activityRows.bulkGet(ids);
  const titles = new Map<string, LocalizedText>();
  rows.forEach((row, i) => row && titles.set(ids[i]!, row.title));
  return titles;
}

/** Every field report on this computer as list rows, mine first. */
export async function listFieldReports(reader: ReportReader, db: StepDatabase = getStore().db): Promise<FieldReportRow[]> {
  const [reports, authors, approvals] = await Promise.all([tableOf(db, 'fieldReport').toArray(), fieldReportAuthors(db), approvalsByRecord('fieldReport', db)]);
  const titles = await activityTitles(
    reports.map((r) => r.activityId),
    db,
  );
  return rowsOf(reports, titles, authors, approvals, reader);
}

/** One activity's field reports as list rows, mine first. */
export async function fieldReportsOfActivity(activityId: string, reader: ReportReader, db: StepDatabase = getStore().db): Promise<FieldReportRow[]> {
  const reports = await tableOf(db, 'fieldReport').where('activityId').equals(activityId).toArray();
  const ids = reports.map((report) => report.id);
  const [authors, approvals, titles] = await Promise.all([fieldReportAuthors(db, ids), approvalsByRecord('fieldReport', db, ids), activityTitles([activityId], db)]);
  return rowsOf(reports, titles, authors, approvals, reader);
}

export interface FieldReportListFilter {
  activityId: string;
  country: string;
  state: string;
  /** Visit dates from and to (YYYY-MM-DD, inclusive); empty for no bound. */
  from: string;
  to: string;
  mineOnly: boolean;
}

export const emptyFieldReportFilter: FieldReportListFilter = { activityId: '', country: '', state: '', from: '', to: '', mineOnly: false };

export function filterRows(rows: readonly FieldReportRow[], filter: FieldReportListFilter): FieldReportRow[] {
  return rows.filter(
    (row) =>
      (!filter.activityId || row.activityId === filter.activityId) &&
      (!filter.country || row.country === filter.country) &&
      (!filter.state || row.state === filter.state) &&
      (!filter.from || row.visitDate >= filter.from) &&
      (!filter.to || row.visitDate <= filter.to) &&
      (!filter.mineOnly || row.mine),
  );
}

/** An activity's indicators (what a report can give values for), in a stable order. */
export async function indicatorsOfActivity(activityId: string, db: StepDatabase = getStore().db): Promise<Indicator[]> {
  const indicators = await tableOf(db, 'indicator').where('activityId').equals(activityId).toArray();
  return indicators.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

export interface FieldReportDetail {
  report: FieldReport;
  activityTitle?: LocalizedText;
  /** The indicators its values refer to, by id (those on this computer). */
  indicators: Map<string, Indicator>;
  /** Its photos' documents, by id (those on this computer). */
  photoDocuments: Map<string, Document>;
  status: WorkflowStatus;
  author?: string;
}

/** One report with what its screen shows beside it; undefined when it is not on this computer. */
export async function fieldReportDetail(id: string, db: StepDatabase = getStore().db): Promise<FieldReportDetail | undefined> {
  const report = await tableOf(db, 'fieldReport').get(id);
  if (!report) return undefined;
  const [activity, indicators, documents, status, creations] = await Promise.all([
    db.activityRows.get(report.activityId),
    tableOf(db, 'indicator').bulkGet(report.indicatorValues.map((value) => value.indicatorId)),
    tableOf(db, 'document').where('[attachedTo.entity+attachedTo.recordId]').equals(['fieldReport', id]).toArray(),
    workflowStatusOf(db, 'fieldReport', id),
    db.changes.where('[entity+recordId]').equals(['fieldReport', id]).filter((change) => change.field === 'createdAt').toArray(),
  ]);
  const creation = creations.sort((a, b) => (a.stamp < b.stamp ? -1 : 1))[0];
  return {
    report,
    activityTitle: activity?.title,
    indicators: new Map(indicators.filter((indicator): indicator is Indicator => Boolean(indicator)).map((indicator) => [indicator.id, indicator])),
    photoDocuments: new Map(documents.map((document) => [document.id, document])),
    status,
    author: creation?.author,
  };
}

/** Whether a committed change may change what a field-report screen shows. */
export const affectsFieldReports = (changes: readonly RecordChange[]): boolean =>
  changes.some((change) => ['fieldReport', 'approval', 'document', 'indicator', 'activity'].includes(change.entity));

/** What the report form needs of an activity: its title and countries (from the list rows). */
export async function activitySummary(activityId: string, db: StepDatabase = getStore().db): Promise<{ title: LocalizedText; countries: string[] } | undefined> {
  const row = await db.activityRows.get(activityId);
  return row ? { title: row.title, countries: row.countries } : undefined;
}
