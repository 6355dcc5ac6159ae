import { fieldReportSchema, type Document, type FieldReport } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import {
  defaultCountry,
  emptyFieldReportForm,
  fieldOfIssue,
  fieldReportToForm,
  formIssues,
  movePhoto,
  parseCoordinates,
  parseNumber,
  toFieldReportDraft,
  type FieldReportFormValues,
  type FormPhoto,
} from './fieldReportForm';

const activityId = '0194a3b0-0000-7000-8000-0000000000a1';
const indicatorA = '0194a3b0-0000-7000-8000-0000000000b1';
const indicatorB = '0194a3b0-0000-7000-8000-0000000000b2';
const documentA = '0194a3b0-0000-7000-8000-0000000000c1';
const documentB = '0194a3b0-0000-7000-8000-0000000000c2';
const sha = (c: string) => c.repeat(64);

const report: FieldReport = {
  entity: 'fieldReport',
  id: '0194a3b0-0000-7000-8000-0000000000f1',
  createdAt: '2025-05-01T08:00:00.000Z',
  updatedAt: '2025-05-02T08:00:00.000Z',
  activityId,
  country: 'TH',
  visitDate: '2025-04-30',
  location: { latitude: 13.7563, longitude: 100.5018, accuracyMeters: 12.5, source: 'device', placeName: 'Pilot plot 3' },
  narrative: 'Met the cooperative.\nHarvest started.',
  indicatorValues: [
    { indicatorId: indicatorA, value: 42, note: 'counted on site' },
    { indicatorId: indicatorB, value: 0.5, note: undefined },
  ],
  photos: [
    { documentId: documentB, caption: 'Drying racks' },
    { documentId: documentA, caption: undefined },
  ],
};

const document = (id: string, c: string): Document => ({
  entity: 'document',
  id,
  createdAt: report.createdAt,
  updatedAt: report.createdAt,
  sha256: sha(c),
  fileName: `${c}.jpg`,
  mimeType: 'image/jpeg',
  sizeBytes: 1234,
  attachedTo: { entity: 'fieldReport', recordId: report.id },
});
const documents = new Map([
  [documentA, document(documentA, 'a')],
  [documentB, document(documentB, 'b')],
]);

const photo = (c: string, overrides: Partial<FormPhoto> = {}): FormPhoto => ({ sha256: sha(c), fileName: `${c}.jpg`, mimeType: 'image/jpeg', sizeBytes: 10, caption: '', ...overrides });

describe('field report form: record ↔ form', () => {
  it('shows a stored report as text, photos with their files, and gives back the same report', () => {
    const values = fieldReportToForm(report, documents);
    expect(values).toMatchObject({
      activityId,
      country: 'TH',
      visitDate: '2025-04-30',
      latitude: '13.7563',
      longitude: '100.5018',
      accuracyMeters: '12.5',
      locationSource: 'device',
      placeName: 'Pilot plot 3',
      indicatorValues: { [indicatorA]: { value: '42', note: 'counted on site' }, [indicatorB]: { value: '0.5', note: '' } },
      basedOn: report.updatedAt,
    });
    expect(values.photos.map((p) => [p.documentId, p.sha256, p.caption])).toEqual([
      [documentB, sha('b'), 'Drying racks'],
      [documentA, sha('a'), ''],
    ]);
    const { entity: _e, id: _i, createdAt: _c, updatedAt: _u, ...content } = report;
    expect(toFieldReportDraft(values)).toEqual(content);
  });

  it('makes a valid draft of a typed report; blank fields are no value, not empty strings', () => {
    const values: FieldReportFormValues = {
      ...emptyFieldReportForm('2025-05-03', activityId, 'LA'),
      latitude: ' 17.9757 ',
      longitude: '102,6331',
      narrative: 'Training day two.',
      indicatorValues: { [indicatorA]: { value: '12', note: '  ' }, [indicatorB]: { value: '', note: '' } },
    };
    const draft = toFieldReportDraft(values);
    expect(draft).toEqual({
      activityId,
      country: 'LA',
      visitDate: '2025-05-03',
      location: { latitude: 17.9757, longitude: 102.6331, source: 'typed', placeName: undefined },
      narrative: 'Training day two.',
      indicatorValues: [{ indicatorId: indicatorA, value: 12, note: undefined }],
      photos: [],
    });
    const stamp = '2025-05-03T00:00:00.000Z';
    expect(fieldReportSchema.safeParse({ ...draft, entity: 'fieldReport', id: report.id, createdAt: stamp, updatedAt: stamp }).success).toBe(true);
    expect(formIssues(values)).toEqual([]);
  });

  it('leaves out of the draft the photos that have no document yet (the save attaches them), keeping the order of the others', () => {
    const values = { ...emptyFieldReportForm('2025-05-03', activityId, 'TH'), photos: [photo('c'), photo('b', { documentId: documentB, caption: ' Racks ' }), photo('d')] };
    expect(toFieldReportDraft(values).photos).toEqual([{ documentId: documentB, caption: 'Racks' }]);
    // A schema problem about the one listed photo is shown on that photo, by its place in the form.
    expect(fieldOfIssue('photos.0.caption', values)).toBe('photo.1');
  });

  it('has no location without coordinates', () => {
    expect(toFieldReportDraft(emptyFieldReportForm('2025-05-03', activityId, 'TH')).location).toBeUndefined();
  });
});

describe('field report form: its own checks', () => {
  const base = emptyFieldReportForm('2025-05-03', activityId, 'TH');

  it('names each field that needs attention', () => {
    expect(formIssues({ ...emptyFieldReportForm('') })).toEqual([
      { path: 'activityId', message: 'v.required' },
      { path: 'country', message: 'v.required' },
      { path: 'visitDate', message: 'v.required' },
    ]);
    expect(formIssues({ ...base, latitude: '13.7', longitude: '' })).toEqual([{ path: 'longitude', message: 'v.required' }]);
    expect(formIssues({ ...base, latitude: 'north', longitude: '100' })).toEqual([{ path: 'latitude', message: 'v.number' }]);
    expect(formIssues({ ...base, placeName: 'Village hall' })).toEqual([{ path: 'latitude', message: 'v.coordinatesNeeded' }]);
    expect(formIssues({ ...base, indicatorValues: { [indicatorA]: { value: 'many', note: '' }, [indicatorB]: { value: '', note: 'why' } } })).toEqual([
      { path: `indicator.${indicatorA}`, message: 'v.number' },
      { path: `indicator.${indicatorB}`, message: 'v.required' },
    ]);
    expect(formIssues({ ...base, photos: [photo('a', { caption: 'x'.repeat(301) })] })).toEqual([{ path: 'photo.0', message: 'v.tooLong' }]);
  });

  it('shows schema problems on the form field they are about', () => {
    const values = { ...base, indicatorValues: { [indicatorA]: { value: '', note: '' }, [indicatorB]: { value: '3', note: 'x' } } };
    expect(fieldOfIssue('location.latitude', values)).toBe('latitude');
    expect(fieldOfIssue('location.accuracyMeters', values)).toBe('accuracyMeters');
    // Only entries with a value are in the draft: the first one there is indicator B.
    expect(fieldOfIssue('indicatorValues.0.note', values)).toBe(`indicator.${indicatorB}`);
    expect(fieldOfIssue('narrative', values)).toBe('narrative');
  });
});

describe('typed coordinates', () => {
  it.each([
    ['13.7563, 100.5018', 13.7563, 100.5018],
    ['13.7563,100.5018', 13.7563, 100.5018],
    ['13.7563 100.5018', 13.7563, 100.5018],
    ['13.7563;100.5018', 13.7563, 100.5018],
    ['-8.5569, 125.5603', -8.5569, 125.5603],
    ['13.7563° N, 100.5018° E', 13.7563, 100.5018],
    ['8.5569S 125.5603E', -8.5569, 125.5603],
    ['100.5018°E 13.7563°N', 13.7563, 100.5018],
    ['  21.0278 , 105.8342  ', 21.0278, 105.8342],
  ])('reads %j', (text, latitude, longitude) => {
    expect(parseCoordinates(text)).toEqual({ latitude, longitude });
  });

  it.each(['13.7563', '', 'abc, def', '95, 100', '13, 200', '13.7563, 100.5018, 5', '13.75.63, 100'])('refuses %j', (text) => {
    expect(parseCoordinates(text)).toBeUndefined();
  });

  it('reads one number as typed: a decimal comma, a degree sign; NaN for text', () => {
    expect(parseNumber('13,7563')).toBe(13.7563);
    expect(parseNumber(' -8.5° ')).toBe(-8.5);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('1,234.5')).toBeNaN();
    expect(parseNumber('12abc')).toBeNaN();
  });
});

describe('small helpers', () => {
  it('moves photos up and down, never out of the list', () => {
    const photos = [photo('a'), photo('b'), photo('c')];
    expect(movePhoto(photos, 1, -1).map((p) => p.fileName)).toEqual(['b.jpg', 'a.jpg', 'c.jpg']);
    expect(movePhoto(photos, 1, 1).map((p) => p.fileName)).toEqual(['a.jpg', 'c.jpg', 'b.jpg']);
    expect(movePhoto(photos, 0, -1).map((p) => p.fileName)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(movePhoto(photos, 2, 1).map((p) => p.fileName)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  });

  it("defaults the country to the activity's first country that is the officer's", () => {
    expect(defaultCountry(['CN', 'LA', 'TH'], ['TH', 'LA'])).toBe('LA');
    expect(defaultCountry(['CN', 'LA'], ['VN'])).toBe('CN');
    expect(defaultCountry(['CN', 'LA'], undefined)).toBe('CN');
    expect(defaultCountry([], ['TH'])).toBe('');
  });
});
