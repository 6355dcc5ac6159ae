import type { Document, FieldIssue, FieldReport } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined } from '../../ui/formValues';

/**
 * What the field-report form holds while an officer types: strings as typed (nothing is lost when a
 * value does not parse), and photos by the address of their bytes, which are stored the moment they are
 * chosen. These values are also the draft saved as they type, so they are plain JSON.
 */
export interface FormPhoto {
  sha256: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  caption: string;
  /** The document record, once the report is saved with this photo; undefined for a photo not saved yet. */
  documentId?: string;
}

export interface IndicatorEntry {
  value: string;
  note: string;
}

export interface FieldReportFormValues {
  activityId: string;
  country: string;
  visitDate: string;
  latitude: string;
  longitude: string;
  accuracyMeters: string;
  locationSource: 'device' | 'typed';
  placeName: string;
  narrative: string;
  /** By indicator id, in the order the form shows them. */
  indicatorValues: Record<string, IndicatorEntry>;
  photos: FormPhoto[];
  /** The stored version the form was opened on (its updatedAt; '' for a new report): a restored draft tells whether the report changed since. */
  basedOn: string;
}

/** The key of the form's draft (db/formDrafts.ts): `fieldReport:new` for a new report, `fieldReport:<id>` for one stored. */
export const draftKeyOf = (reportId: string | undefined): string => `fieldReport:${reportId ?? 'new'}`;

/** The country a new report defaults to: the activity's first country that is the officer's, else its first. */
export function defaultCountry(activityCountries: readonly string[], mine: readonly string[] | undefined): string {
  return activityCountries.find((c) => mine?.includes(c)) ?? activityCountries[0] ?? '';
}

export function emptyFieldReportForm(today: string, activityId = '', country = ''): FieldReportFormValues {
  return {
    activityId,
    country,
    visitDate: today,
    latitude: '',
    longitude: '',
    accuracyMeters: '',
    locationSource: 'typed',
    placeName: '',
    narrative: '',
    indicatorValues: {},
    photos: [],
    basedOn: '',
  };
}

/** The form for a stored report; `documents` are its photos' records (their files), those on this computer. */
export function fieldReportToForm(report: FieldReport, documents: ReadonlyMap<string, Document>): FieldReportFormValues {
  const indicatorValues: Record<string, IndicatorEntry> = {};
  for (const entry of report.indicatorValues) indicatorValues[entry.indicatorId] = { value: String(entry.value), note: entry.note ?? '' };
  return {
    activityId: report.activityId,
    country: report.country,
    visitDate: report.visitDate,
    latitude: report.location ? String(report.location.latitude) : '',
    longitude: report.location ? String(report.location.longitude) : '',
    accuracyMeters: report.location?.accuracyMeters !== undefined ? String(report.location.accuracyMeters) : '',
    locationSource: report.location?.source ?? 'typed',
    placeName: report.location?.placeName ?? '',
    narrative: report.narrative,
    indicatorValues,
    photos: report.photos.map((photo) => {
      const document = documents.get(photo.documentId);
      return {
        sha256: document?.sha256 ?? '',
        fileName: document?.fileName ?? '',
        mimeType: document?.mimeType ?? '',
        sizeBytes: document?.sizeBytes ?? 0,
        caption: photo.caption ?? '',
        documentId: photo.documentId,
      };
    }),
    basedOn: report.updatedAt,
  };
}

/**
 * A number as typed: a decimal comma is accepted when it is the only separator ("13,75"), spaces and a
 * degree sign are ignored. NaN when it is not a number; undefined when blank.
 */
export function parseNumber(text: string): number | undefined {
  let cleaned = text.trim().replace(/[°\s]/g, '');
  if (cleaned === '') return undefined;
  if (!cleaned.includes('.') && /^-?\d+,\d+$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/**
 * Coordinates pasted in one field, as a map or a phone shows them: "13.7563, 100.5018",
 * "13.7563 100.5018", "13.7563;100.5018", "13.7563° N, 100.5018° E", "13.7563N 100.5018E". South and west
 * make a coordinate negative. Undefined when the text is not a pair of coordinates in range.
 */
export function parseCoordinates(text: string): { latitude: number; longitude: number } | undefined {
  const part = String.raw`([-+]?\d+(?:\.\d+)?)\s*°?\s*([NSEW])?`;
  const match = new RegExp(String.raw`^\s*${part}\s*(?:[,;/]|\s)\s*${part}\s*$`, 'i').exec(text);
  if (!match) return undefined;
  const [, a, aHemisphere, b, bHemisphere] = match;
  const signed = (value: string, hemisphere: string | undefined) => {
    const number = Number(value);
    const h = hemisphere?.toUpperCase();
    return h === 'S' || h === 'W' ? -Math.abs(number) : number;
  };
  let latitude = signed(a!, aHemisphere);
  let longitude = signed(b!, bHemisphere);
  // "100.5°E 13.7°N": longitude written first, and said so.
  const isLongitude = (h: string | undefined) => h?.toUpperCase() === 'E' || h?.toUpperCase() === 'W';
  const isLatitude = (h: string | undefined) => h?.toUpperCase() === 'N' || h?.toUpperCase() === 'S';
  if (isLongitude(aHemisphere) && (isLatitude(bHemisphere) || !bHemisphere)) [latitude, longitude] = [longitude, latitude];
  else if (isLatitude(bHemisphere) && !aHemisphere) [latitude, longitude] = [longitude, latitude];
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

/** A number for the schema: the number, or the text as typed when it is not one (the form reports it first). */
const numberOrText = (text: string): number | undefined => {
  const parsed = parseNumber(text);
  return parsed === undefined || Number.isNaN(parsed) ? undefined : parsed;
};

/**
 * Problems the schema cannot name well because the form holds text: a value that is not a number, half
 * a pair of coordinates, a place with no coordinates, no activity. Paths are the form's fields
 * (`latitude`, `indicator.<id>`).
 */
export function formIssues(values: FieldReportFormValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!values.activityId) issues.push({ path: 'activityId', message: 'v.required' });
  if (!values.country) issues.push({ path: 'country', message: 'v.required' });
  if (!values.visitDate) issues.push({ path: 'visitDate', message: 'v.required' });
  const latitude = parseNumber(values.latitude);
  const longitude = parseNumber(values.longitude);
  const accuracy = parseNumber(values.accuracyMeters);
  if (Number.isNaN(latitude)) issues.push({ path: 'latitude', message: 'v.number' });
  if (Number.isNaN(longitude)) issues.push({ path: 'longitude', message: 'v.number' });
  if (Number.isNaN(accuracy)) issues.push({ path: 'accuracyMeters', message: 'v.number' });
  if (latitude === undefined && longitude !== undefined) issues.push({ path: 'latitude', message: 'v.required' });
  if (longitude === undefined && latitude !== undefined) issues.push({ path: 'longitude', message: 'v.required' });
  if (latitude === undefined && longitude === undefined && (values.placeName.trim() || accuracy !== undefined)) {
    issues.push({ path: 'latitude', message: 'v.coordinatesNeeded' });
  }
  for (const [indicatorId, entry] of Object.entries(values.indicatorValues)) {
    const value = parseNumber(entry.value);
    if (Number.isNaN(value)) issues.push({ path: `indicator.${indicatorId}`, message: 'v.number' });
    else if (value === undefined && entry.note.trim()) issues.push({ path: `indicator.${indicatorId}`, message: 'v.required' });
  }
  values.photos.forEach((photo, index) => {
    if (photo.caption.trim().length > 300) issues.push({ path: `photo.${index}`, message: 'v.tooLong' });
  });
  return issues;
}

/** The indicator entries the report keeps, in form order: those with a value. */
function indicatorEntries(values: FieldReportFormValues) {
  return Object.entries(values.indicatorValues).filter(([, entry]) => entry.value.trim() !== '');
}

/**
 * The draft to save (every field of a report is on the form, so nothing of the stored one needs keeping;
 * values of indicators not on this computer stay in the form's list). Photos not stored as documents yet are left out: the save creates their documents
 * once the report has an id, then lists them (saveFieldReport.ts).
 */
export function toFieldReportDraft(values: FieldReportFormValues): Draft<'fieldReport'> {
  const latitude = numberOrText(values.latitude);
  const longitude = numberOrText(values.longitude);
  const accuracy = numberOrText(values.accuracyMeters);
  const location =
    latitude === undefined || longitude === undefined
      ? undefined
      : {
          latitude,
          longitude,
          ...(accuracy === undefined ? {} : { accuracyMeters: accuracy }),
          source: values.locationSource,
          placeName: blankToUndefined(values.placeName),
        };
  return {
    activityId: values.activityId,
    country: values.country as FieldReport['country'],
    visitDate: values.visitDate,
    location,
    narrative: values.narrative,
    indicatorValues: indicatorEntries(values).map(([indicatorId, entry]) => ({
      indicatorId,
      value: numberOrText(entry.value) ?? Number.NaN,
      note: blankToUndefined(entry.note),
    })),
    photos: values.photos
      .filter((photo): photo is FormPhoto & { documentId: string } => Boolean(photo.documentId))
      .map((photo) => ({ documentId: photo.documentId, caption: blankToUndefined(photo.caption) })),
  };
}

/**
 * Where a schema problem is shown: on the form field its path names (`location.latitude` → `latitude`,
 * `indicatorValues.2.value` → the row of the indicator it is about, `photos.1.caption` → that photo).
 */
export function fieldOfIssue(path: string, values: FieldReportFormValues): string {
  if (path.startsWith('location.')) return path.slice('location.'.length);
  if (path === 'location') return 'latitude';
  const indicator = /^indicatorValues\.(\d+)/.exec(path);
  if (indicator) {
    const entry = indicatorEntries(values)[Number(indicator[1])];
    return entry ? `indicator.${entry[0]}` : 'indicators';
  }
  const photo = /^photos\.(\d+)/.exec(path);
  if (photo) {
    const saved = values.photos.filter((p) => p.documentId);
    const index = values.photos.indexOf(saved[Number(photo[1])]!);
    return index >= 0 ? `photo.${index}` : 'photos';
  }
  return path;
}

/** Moves one photo up (-1) or down (+1); out of range leaves the list as it is. */
export function movePhoto(photos: readonly FormPhoto[], index: number, by: -1 | 1): FormPhoto[] {
  const target = index + by;
  if (index < 0 || index >= photos.length || target < 0 || target >= photos.length) return [...photos];
  const next = [...photos];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
