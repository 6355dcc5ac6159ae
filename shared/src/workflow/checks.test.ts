import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../demo/examples';
import type { FieldReport } from '../domain/entities/fieldReport';
import { submissionBlockers, submissionChecks, submissionErrorCodes, submissionWarningCodes, warningCodesOf, type CheckContext } from './checks';

const activity = exampleRecords.activity; // 2024-03-01 .. 2028-02-29, TH + CN
const period = exampleRecords.indicatorPeriod; // 2024-03-01 .. 2024-12-31, target 10
const report = (overrides: Partial<FieldReport> = {}): FieldReport => ({ ...exampleRecords.fieldReport, visitDate: '2024-06-10', ...overrides });
const context = (overrides: Partial<CheckContext> = {}): CheckContext => ({ today: '2024-06-20', activity, indicatorPeriods: [period], ...overrides });
const codes = (issues: readonly { message: string }[]) => issues.map((issue) => issue.message);

describe('submissionChecks: field reports', () => {
  it('passes a complete, recent report inside its activity with a value near its target', () => {
    expect(submissionChecks(report(), context())).toEqual({ errors: [], warnings: [] });
  });

  it('requires a narrative and a location (errors)', () => {
    const { errors } = submissionChecks(report({ narrative: '  ', location: undefined }), context());
    expect(errors).toEqual([
      { path: 'narrative', message: 'v.submit.narrativeRequired' },
      { path: 'location', message: 'v.submit.locationRequired' },
    ]);
  });

  it('accepts a typed location when the device had no fix', () => {
    const typed = report({ location: { latitude: 16.47, longitude: 102.82, source: 'typed' } });
    expect(submissionChecks(typed, context()).errors).toEqual([]);
  });

  it('refuses a visit in the future (error), warns about one more than 90 days ago', () => {
    expect(submissionChecks(report({ visitDate: '2024-06-21' }), context()).errors).toEqual([{ path: 'visitDate', message: 'v.submit.visitInFuture', params: { today: '2024-06-20' } }]);
    expect(codes(submissionChecks(report({ visitDate: '2024-06-20' }), context()).errors)).toEqual([]);
    // 2024-03-22 is 90 days before 2024-06-20: still fine; a day earlier is not.
    expect(submissionChecks(report({ visitDate: '2024-03-22' }), context()).warnings).toEqual([]);
    expect(submissionChecks(report({ visitDate: '2024-03-21' }), context()).warnings).toEqual([{ path: 'visitDate', message: 'v.warn.visitLongAgo', params: { days: 91 } }]);
  });

  it('warns about a visit outside the activity’s dates, widened by its actual dates', () => {
    const before = submissionChecks(report({ visitDate: '2024-02-20' }), context({ today: '2024-03-01' }));
    expect(before.warnings).toEqual([{ path: 'visitDate', message: 'v.warn.visitOutsideActivity', params: { start: '2024-03-01', end: '2028-02-29' } }]);
    const startedEarly = { ...activity, actualStart: '2024-02-01' };
    expect(submissionChecks(report({ visitDate: '2024-02-20' }), context({ today: '2024-03-01', activity: startedEarly })).warnings).toEqual([]);
    const ended = { ...activity, plannedEnd: '2024-05-31' };
    expect(codes(submissionChecks(report(), context({ activity: ended })).warnings)).toEqual(['v.warn.visitOutsideActivity']);
    const openEnded = { ...activity, plannedEnd: undefined };
    expect(submissionChecks(report(), context({ activity: openEnded })).warnings).toEqual([]);
  });

  it('skips the activity’s checks without the activity, or with another one', () => {
    const outside = report({ visitDate: '2024-02-20', country: 'VN' });
    expect(submissionChecks(outside, context({ today: '2024-03-01', activity: undefined })).warnings).toEqual([]);
    expect(submissionChecks(outside, context({ today: '2024-03-01', activity: { ...activity, id: exampleRecords.budget.id } })).warnings).toEqual([]);
  });

  it('warns about a country that is not the activity’s', () => {
    expect(submissionChecks(report({ country: 'VN' }), context()).warnings).toEqual([{ path: 'country', message: 'v.warn.countryNotInActivity', params: { country: 'VN' } }]);
  });

  it('warns about a device fix worse than 500 m, not about a typed location', () => {
    const fix = (accuracyMeters: number, source: 'device' | 'typed' = 'device') => report({ location: { latitude: 16.47, longitude: 102.82, accuracyMeters, source } });
    expect(submissionChecks(fix(500), context()).warnings).toEqual([]);
    expect(submissionChecks(fix(1200.4), context()).warnings).toEqual([{ path: 'location', message: 'v.warn.lowAccuracy', params: { accuracy: 1200, limit: 500 } }]);
    expect(submissionChecks(fix(1200, 'typed'), context()).warnings).toEqual([]);
  });

  it('warns about indicator values far from the target of the period covering the visit, or negative', () => {
    const indicatorId = period.indicatorId;
    const values = (...numbers: number[]) => report({ indicatorValues: numbers.map((value) => ({ indicatorId, value })) });
    // target 10: 1 and 100 are the edges, still fine.
    expect(submissionChecks(values(1, 100, 10), context()).warnings).toEqual([]);
    expect(submissionChecks(values(101, 0.5, -3), context()).warnings).toEqual([
      { path: 'indicatorValues.0.value', message: 'v.warn.farAboveTarget', params: { value: 101, target: 10, factor: 10 } },
      { path: 'indicatorValues.1.value', message: 'v.warn.farBelowTarget', params: { value: 0.5, target: 10, factor: 10 } },
      { path: 'indicatorValues.2.value', message: 'v.warn.negativeValue', params: { value: -3 } },
    ]);
    // A visit no period covers, a period without a target, another indicator: nothing to compare with.
    expect(submissionChecks({ ...values(500), visitDate: '2025-02-01' }, context({ today: '2025-02-10' })).warnings).toEqual([]);
    expect(submissionChecks(values(500), context({ indicatorPeriods: [{ ...period, target: undefined }] })).warnings).toEqual([]);
    expect(submissionChecks(report({ indicatorValues: [{ indicatorId: activity.id, value: 500 }] }), context()).warnings).toEqual([]);
    // Of two periods covering the visit, the narrower one's target counts.
    const quarter = { ...period, id: exampleRecords.budget.id, periodStart: '2024-04-01', periodEnd: '2024-06-30', target: 1 };
    expect(codes(submissionChecks(values(15), context({ indicatorPeriods: [period, quarter] })).warnings)).toEqual(['v.warn.farAboveTarget']);
  });
});

describe('submissionChecks: other records', () => {
  it('requires a description of an activity, an offer and a need', () => {
    expect(submissionChecks(activity, context()).errors).toEqual([]);
    for (const record of [{ ...activity, description: { en: ' ' } }, exampleRecords.technologyOffer, exampleRecords.technologyNeed]) {
      expect(submissionChecks(record, context()).errors).toEqual([{ path: 'description', message: 'v.submit.descriptionRequired' }]);
    }
    expect(submissionChecks({ ...exampleRecords.technologyOffer, description: { zh: '节水灌溉' } }, context()).errors).toEqual([]);
  });

  it('warns about an activity planned for more than 10 years', () => {
    expect(submissionChecks({ ...activity, plannedEnd: '2034-03-01' }, context()).warnings).toEqual([]);
    expect(submissionChecks({ ...activity, plannedEnd: '2034-03-02' }, context()).warnings).toEqual([{ path: 'plannedEnd', message: 'v.warn.longDuration', params: { years: 10 } }]);
  });

  it('warns about a person nobody can reach', () => {
    expect(submissionChecks(exampleRecords.person, context()).warnings).toEqual([{ path: 'email', message: 'v.warn.noContact' }]);
    expect(submissionChecks({ ...exampleRecords.person, phone: '+66 43 000 000' }, context()).warnings).toEqual([]);
    expect(submissionChecks({ ...exampleRecords.person, email: 'sudarat@kku.ac.th' }, context()).warnings).toEqual([]);
  });

  it('does not ask for contact details a submitter’s role may not see or add (personal data)', () => {
    const unreachable = exampleRecords.person;
    for (const role of ['secretariat', 'admin'] as const) expect(submissionChecks(unreachable, context({ role })).warnings, role).toEqual([]);
    for (const role of ['field-officer', 'national-coordinator'] as const) expect(codes(submissionChecks(unreachable, context({ role })).warnings), role).toEqual(['v.warn.noContact']);
    // A desk nobody is signed in to sees everything it holds: it is asked.
    expect(codes(submissionChecks(unreachable, context()).warnings)).toEqual(['v.warn.noContact']);
  });

  it('has nothing to say about organizations, matches, or records that are not reviewed', () => {
    for (const record of [exampleRecords.organization, exampleRecords.technologyMatch, exampleRecords.budget]) expect(submissionChecks(record, context())).toEqual({ errors: [], warnings: [] });
  });
});

describe('codes and blockers', () => {
  it('lists every code the checks use, errors as v.submit.*, warnings as v.warn.*', () => {
    expect(submissionErrorCodes.every((code) => code.startsWith('v.submit.'))).toBe(true);
    expect(submissionWarningCodes.every((code) => code.startsWith('v.warn.'))).toBe(true);
    const fieldReport = report({ narrative: '', location: undefined, visitDate: '2024-06-30', country: 'VN', indicatorValues: [{ indicatorId: period.indicatorId, value: -1 }] });
    const found = [
      submissionChecks(fieldReport, context()),
      submissionChecks(report({ visitDate: '2024-01-01', location: { latitude: 1, longitude: 1, accuracyMeters: 900, source: 'device' } }), context({ today: '2024-12-01' })),
      submissionChecks(report({ indicatorValues: [{ indicatorId: period.indicatorId, value: 1000 }, { indicatorId: period.indicatorId, value: 0 }] }), context()),
      submissionChecks({ ...activity, description: {}, plannedEnd: '2040-01-01' }, context()),
      submissionChecks(exampleRecords.person, context()),
    ];
    for (const { errors, warnings } of found) {
      for (const code of codes(errors)) expect(submissionErrorCodes).toContain(code);
      for (const code of codes(warnings)) expect(submissionWarningCodes).toContain(code);
    }
    const used = new Set(found.flatMap(({ errors, warnings }) => codes([...errors, ...warnings])));
    expect([...used].sort()).toEqual([...submissionErrorCodes, ...submissionWarningCodes].sort());
  });

  it('blocks a submit on every error and on each warning not overridden', () => {
    const checked = submissionChecks(report({ narrative: '', country: 'VN', visitDate: '2024-03-02' }), context());
    expect(warningCodesOf(checked)).toEqual(['v.warn.visitLongAgo', 'v.warn.countryNotInActivity']);
    expect(codes(submissionBlockers(checked))).toEqual(['v.submit.narrativeRequired', 'v.warn.visitLongAgo', 'v.warn.countryNotInActivity']);
    expect(codes(submissionBlockers(checked, ['v.warn.visitLongAgo']))).toEqual(['v.submit.narrativeRequired', 'v.warn.countryNotInActivity']);
    const warningsOnly = submissionChecks(report({ country: 'VN' }), context());
    expect(submissionBlockers(warningsOnly, warningCodesOf(warningsOnly))).toEqual([]);
  });
});
