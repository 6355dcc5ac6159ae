import type { z } from 'zod';
import { writeRefusal, type Principal } from '../access/rules';
import { contentLanguageSchema } from '../domain/common';
import type { SystemField } from '../domain/entities/base';
import type { Organization } from '../domain/entities/organization';
import type { Participation } from '../domain/entities/participation';
import type { Person } from '../domain/entities/person';
import { entitySchemas } from '../domain/entities/registry';
import { fieldIssuesFrom } from '../domain/issues';
import { findCountry } from '../domain/taxonomy/countries';
import { cellDate, cellInteger, cellList, cellText, type CellValue } from './cells';
import { codeLists, columnOf, findCode, type ImportKind } from './columns';
import type { HeaderMatch } from './headers';
import { NaturalKeyIndex } from './naturalKeys';
import type { OrganizationNames } from './organizationNames';

export type OrganizationDraft = Omit<Organization, SystemField>;
export type PersonDraft = Omit<Person, SystemField>;
export type ParticipationDraft = Omit<Participation, SystemField | 'personId'>;

/** A problem with one cell of one row: the row as a spreadsheet program numbers it (header = 1). */
export interface RowIssue {
  row: number;
  /** The field (column key) the problem is in. */
  field: string;
  /** The column's header as the file writes it; undefined when the file has no such column. */
  column?: string;
  /** An i18n key (`v.*`), translated by the renderer's validation namespace. */
  message: string;
  params?: Record<string, string | number>;
}

/**
 * What importing a row does: nothing (an error, or "already there": a record with the row's natural key
 * is on this computer), or it adds a record. A re-import never updates: it says the row is already there.
 */
export type PlannedRow =
  | { row: number; status: 'error'; issues: RowIssue[] }
  | { row: number; status: 'new' | 'existing'; kind: 'organization'; organization: OrganizationDraft; existingId?: string }
  | { row: number; status: 'new' | 'existing'; kind: 'person'; person: PersonDraft; existingId?: string }
  | {
      row: number;
      status: 'new' | 'existing';
      kind: 'trainee';
      person: PersonDraft;
      /** The person already on this computer the row names; undefined: the row adds the person. */
      existingPersonId?: string;
      participation: ParticipationDraft;
    };

export interface PlanContext {
  kind: ImportKind;
  header: HeaderMatch;
  /** The records already on this computer, by natural key. */
  existing: NaturalKeyIndex;
  /** Organizations a person's "Organization" column may name. */
  organizations?: OrganizationNames;
  /** The activity trainees are enrolled in (kind "trainee"). */
  activityId?: string;
  /** The signed-in person: rows they could not write (another country) are refused here, not by the server later. */
  principal?: Principal;
}

// Stand-ins for the fields the write path fills, so the record schemas can judge a row whole.
const placeholderId = '00000000-0000-7000-8000-000000000000';
const placeholderTime = '2000-01-01T00:00:00.000Z';
const system = (entity: string) => ({ entity, id: placeholderId, createdAt: placeholderTime, updatedAt: placeholderTime });

function withoutSystem<T extends Record<string, unknown>>(record: T): Omit<T, SystemField> {
  const { entity: _entity, id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

/** Drops undefined values, so a record does not carry empty keys. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Turns rows into what importing them would do: reads each cell for its column, judges the record with
 * the shared schema (the one set of rules), recognises rows already on this computer or repeated in the
 * file. The same planner runs for the dry run and, again on fresh data, for the import itself.
 */
export class ImportPlanner {
  /** Rows of this file seen so far, by natural key (the id is the row number). */
  private readonly seen = new NaturalKeyIndex();

  constructor(private readonly context: PlanContext) {}

  /** Plans one row; undefined for a blank row (skipped, not counted). */
  plan(cells: readonly CellValue[], row: number): PlannedRow | undefined {
    const { keys } = this.context.header;
    const values: Record<string, CellValue> = {};
    let any = false;
    keys.forEach((key, index) => {
      if (!key) return;
      values[key] = cells[index];
      if (cellText(cells[index]) !== undefined) any = true;
    });
    if (!any) return undefined;
    const reader = new RowReader(this.context, values, row);
    switch (this.context.kind) {
      case 'organization':
        return this.planOrganization(reader);
      case 'person':
        return this.planPerson(reader, false);
      case 'trainee':
        return this.planPerson(reader, true);
    }
  }

  private planOrganization(reader: RowReader): PlannedRow {
    const country = reader.code('country');
    const name: Record<string, string> = {};
    const nameEn = reader.text('nameEn');
    const nameZh = reader.text('nameZh');
    const nameLocal = reader.text('nameLocal');
    if (nameEn) name.en = nameEn;
    if (nameZh) name.zh = nameZh;
    // The local name goes under the language given, else the country's first language not filled already.
    const explicitLanguage = reader.text('nameLocalLanguage');
    let localLanguage: string | undefined;
    if (explicitLanguage !== undefined) {
      const code = findCode('language', explicitLanguage) ?? explicitLanguage;
      if (!contentLanguageSchema.safeParse(code).success) reader.problem('nameLocalLanguage', 'v.notAllowed', { value: explicitLanguage, allowed: allowedCodes('language') });
      else if (nameLocal && code in name) reader.problem('nameLocalLanguage', 'v.nameLanguageTaken');
      else localLanguage = code;
    } else {
      localLanguage = findCountry(country ?? '')?.languages.find((language) => language !== 'en' && !(language in name)) ?? (name.en ? undefined : 'en');
    }
    if (nameLocal && localLanguage) name[localLanguage] = nameLocal;
    else if (nameLocal && explicitLanguage === undefined) reader.problem('nameLocalLanguage', 'v.required');
    const candidate = compact({
      name,
      acronym: reader.text('acronym'),
      type: reader.code('type'),
      country,
      city: reader.text('city'),
      address: reader.text('address'),
      website: reader.text('website'),
      email: reader.text('email'),
      phone: reader.text('phone'),
      iatiIdentifier: reader.text('iatiIdentifier'),
    });
    const organization = reader.validate('organization', candidate, (path) => {
      if (path[0] !== 'name') return String(path[0] ?? '');
      if (path[1] === 'en') return 'nameEn';
      if (path[1] === 'zh') return 'nameZh';
      if (path[1] !== undefined) return 'nameLocal';
      // No name at all: the first name column the file has.
      return ['nameEn', 'nameZh', 'nameLocal'].find((key) => key in this.context.header.headers) ?? 'nameEn';
    }) as OrganizationDraft | undefined;
    if (!organization || reader.issues.length > 0) return reader.failed();

    const earlier = this.seen.findOrganization(organization);
    if (earlier) return reader.duplicate(organization.name.en ? 'nameEn' : organization.name.zh ? 'nameZh' : 'nameLocal', Number(earlier));
    this.seen.addOrganization(String(reader.row), organization);
    const existingId = this.context.existing.findOrganization(organization);
    if (!existingId && !reader.inScope(organization.country)) return reader.failed();
    return { row: reader.row, status: existingId ? 'existing' : 'new', kind: 'organization', organization, ...(existingId ? { existingId } : {}) };
  }

  private planPerson(reader: RowReader, trainee: boolean): PlannedRow {
    const country = reader.code('country');
    let roles = reader.codes('roles', 'personRole');
    if (trainee && !roles?.includes('trainee')) roles = [...(roles ?? []), 'trainee'];
    let organizationId: string | undefined;
    const organizationText = reader.text('organization');
    if (organizationText !== undefined) {
      const found = this.context.organizations?.resolve(organizationText, country) ?? { problem: 'v.organizationNotFound' as const };
      if ('id' in found) organizationId = found.id;
      else reader.problem('organization', found.problem, { name: organizationText });
    }
    const candidate = compact({
      nameNative: reader.text('nameNative'),
      nameNativeLanguage: reader.code('nameNativeLanguage'),
      nameRomanized: reader.text('nameRomanized'),
      sex: reader.code('sex'),
      birthYear: reader.integer('birthYear'),
      country,
      nationality: reader.code('nationality'),
      organizationId,
      position: reader.text('position'),
      roles,
      email: reader.text('email'),
      phone: reader.text('phone'),
    });
    const person = reader.validate('person', candidate, (path) => (path[0] === 'organizationId' ? 'organization' : String(path[0] ?? ''))) as PersonDraft | undefined;

    let participation: ParticipationDraft | undefined;
    if (trainee) {
      const parsed = reader.validate(
        'participation',
        compact({
          activityId: this.context.activityId,
          personId: placeholderId,
          role: 'trainee',
          status: reader.code('status') ?? 'enrolled',
          attendanceDays: reader.integer('attendanceDays'),
          completedOn: reader.date('completedOn'),
          certificateNumber: reader.text('certificateNumber'),
        }),
        (path) => (path[0] === 'role' ? 'status' : String(path[0] ?? '')),
      ) as (ParticipationDraft & { personId?: string }) | undefined;
      if (parsed) {
        const { personId: _personId, ...rest } = parsed;
        participation = rest;
      }
    }
    if (!person || (trainee && !participation) || reader.issues.length > 0) return reader.failed();

    const earlier = this.seen.findPerson(person);
    if (earlier) return reader.duplicate(person.email && this.context.header.headers.email ? 'email' : person.nameRomanized ? 'nameRomanized' : 'nameNative', Number(earlier));
    this.seen.addPerson(String(reader.row), person);
    const existingId = this.context.existing.findPerson(person);
    if (!existingId && !reader.inScope(person.country)) return reader.failed();

    if (!trainee) return { row: reader.row, status: existingId ? 'existing' : 'new', kind: 'person', person, ...(existingId ? { existingId } : {}) };
    const activityId = this.context.activityId ?? '';
    const enrolled = existingId !== undefined && this.context.existing.isEnrolled(activityId, existingId);
    return {
      row: reader.row,
      status: enrolled ? 'existing' : 'new',
      kind: 'trainee',
      person,
      ...(existingId ? { existingPersonId: existingId } : {}),
      participation: participation as ParticipationDraft,
    };
  }
}

function allowedCodes(list: Parameters<typeof findCode>[0]): string {
  return codeLists[list].map((option) => option.code).join(', ');
}

/** Reads one row's cells for their columns, collecting the row's problems (one per cell). */
class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    private readonly context: PlanContext,
    private readonly values: Record<string, CellValue>,
    readonly row: number,
  ) {}

  has(field: string): boolean {
    return cellText(this.values[field]) !== undefined;
  }

  problem(field: string, message: string, params?: Record<string, string | number>): void {
    if (this.issues.some((issue) => issue.field === field)) return;
    const column = this.context.header.headers[field];
    this.issues.push({ row: this.row, field, ...(column !== undefined ? { column } : {}), message, ...(params ? { params } : {}) });
  }

  text(field: string): string | undefined {
    return cellText(this.values[field]);
  }

  /** A code: the code of the value typed (code, label or alias), else the text as typed, for the schema to refuse. */
  code(field: string): string | undefined {
    const text = this.text(field);
    const list = columnOf(this.context.kind, field)?.codes;
    if (text === undefined || !list) return text;
    return findCode(list, text) ?? text;
  }

  codes(field: string, list: Parameters<typeof findCode>[0]): string[] | undefined {
    const items = cellList(this.values[field]);
    return items.length === 0 ? undefined : items.map((item) => findCode(list, item) ?? item);
  }

  integer(field: string): number | undefined {
    const read = cellInteger(this.values[field]);
    if ('problem' in read) {
      this.problem(field, read.problem);
      return undefined;
    }
    return read.value;
  }

  date(field: string): string | undefined {
    return cellDate(this.values[field]);
  }

  /**
   * Judges a candidate record with its entity's shared schema and returns it without the system fields,
   * or undefined with its problems noted: "required" for an empty cell the record needs, the allowed
   * codes for a coded cell that is none of them, the schema's own message otherwise.
   */
  validate(entity: 'organization' | 'person' | 'participation', candidate: Record<string, unknown>, fieldOf: (path: readonly PropertyKey[]) => string): Record<string, unknown> | undefined {
    const parsed = entitySchemas[entity].safeParse({ ...candidate, ...system(entity) });
    if (parsed.success) return withoutSystem(parsed.data as Record<string, unknown>);
    const messages = fieldIssuesFrom(parsed.error);
    parsed.error.issues.forEach((issue: z.core.$ZodIssue, i) => {
      const field = fieldOf(issue.path);
      const message = messages[i] as { message: string; params?: Record<string, string | number> };
      const definition = columnOf(this.context.kind, field);
      if (!this.has(field) && issue.code !== 'custom') this.problem(field, 'v.required');
      else if (issue.code === 'invalid_value' && definition?.codes) {
        this.problem(field, 'v.notAllowed', { value: this.text(field) ?? '', allowed: allowedCodes(definition.codes) });
      } else this.problem(field, message.message, message.params);
    });
    return undefined;
  }

  duplicate(field: string, earlierRow: number): PlannedRow {
    this.problem(field, 'v.duplicateRow', { row: earlierRow });
    return this.failed();
  }

  /** Whether the signed-in person may add a record of this country (always, on a desk not enrolled). */
  inScope(country: string): boolean {
    const principal = this.context.principal;
    if (!principal || !writeRefusal(principal, undefined, [country])) return true;
    this.problem('country', 'v.outOfScope', { country });
    return false;
  }

  failed(): PlannedRow {
    return { row: this.row, status: 'error', issues: this.issues };
  }
}

export interface PlanSummary {
  rows: number;
  new: number;
  existing: number;
  errors: number;
}

export function summarizePlan(rows: readonly PlannedRow[]): PlanSummary {
  const summary: PlanSummary = { rows: rows.length, new: 0, existing: 0, errors: 0 };
  for (const row of rows) {
    if (row.status === 'new') summary.new += 1;
    else if (row.status === 'existing') summary.existing += 1;
    else summary.errors += 1;
  }
  return summary;
}
