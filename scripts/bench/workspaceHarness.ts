/**
 * Runs inside the workspace benchmark's page (bundled with esbuild, served from the app's origin so its
 * CSP stays on), on the app's own IndexedDB store ('step-desk', a second connection): the floors the UI
 * figures are compared with (plain Dexie reads of the same rows), the renderer's own read functions
 * timed phase by phase (where the UI's time goes), the review queue (`reviewQueue(db, principal)`, the
 * function the review page and the navigation's badge use), and the spreadsheet serializers alone.
 * It also tells the benchmark what a screen must show (how many people match a query), untimed, and
 * fakes an enrollment (workspace.ts).
 */
import type { Principal } from '@shared/access/rules';
import type { UserRole } from '@shared/domain';
import { toCsvBytes, writeXlsx } from '@shared/spreadsheets';
import type { WorkflowState } from '@shared/workflow';
import Dexie from 'dexie';
import { tableOf } from '../../renderer/src/db/database';
import { approvalsByRecord, emptyFieldReportFilter, fieldReportAuthors, fieldReportsOfActivity, filterRows, listFieldReports, type FieldReportRow } from '../../renderer/src/db/fieldReports';
import { listPeople } from '../../renderer/src/db/people';
import { listOrganizations } from '../../renderer/src/db/reads';
import { getStore } from '../../renderer/src/db/store';
import { reviewItems, reviewOverview, reviewQueue, waitsFor } from '../../renderer/src/db/workflow';
import { emptyPersonFilter, filterPeople, indexPeople, type IndexedPerson } from '../../renderer/src/features/people/personSearch';
import { listSheet } from '../../renderer/src/features/spreadsheets/saveSpreadsheet';

const db = () => getStore().db;

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
}

/** How many records of the kinds the workspace screens show are in the store. */
async function counts(): Promise<Record<string, number>> {
  const d = db();
  const [people, organizations, fieldReports, approvals, activities, changes] = await Promise.all([
    d.people.count(),
    d.organizations.count(),
    d.fieldReports.count(),
    d.approvals.count(),
    d.activities.count(),
    d.changes.count(),
  ]);
  return { people, organizations, fieldReports, approvals, activities, changes };
}

/** The floor of a list: a plain `toArray()` of its table (the approvals in `at` order, as the queue reads them). */
async function plainRead(table: 'people' | 'fieldReports' | 'approvals'): Promise<{ ms: number; rows: number }> {
  const d = db();
  const [ms, rows] = await timed(() => (table === 'approvals' ? d.approvals.orderBy('at').toArray() : d.table(table).toArray()));
  return { ms, rows: rows.length };
}

let peopleIndex: IndexedPerson[] | undefined;

/** The people list's load (PeopleListPage's loadPeople), phase by phase: the two reads, then the index (normalize and sort). */
async function peopleLoad(): Promise<{ peopleMs: number; organizationsMs: number; indexMs: number; people: number }> {
  const [peopleMs, people] = await timed(() => listPeople(getStore()));
  const [organizationsMs] = await timed(() => listOrganizations());
  const [indexMs, indexed] = await timed(() => indexPeople(people));
  peopleIndex = indexed;
  return { peopleMs, organizationsMs, indexMs, people: people.length };
}

/** How many people the list must show for `text`, and the filter's own time (the search floor). */
async function peopleMatches(text: string): Promise<{ count: number; filterMs: number }> {
  if (!peopleIndex) await peopleLoad();
  const [filterMs, rows] = await timed(() => filterPeople(peopleIndex as IndexedPerson[], { ...emptyPersonFilter(), text }));
  return { count: rows.length, filterMs };
}

let reportRows: FieldReportRow[] | undefined;

/**
 * The field-report list's load (listFieldReports), whole, then its parts one after another (the function
 * runs the three reads together): the reports, their authors (their `createdAt` changes in the change
 * log), their approvals, and the activities' titles.
 */
async function fieldReportsLoad(): Promise<{
  totalMs: number;
  reportsMs: number;
  authorsMs: number;
  authorChanges: number;
  authorsByKeyMs: number;
  authorsGetAllMs: number;
  approvalsMs: number;
  titlesMs: number;
  rows: number;
}> {
  const d = db();
  const deviceId = await getStore().repository.deviceId();
  const [totalMs, rows] = await timed(() => listFieldReports({ deviceId }, d));
  reportRows = rows;
  const [reportsMs, reports] = await timed(() => tableOf(d, 'fieldReport').toArray());
  const [authorsMs] = await timed(() => fieldReportAuthors(d));
  const range = d.changes.where('[entity+recordId]').between(['fieldReport', Dexie.minKey], ['fieldReport', Dexie.maxKey]);
  const authorChanges = await range.count();
  // What reading only the reports' creation changes costs (as an index on them would allow): those rows by their keys.
  const creationKeys = (await range.filter((change) => change.field === 'createdAt').toArray()).map((change) => [change.device, change.seq] as [string, number]);
  const [authorsByKeyMs] = await timed(() => d.changes.bulkGet(creationKeys));
  // The same rows as fieldReportAuthors reads, in one getAll (Dexie walks a cursor, a request per row, when given a filter).
  const [authorsGetAllMs] = await timed(async () => (await range.toArray()).filter((change) => change.field === 'createdAt'));
  const [approvalsMs] = await timed(() => approvalsByRecord('fieldReport', d));
  const [titlesMs] = await timed(() => d.activityRows.bulkGet([...new Set(reports.map((r) => r.activityId))]));
  return { totalMs, reportsMs, authorsMs, authorChanges, authorsByKeyMs, authorsGetAllMs, approvalsMs, titlesMs, rows: rows.length };
}

/** How many field reports the list shows with `state` chosen, and the filter's own time. */
async function fieldReportsMatching(state: WorkflowState): Promise<{ count: number; filterMs: number }> {
  if (!reportRows) await fieldReportsLoad();
  const [filterMs, rows] = await timed(() => filterRows(reportRows as FieldReportRow[], { ...emptyFieldReportFilter, state }));
  return { count: rows.length, filterMs };
}

/**
 * The floor of the activity detail page: plain indexed reads of every row its sections show, all issued
 * together (the activity, its partners and their organizations, participants and their people, budgets,
 * transactions, results, indicators, periods, field reports, documents, review steps, and its changes).
 */
async function detailReads(activityId: string): Promise<{ ms: number; rows: number }> {
  const d = db();
  const [ms, rows] = await timed(async () => {
    const [activity, partners, participations, budgets, transactions, results, indicators, periods, reports, documents, approvals, changes] = await Promise.all([
      d.activities.get(activityId),
      d.participatingOrganizations.where('activityId').equals(activityId).toArray(),
      d.participations.where('activityId').equals(activityId).toArray(),
      d.budgets.where('activityId').equals(activityId).toArray(),
      d.transactions.where('activityId').equals(activityId).toArray(),
      d.results.where('activityId').equals(activityId).toArray(),
      d.indicators.where('activityId').equals(activityId).toArray(),
      d.indicatorPeriods.where('activityId').equals(activityId).toArray(),
      d.fieldReports.where('activityId').equals(activityId).toArray(),
      d.documents.where('[attachedTo.entity+attachedTo.recordId]').equals(['activity', activityId]).toArray(),
      d.approvals.where('[target.entity+target.recordId]').equals(['activity', activityId]).toArray(),
      d.changes.where('[entity+recordId]').equals(['activity', activityId]).toArray(),
    ]);
    const [organizations, people] = await Promise.all([d.organizations.bulkGet(partners.map((p) => p.organizationId)), d.people.bulkGet(participations.map((p) => p.personId))]);
    return [activity, partners, participations, budgets, transactions, results, indicators, periods, reports, documents, approvals, changes, organizations, people].reduce<number>(
      (sum, found) => sum + (Array.isArray(found) ? found.length : found ? 1 : 0),
      0,
    );
  });
  return { ms, rows };
}

/**
 * The detail page's field-report section's read (fieldReportsOfActivity), and the plain reads of what it
 * shows: the activity's reports, their changes and their review steps, by index.
 */
async function activityReportsLoad(activityId: string): Promise<{ loadMs: number; plainMs: number; reports: number }> {
  const d = db();
  const deviceId = await getStore().repository.deviceId();
  const [loadMs, rows] = await timed(() => fieldReportsOfActivity(activityId, { deviceId }, d));
  const [plainMs] = await timed(async () => {
    const reports = await d.fieldReports.where('activityId').equals(activityId).toArray();
    const keys = reports.map((report) => ['fieldReport', report.id]);
    await Promise.all([d.changes.where('[entity+recordId]').anyOf(keys).toArray(), d.approvals.where('[target.entity+target.recordId]').anyOf(keys).toArray()]);
  });
  return { loadMs, plainMs, reports: rows.length };
}

export interface ReviewTiming {
  /** `reviewQueue(db, principal)`, each call. */
  queueMs: number[];
  /** `reviewOverview(db, principal)` (what the badge and the page compute), each call. */
  overviewMs: number[];
  waiting: number;
  /** One call taken apart: the approvals read in `at` order, the fold of every record's steps, the `recordMeta` read of the candidates, and the rest. */
  parts: { readMs: number; foldMs: number; metaMs: number; approvals: number; folded: number; candidates: number };
}

/** The review queue of `principal`, `calls` times (after one call not timed), and one call's parts. */
async function review(principal: Principal, calls: number): Promise<ReviewTiming> {
  const d = db();
  const first = await reviewQueue(d, principal);
  const waiting = first.reduce((sum, group) => sum + group.count, 0);
  const queueMs: number[] = [];
  const overviewMs: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    queueMs.push((await timed(() => reviewQueue(d, principal)))[0]);
    overviewMs.push((await timed(() => reviewOverview(d, principal)))[0]);
  }
  const [readMs, approvals] = await timed(() => d.approvals.orderBy('at').toArray());
  const [foldMs, items] = await timed(() => reviewItems(approvals));
  const candidates = items.filter((item) => waitsFor(item.state, principal.role));
  const [metaMs] = await timed(() => d.recordMeta.bulkGet(candidates.map((item) => [item.entity, item.recordId] as [string, string])));
  return { queueMs, overviewMs, waiting, parts: { readMs, foldMs, metaMs, approvals: approvals.length, folded: items.length, candidates: candidates.length } };
}

/**
 * The export's floor: the people read, their rows of plain values (the nine columns the list exports to
 * a desk not enrolled, codes instead of labels), and the file's bytes from the shared serializer.
 */
async function exportFloor(format: 'csv' | 'xlsx'): Promise<{ readMs: number; rowsMs: number; serializeMs: number; bytes: number; rows: number }> {
  const [readMs, people] = await timed(() => listPeople(getStore()));
  const [rowsMs, rows] = await timed(() =>
    people.map((p) => [p.nameNative, p.nameRomanized, p.sex, p.country, p.nationality, p.organizationId, p.position, p.roles.join(', '), p.id]),
  );
  const header = ['Native name', 'Romanized name', 'Sex', 'Country', 'Nationality', 'Organization', 'Position', 'Roles', 'ID'];
  const [serializeMs, bytes] = await timed(() => {
    const sheet = listSheet('people', header, rows);
    return format === 'csv' ? toCsvBytes(sheet.rows) : writeXlsx([sheet]);
  });
  return { readMs, rowsMs, serializeMs, bytes: bytes.byteLength, rows: rows.length };
}

/**
 * Stores an enrollment as if this computer had enrolled for `user` (serverSync's `net:enrollment`): after
 * a reload the desk takes them as its signed-in person (usePrincipal). No server: the certificate is not
 * signed, and the page is kept offline so the sync scheduler never tries one.
 */
async function fakeEnrollment(user: { id: string; displayName: string; role: UserRole; countries: string[] }): Promise<void> {
  const deviceId = await getStore().repository.deviceId();
  const issuedAt = new Date().toISOString();
  const enrollment = {
    serverUrl: 'https://step-bench.invalid',
    serverPublicKey: 'bench-not-a-key',
    certificate: {
      body: { version: 1, deviceId, devicePublicKey: 'bench', userId: user.id, username: user.id, displayName: user.displayName, role: user.role, countries: user.countries, issuedAt, issuer: 'bench' },
      signature: 'bench-not-signed',
    },
    user: { ...user, username: user.id },
    deviceName: 'bench desk',
    enrolledAt: issuedAt,
  };
  await db().syncState.put({ key: 'net:enrollment', value: enrollment });
}

export const stepWorkspaceBench = { counts, plainRead, peopleLoad, peopleMatches, fieldReportsLoad, fieldReportsMatching, detailReads, activityReportsLoad, review, exportFloor, fakeEnrollment };
export type StepWorkspaceBench = typeof stepWorkspaceBench;

(window as unknown as { __stepWorkspaceBench: StepWorkspaceBench }).__stepWorkspaceBench = stepWorkspaceBench;
