import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { fieldReportSchema } from './fieldReport';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

const valid = exampleRecords.fieldReport;
const at = (location: Record<string, unknown>) => ({ ...valid, location: { ...valid.location, ...location } });

describe('fieldReportSchema', () => {
  it('accepts a report with a device fix, indicator values and photos', () => {
    expect(problems(fieldReportSchema, valid)).toEqual([]);
  });

  it('accepts a typed location without accuracy, and no location at all', () => {
    expect(problems(fieldReportSchema, { ...valid, location: { latitude: 16.44, longitude: 102.84, source: 'typed', placeName: 'Khon Kaen' } })).toEqual([]);
    expect(problems(fieldReportSchema, { ...valid, location: undefined })).toEqual([]);
  });

  it('keeps coordinates on the globe', () => {
    expect(problems(fieldReportSchema, at({ latitude: 91 }))).toEqual([{ path: 'location.latitude', message: 'v.latitude' }]);
    expect(problems(fieldReportSchema, at({ latitude: -90.5 }))).toEqual([{ path: 'location.latitude', message: 'v.latitude' }]);
    expect(problems(fieldReportSchema, at({ longitude: 181 }))).toEqual([{ path: 'location.longitude', message: 'v.longitude' }]);
    expect(problems(fieldReportSchema, at({ latitude: 90, longitude: -180 }))).toEqual([]);
  });

  it('refuses a negative accuracy and an unknown location source', () => {
    expect(problems(fieldReportSchema, at({ accuracyMeters: -3 }))).toEqual([{ path: 'location.accuracyMeters', message: 'too_small' }]);
    expect(problems(fieldReportSchema, at({ source: 'gps' }))).toEqual([{ path: 'location.source', message: 'invalid_value' }]);
  });

  it('checks the visit date, country, indicator values and photos', () => {
    expect(problems(fieldReportSchema, { ...valid, visitDate: '18/03/2024' })).toEqual([{ path: 'visitDate', message: 'v.date' }]);
    expect(problems(fieldReportSchema, { ...valid, country: 'CH' })).toEqual([{ path: 'country', message: 'v.country' }]);
    expect(problems(fieldReportSchema, { ...valid, indicatorValues: [{ indicatorId: valid.indicatorValues[0]!.indicatorId, value: Number.NaN }] })).not.toEqual([]);
    expect(problems(fieldReportSchema, { ...valid, photos: [{ documentId: 'IMG_0001.jpg' }] })).toEqual([{ path: 'photos.0.documentId', message: 'v.id' }]);
  });

  it('fills an empty narrative and empty lists when they are left out', () => {
    const { narrative: _n, indicatorValues: _i, photos: _p, ...bare } = valid;
    expect(fieldReportSchema.parse(bare)).toMatchObject({ narrative: '', indicatorValues: [], photos: [] });
  });
});
