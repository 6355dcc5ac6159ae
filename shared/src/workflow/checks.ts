import type { FieldIssue } from '../domain/issues';
import type { AnyRecord } from '../domain/entities/registry';
import type { Activity } from '../domain/entities/activity';
import type { IndicatorPeriod } from '../domain/entities/results';

/**
 * What is checked when a record is submitted for review, beyond its schema (which every stored record
 * already passes). Errors block submission (a field report with no narrative); warnings flag a value far
 * outside its usual range and can be overridden with a comment, recorded on the submit step.
 * Messages are validation keys (`v.submit.*` errors, `v.warn.*` warnings), translated on the desk.
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
}

export function submissionChecks(record: AnyRecord, context: CheckContext): SubmissionReport {
  void record;
  void context;
  return { errors: [], warnings: [] };
}
