import type { FieldIssue } from '../domain/issues';
import type { AnyRecord } from '../domain/entities/registry';
import type { Activity } from '../domain/entities/activity';
import type { FieldReport } from '../domain/entities/fieldReport';
import type { IndicatorPeriod } from '../domain/entities/results';
import type { Person } from '../domain/entities/person';
import type { UserRole } from '../domain/taxonomy/roles';
import { mayHandlePersonalData } from '../access/personalData';

/**
 * What is checked when a record is submitted for review, beyond its schema (which every stored record
 * already passes). Errors block submission (a field report with no narrative); warnings flag a value far
 * outside its usual range and can be overridden with a comment, recorded on the submit step.
 * Messages are validation keys (`v.submit.*` errors, `v.warn.*` warnings), translated on the desk.
 *
 * The rules, per kind of record (kinds not listed have none):
 * - field report: a narrative (error); a location, from the device or typed (error); a visit date not
 *   after today (error), nor more than 90 days before it (warning), nor outside the activity's dates
 *   (warning); a device fix no worse than 500 m (warning); a country among the activity's (warning); each
 *   indicator value not negative, and within 1/10 to 10 times the target of the indicator's period that
 *   covers the visit date (warning);
 * - activity, technology offer, technology need: a description in at least one language (error); an
 *   activity planned to end more than 10 years after it starts (warning);
 * - person: at least one way to reach them, an e-mail address or a phone number (warning), only for a
 *   submitter whose role handles personal data (access/personalData.ts): the others neither see nor add them.
 */
export interface SubmissionReport {
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** Related records the checks read; the caller fetches what it has (missing ones are skipped, not guessed). */
export interface CheckContext {
  /** Today, YYYY-MM-DD, on the submitter's clock. */
  today: string;
  /** The activity a field report, participation... hangs off. */
  activity?: Activity;
  /** The indicator periods of the activity, for indicator values far from their targets. */
  indicatorPeriods?: readonly IndicatorPeriod[];
  /** The submitter's role (undefined: a desk nobody is signed in to), for checks on what only some roles see. */
  role?: UserRole;
}

/** Every error submissionChecks can report (a submit with any of them is refused). */
export const submissionErrorCodes = [
  'v.submit.narrativeRequired',
  'v.submit.locationRequired',
  'v.submit.visitInFuture',
  'v.submit.descriptionRequired',
] as const;
export type SubmissionErrorCode = (typeof submissionErrorCodes)[number];

/**
 * Every warning submissionChecks can report: the codes a submit approval's `overriddenWarnings` lists.
 * Append only: a code recorded on a past submit keeps its meaning.
 */
export const submissionWarningCodes = [
  'v.warn.visitLongAgo',
  'v.warn.visitOutsideActivity',
  'v.warn.lowAccuracy',
  'v.warn.countryNotInActivity',
  'v.warn.negativeValue',
  'v.warn.farAboveTarget',
  'v.warn.farBelowTarget',
  'v.warn.longDuration',
  'v.warn.noContact',
] as const;
export type SubmissionWarningCode = (typeof submissionWarningCodes)[number];

/** Thresholds of the warnings, named so that screens can say them. */
export const submissionLimits = {
  /** A visit longer ago than this is probably a typo in the date. */
  visitMaxAgeDays: 90,
  /** A device fix less precise than this does not say where the visit was. */
  accuracyMeters: 500,
  /** A value more than this many times its target (or less than its reciprocal) is far off. */
  targetFactor: 10,
  /** An activity planned for longer than this is probably a typo in a date. */
  plannedYears: 10,
} as const;

const dayMs = 24 * 60 * 60 * 1000;
/** Whole days from `from` to `to` (both YYYY-MM-DD; negative when `to` is earlier). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
/** The date `years` years after `date` (YYYY-MM-DD; 29 February becomes 1 March in a common year). */
function addYears(date: string, years: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at.toISOString().slice(0, 10);
}
const hasText = (text: Partial<Record<string, string>> | undefined) => Object.values(text ?? {}).some((value) => Boolean(value?.trim()));

export function submissionChecks(record: AnyRecord, context: CheckContext): SubmissionReport {
  const report: SubmissionReport = { errors: [], warnings: [] };
  switch (record.entity) {
    case 'fieldReport':
      fieldReportChecks(record, context, report);
      break;
    case 'activity':
      if (!hasText(record.description)) report.errors.push({ path: 'description', message: 'v.submit.descriptionRequired' });
      if (record.plannedEnd && record.plannedEnd > addYears(record.plannedStart, submissionLimits.plannedYears)) {
        report.warnings.push({ path: 'plannedEnd', message: 'v.warn.longDuration', params: { years: submissionLimits.plannedYears } });
      }
      break;
    case 'technologyOffer':
    case 'technologyNeed':
      if (!hasText(record.description)) report.errors.push({ path: 'description', message: 'v.submit.descriptionRequired' });
      break;
    case 'person':
      personChecks(record, context, report);
      break;
    default:
      break;
  }
  return report;
}

function personChecks(person: Person, context: CheckContext, report: SubmissionReport): void {
  // Contact details are personal data: a role that may not see or add them is not asked for them.
  if (!mayHandlePersonalData(context.role ? { role: context.role } : undefined)) return;
  if (!person.email && !person.phone?.trim()) report.warnings.push({ path: 'email', message: 'v.warn.noContact' });
}

function fieldReportChecks(fieldReport: FieldReport, context: CheckContext, report: SubmissionReport): void {
  const { errors, warnings } = report;
  if (!fieldReport.narrative.trim()) errors.push({ path: 'narrative', message: 'v.submit.narrativeRequired' });
  if (!fieldReport.location) errors.push({ path: 'location', message: 'v.submit.locationRequired' });

  const { visitDate } = fieldReport;
  if (visitDate > context.today) {
    errors.push({ path: 'visitDate', message: 'v.submit.visitInFuture', params: { today: context.today } });
  } else {
    const age = daysBetween(visitDate, context.today);
    if (age > submissionLimits.visitMaxAgeDays) warnings.push({ path: 'visitDate', message: 'v.warn.visitLongAgo', params: { days: age } });
  }

  // The activity's dates, widened by what actually happened (it may have started early or ended late).
  const activity = context.activity?.id === fieldReport.activityId ? context.activity : undefined;
  if (activity) {
    const start = [activity.plannedStart, activity.actualStart].filter((d): d is string => Boolean(d)).sort()[0]!;
    const ends = [activity.plannedEnd, activity.actualEnd].filter((d): d is string => Boolean(d)).sort();
    const end = ends[ends.length - 1];
    if (visitDate < start || (end !== undefined && visitDate > end)) {
      warnings.push({ path: 'visitDate', message: 'v.warn.visitOutsideActivity', params: { start, end: end ?? '…' } });
    }
    if (!activity.countries.includes(fieldReport.country)) {
      warnings.push({ path: 'country', message: 'v.warn.countryNotInActivity', params: { country: fieldReport.country } });
    }
  }

  const accuracy = fieldReport.location?.source === 'device' ? fieldReport.location.accuracyMeters : undefined;
  if (accuracy !== undefined && accuracy > submissionLimits.accuracyMeters) {
    warnings.push({ path: 'location', message: 'v.warn.lowAccuracy', params: { accuracy: Math.round(accuracy), limit: submissionLimits.accuracyMeters } });
  }

  const periods = (context.indicatorPeriods ?? []).filter((period) => period.activityId === fieldReport.activityId);
  for (const [i, { indicatorId, value }] of fieldReport.indicatorValues.entries()) {
    const path = `indicatorValues.${i}.value`;
    if (value < 0) {
      warnings.push({ path, message: 'v.warn.negativeValue', params: { value } });
      continue;
    }
    // The period of this indicator that covers the visit; the narrowest one if several do.
    const covering = periods
      .filter((period) => period.indicatorId === indicatorId && period.periodStart <= visitDate && visitDate <= period.periodEnd && period.target !== undefined && period.target > 0)
      .sort((a, b) => daysBetween(a.periodStart, a.periodEnd) - daysBetween(b.periodStart, b.periodEnd))[0];
    const target = covering?.target;
    if (target === undefined) continue;
    if (value > target * submissionLimits.targetFactor) warnings.push({ path, message: 'v.warn.farAboveTarget', params: { value, target, factor: submissionLimits.targetFactor } });
    else if (value < target / submissionLimits.targetFactor) warnings.push({ path, message: 'v.warn.farBelowTarget', params: { value, target, factor: submissionLimits.targetFactor } });
  }
}

/**
 * What stands in the way of submitting with `overriddenWarnings`: every error, and every warning whose
 * code is not overridden. Empty when the submit may go ahead (it then needs a comment if it overrides any).
 */
export function submissionBlockers(report: SubmissionReport, overriddenWarnings: readonly string[] = []): FieldIssue[] {
  return [...report.errors, ...report.warnings.filter((warning) => !overriddenWarnings.includes(warning.message))];
}

/** The codes of a report's warnings, once each: what a submit that overrides them all lists. */
export const warningCodesOf = (report: SubmissionReport): string[] => [...new Set(report.warnings.map((warning) => warning.message))];
