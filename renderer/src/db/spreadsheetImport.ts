import type { Principal } from '@shared/access/rules';
import { derivedRecordId, newRecordId, type AnyRecord, type FieldIssue } from '@shared/domain';
import {
  emailKey,
  findHeaderRow,
  ImportPlanner,
  matchHeaders,
  NaturalKeyIndex,
  organizationKeys,
  OrganizationNames,
  participationKey,
  personNameKeys,
  summarizePlan,
  type CellValue,
  type HeaderMatch,
  type ImportKind,
  type OrganizationKeyFields,
  type PersonKeyFields,
  type PlannedRow,
  type PlanSummary,
  type RowIssue,
} from '@shared/spreadsheets';
import { tableOf } from './database';
import type { ImportItem } from './repository';
import { getStore, type Store } from './store';

/**
 * Spreadsheet imports (organizations, people, trainees of an activity): a dry run that says what each
 * row would do, and the import itself, through the repository in batches (each batch one transaction:
 * a stopped import keeps whole batches, and importing the same file again adds only what is missing).
 * Rows are recognised by natural key (shared/src/spreadsheets/naturalKeys.ts): a row already on this
 * computer is "already there" and imports nothing.
 */

export interface ImportSource {
  kind: ImportKind;
  /** The sheet's rows as read (CSV or XLSX), the header among them. */
  rows: readonly (readonly CellValue[])[];
  /** The activity trainees are enrolled in (kind "trainee"). */
  activityId?: string;
}

export interface ImportOptions {
  principal?: Principal;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export type DryRun =
  | { ok: false; problem: 'empty' | 'noActivity' }
  | { ok: false; problem: 'missingColumns'; header: HeaderMatch }
  | { ok: true; header: HeaderMatch; rows: PlannedRow[]; summary: PlanSummary };

export interface ImportResult {
  /** Rows that added something (a record, or an enrolment of a person already here). */
  imported: number;
  /** Rows already on this computer: nothing imported for them. */
  existing: number;
  organizations: number;
  people: number;
  participations: number;
  /** Rows not imported, with why (the dry run's errors, and any the write path refused). */
  errors: { row: number; issues: RowIssue[] }[];
  cancelled: boolean;
}

type StoreParts = Pick<Store, 'db' | 'repository'>;

/** Rows per transaction: a progress step every fraction of a second, few transactions for 20,000 rows. */
const batchRows = 250;
/** Rows planned between two yields to the page, so a large file's dry run does not freeze it. */
const planChunk = 1000;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What is on this computer that rows of this kind are recognised against (read once per run). */
async function existingRecords(kind: ImportKind, activityId: string | undefined, { db }: Pick<Store, 'db'>) {
  const existing = new NaturalKeyIndex();
  const organizations = await tableOf(db, 'organization').toArray();
  for (const organization of organizations) existing.addOrganization(organization.id, organization);
  const names = new OrganizationNames(organizations);
  if (kind !== 'organization') {
    await tableOf(db, 'person').each((person) => existing.addPerson(person.id, person));
  }
  if (kind === 'trainee' && activityId) {
    const participations = await tableOf(db, 'participation').where('activityId').equals(activityId).toArray();
    for (const participation of participations) existing.addParticipation(participation.activityId, participation.personId);
  }
  return { existing, names };
}

async function plan(source: ImportSource, options: ImportOptions, store: Pick<Store, 'db'>): Promise<DryRun> {
  // Trainees are enrolled in an activity on this computer, never in one it does not know.
  if (source.kind === 'trainee' && !(source.activityId && (await tableOf(store.db, 'activity').get(source.activityId)))) return { ok: false, problem: 'noActivity' };
  const headerIndex = findHeaderRow(source.rows);
  if (headerIndex === undefined) return { ok: false, problem: 'empty' };
  const header = matchHeaders(source.kind, source.rows[headerIndex] ?? [], headerIndex);
  if (header.missing.length > 0) return { ok: false, problem: 'missingColumns', header };
  const { existing, names } = await existingRecords(source.kind, source.activityId, store);
  const planner = new ImportPlanner({ kind: source.kind, header, existing, organizations: names, activityId: source.activityId, principal: options.principal });
  const rows: PlannedRow[] = [];
  const total = source.rows.length;
  for (let index = headerIndex + 1; index < total; index += 1) {
    const planned = planner.plan(source.rows[index] ?? [], index + 1);
    if (planned) rows.push(planned);
    if ((index - headerIndex) % planChunk === 0) {
      options.onProgress?.(index, total);
      await pause();
      if (options.signal?.aborted) break;
    }
  }
  options.onProgress?.(total, total);
  return { ok: true, header, rows, summary: summarizePlan(rows) };
}

/** What importing the rows would do, row by row, without storing anything. */
export function dryRunImport(source: ImportSource, options: ImportOptions = {}, store: Pick<Store, 'db'> = getStore()): Promise<DryRun> {
  return plan(source, options, store);
}

/**
 * The ids of imported records are derived from their natural keys (@shared/spreadsheets), not minted: two
 * desks that import the same sheet offline (an officer and a coordinator, the same course list) create
 * the same records, which merge when they sync instead of enrolling everyone twice. A row without a key
 * of its own (no name at all) cannot be planned as new, so every new row has one.
 */
const organizationIdOf = (organization: OrganizationKeyFields) => {
  const key = organizationKeys(organization)[0];
  return key ? derivedRecordId('organization', key) : newRecordId();
};
const personIdOf = (person: PersonKeyFields) => {
  const key = person.email?.trim() ? emailKey(person.email) : personNameKeys(person)[0];
  return key ? derivedRecordId('person', key) : newRecordId();
};

/** The records a planned row adds: the person before the participation that names them. */
function recordsOf(row: PlannedRow, activityId: string | undefined, at: string): AnyRecord[] {
  if (row.status !== 'new') return [];
  const stamp = { createdAt: at, updatedAt: at };
  switch (row.kind) {
    case 'organization':
      return [{ ...row.organization, entity: 'organization', id: organizationIdOf(row.organization), ...stamp }];
    case 'person':
      return [{ ...row.person, entity: 'person', id: personIdOf(row.person), ...stamp }];
    case 'trainee': {
      const person: AnyRecord | undefined = row.existingPersonId ? undefined : { ...row.person, entity: 'person', id: personIdOf(row.person), ...stamp };
      const personId = row.existingPersonId ?? (person as AnyRecord).id;
      const course = activityId ?? row.participation.activityId;
      const participation: AnyRecord = {
        ...row.participation,
        activityId: course,
        personId,
        entity: 'participation',
        id: derivedRecordId('participation', participationKey(course, personId)),
        ...stamp,
      };
      return person ? [person, participation] : [participation];
    }
  }
}

function issuesOf(row: number, issues: readonly FieldIssue[], header: HeaderMatch): RowIssue[] {
  return issues.map((issue) => {
    const field = issue.path.split('.')[0] ?? '';
    const column = header.headers[field];
    return { row, field, ...(column !== undefined ? { column } : {}), message: issue.message, ...(issue.params ? { params: issue.params } : {}) };
  });
}

/**
 * Imports the rows: plans them again on what is on this computer now (a row imported since the dry run
 * is "already there"), then stores the new ones in batches through the repository. Rows with errors
 * are not imported and come back with their problems.
 */
export async function applyImport(source: ImportSource, options: ImportOptions = {}, store: StoreParts = getStore()): Promise<ImportResult | Extract<DryRun, { ok: false }>> {
  const planned = await plan(source, { principal: options.principal, signal: options.signal }, store);
  if (!planned.ok) return planned;
  const result: ImportResult = { imported: 0, existing: 0, organizations: 0, people: 0, participations: 0, errors: [], cancelled: false };
  const toImport: PlannedRow[] = [];
  for (const row of planned.rows) {
    if (row.status === 'error') result.errors.push({ row: row.row, issues: row.issues });
    else if (row.status === 'existing') result.existing += 1;
    else toImport.push(row);
  }
  options.onProgress?.(0, toImport.length);
  for (let start = 0; start < toImport.length; start += batchRows) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    const batch = toImport.slice(start, start + batchRows);
    const at = new Date().toISOString();
    const items: ImportItem[] = [];
    for (const row of batch) {
      for (const record of recordsOf(row, source.activityId, at)) {
        items.push({ source: row.row, value: record });
      }
    }
    const outcome = await store.repository.importBatch(items, { enforceScope: true });
    const refused = new Map<number, FieldIssue[]>();
    for (const rejection of outcome.rejected) refused.set(rejection.source, [...(refused.get(rejection.source) ?? []), ...rejection.issues]);
    for (const row of batch) {
      const issues = refused.get(row.row);
      if (issues) result.errors.push({ row: row.row, issues: issuesOf(row.row, issues, planned.header) });
      else result.imported += 1;
    }
    for (const item of items) {
      if (refused.has(item.source)) continue;
      const entity = (item.value as AnyRecord).entity;
      if (entity === 'organization') result.organizations += 1;
      else if (entity === 'person') result.people += 1;
      else if (entity === 'participation') result.participations += 1;
    }
    options.onProgress?.(Math.min(start + batchRows, toImport.length), toImport.length);
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
