import { describe, expect, it } from 'vitest';
import { entityTypes, type EntityType } from '../domain/entities/entityTypes';
import { anyRecordSchema, type AnyRecord } from '../domain/entities/registry';
import { activityKinds } from '../domain/taxonomy/modalities';
import { workflowOf } from '../workflow/workflow';
import type { Approval } from '../domain/entities/approval';
import { generateDemoRecords, type DemoOptions } from './generate';
import { countryProfiles } from './places';
import { policyTopics, technologyTopics } from './topics';

const now = new Date('2025-11-20T08:00:00.000Z');
const run = (options: Partial<DemoOptions> & { records: number }) => [...generateDemoRecords({ now, seed: 42, ...options })];

const program = run({ records: 5000 });
const activitiesOnly = run({ records: 2000, mix: 'activities' });

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every id a record refers to, with where it sits (a document's `attachedTo` is the one back-reference). */
function references(record: AnyRecord): { path: string; id: string }[] {
  const out: { path: string; id: string }[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}.${i}`));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const here = path ? `${path}.${key}` : key;
        if (typeof inner === 'string' && uuid.test(inner)) out.push({ path: here, id: inner });
        else walk(inner, here);
      }
    }
  };
  const { id: _own, ...rest } = record;
  walk(rest, '');
  return out;
}

function countBy(records: readonly AnyRecord[]): Map<EntityType, number> {
  const counts = new Map<EntityType, number>();
  for (const record of records) counts.set(record.entity, (counts.get(record.entity) ?? 0) + 1);
  return counts;
}

describe('generateDemoRecords', () => {
  it('yields exactly the number of records asked for', () => {
    for (const records of [0, 1, 17, 333]) {
      expect(run({ records })).toHaveLength(records);
      expect(run({ records, mix: 'activities' })).toHaveLength(records);
    }
    expect(program).toHaveLength(5000);
  });

  it('yields only records that pass anyRecordSchema, unchanged by parsing', () => {
    for (const record of [...program, ...activitiesOnly]) {
      const parsed = anyRecordSchema.safeParse(JSON.parse(JSON.stringify(record)));
      if (!parsed.success) throw new Error(`${record.entity} ${record.id}: ${JSON.stringify(parsed.error.issues)}`);
      expect(parsed.data).toEqual(record);
    }
  });

  it('covers all 16 entity types in the program mix, and only activities in the activities mix', () => {
    expect([...countBy(program).keys()].sort()).toEqual([...entityTypes].sort());
    expect([...countBy(activitiesOnly).keys()]).toEqual(['activity']);
  });

  it('yields every record a record refers to before it', () => {
    for (const records of [program, activitiesOnly]) {
      const seen = new Set<string>();
      for (const record of records) {
        for (const ref of references(record)) {
          // A photo points at its field report, which is stored after the photo it lists.
          if (record.entity === 'document' && ref.path === 'attachedTo.recordId' && record.attachedTo.entity === 'fieldReport') continue;
          if (!seen.has(ref.id)) throw new Error(`${record.entity}.${ref.path} refers to ${ref.id}, not yet yielded`);
        }
        seen.add(record.id);
      }
    }
  });

  it('gives photos to field reports that come right after them', () => {
    const ids = new Map(program.map((record, index) => [record.id, index]));
    for (const [index, record] of program.entries()) {
      if (record.entity !== 'document' || record.attachedTo.entity !== 'fieldReport') continue;
      const reportIndex = ids.get(record.attachedTo.recordId);
      if (reportIndex === undefined) continue; // the stream ended before the report
      expect(reportIndex).toBeGreaterThan(index);
      const report = program[reportIndex]!;
      expect(report.entity === 'fieldReport' && report.photos.map((p) => p.documentId)).toContain(record.id);
    }
  });

  it('mints unique UUIDv7 ids whose time is the record’s creation time', () => {
    const ids = new Set<string>();
    for (const record of program) {
      expect(ids.has(record.id)).toBe(false);
      ids.add(record.id);
      const ms = parseInt(record.id.slice(0, 8) + record.id.slice(9, 13), 16);
      expect(ms).toBe(Date.parse(record.createdAt));
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = run({ records: 5000 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(program));
    const other = run({ records: 300, seed: 43 });
    expect(other.map((r) => r.id)).not.toEqual(program.slice(0, 300).map((r) => r.id));
    const first = [...generateDemoRecords({ records: 50, now })];
    expect(JSON.stringify(first)).toBe(JSON.stringify([...generateDemoRecords({ records: 50, now, seed: 1 })]));
  });

  it('keeps timestamps in order and never after now', () => {
    for (const record of [...program, ...activitiesOnly]) {
      expect(record.createdAt <= record.updatedAt).toBe(true);
      expect(Date.parse(record.updatedAt)).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('has more people, participations, transactions and indicator periods than activities, and fewer organizations and offers', () => {
    const counts = countBy(program);
    const activities = counts.get('activity')!;
    for (const entity of ['person', 'participation', 'transaction', 'indicatorPeriod'] as const) expect(counts.get(entity)!).toBeGreaterThan(activities);
    for (const entity of ['organization', 'technologyOffer', 'technologyNeed', 'technologyMatch'] as const) expect(counts.get(entity)!).toBeLessThan(activities);
  });

  it('makes activities of every kind, with statuses that agree with their dates', () => {
    const today = now.toISOString().slice(0, 10);
    const kinds = new Set<string>();
    for (const record of activitiesOnly) {
      if (record.entity !== 'activity') continue;
      kinds.add(record.details.kind);
      expect(record.plannedStart >= '2012-01-01').toBe(true);
      if (record.actualStart) expect(record.actualStart <= today).toBe(true);
      if (record.actualEnd) expect(record.actualEnd <= today).toBe(true);
      if (record.status === 'pipeline') expect(record.actualStart).toBeUndefined();
      if (record.status === 'implementation') expect([record.actualStart !== undefined, record.actualEnd]).toEqual([true, undefined]);
      if (record.status === 'closed' || record.status === 'finalisation') expect(record.actualEnd).toBeDefined();
      if (record.plannedStart > today) expect(['pipeline', 'cancelled']).toContain(record.status);
    }
    expect([...kinds].sort()).toEqual(activityKinds.map((k) => k.code).sort());
    const future = activitiesOnly.filter((r) => r.entity === 'activity' && r.plannedStart > today);
    expect(future.length).toBeGreaterThan(0);
    expect(future.length).toBeLessThan(activitiesOnly.length * 0.1);
  });

  it('titles activities in English, Chinese and often the host language, matching their priority area', () => {
    const topicByArea = new Map([...technologyTopics, ...policyTopics].map((t) => [t.area, t]));
    let local = 0;
    for (const record of activitiesOnly) {
      if (record.entity !== 'activity') continue;
      expect(record.title.en).toBeTruthy();
      expect(record.title.zh).toMatch(/[\u4e00-\u9fff]/);
      const topic = topicByArea.get(record.priorityAreas[0]!)!;
      const parkName = record.details.kind === 'science-park' && record.details.zoneType === 'science-park';
      if (!parkName) {
        expect(record.title.en).toContain(topic.text.en);
        expect(record.title.zh).toContain(topic.text.zh);
      }
      const languages = Object.keys(record.title).filter((l) => l !== 'en' && l !== 'zh');
      if (languages.length > 0) {
        local += 1;
        const country = record.countries.find((c) => c !== 'CN')!;
        expect(languages).toEqual([countryProfiles[country].titleLanguage]);
      }
    }
    expect(local).toBeGreaterThan(activitiesOnly.length * 0.3);
  });

  it('writes people’s names in their own scripts, with a romanized form', () => {
    const scripts: Partial<Record<string, RegExp>> = {
      KH: /[\u1780-\u17ff]/,
      LA: /[\u0e80-\u0eff]/,
      MM: /[\u1000-\u109f]/,
      TH: /[\u0e00-\u0e7f]/,
      CN: /^[\u4e00-\u9fff]{2,4}$/,
    };
    const chineseScriptAbroad = new Set<string>();
    const vietnamese = { all: 0, marked: 0 };
    for (const record of program) {
      if (record.entity !== 'person') continue;
      expect(record.nameRomanized).toMatch(/^[A-Za-z][A-Za-z '-]*$/);
      const pattern = scripts[record.country];
      if (pattern && record.nameNative) expect(record.nameNative).toMatch(pattern);
      if (record.country === 'VN' && record.nameNative) {
        vietnamese.all += 1;
        if (/[\u0080-\uffff]/.test(record.nameNative)) vietnamese.marked += 1; // diacritics (Nguyễn, Đặng)
      }
      if ((record.country === 'MY' || record.country === 'SG') && record.nameNativeLanguage === 'zh') chineseScriptAbroad.add(record.country);
    }
    expect([...chineseScriptAbroad].sort()).toEqual(['MY', 'SG']);
    expect(vietnamese.marked).toBeGreaterThan(vietnamese.all * 0.8);
  });

  it('places field reports near a city of their country', () => {
    let located = 0;
    for (const record of program) {
      if (record.entity !== 'fieldReport' || !record.location) continue;
      located += 1;
      const { latitude, longitude } = record.location;
      const near = countryProfiles[record.country].cities.some((c) => Math.abs(c.lat - latitude) < 0.2 && Math.abs(c.lon - longitude) < 0.2);
      expect(near).toBe(true);
    }
    expect(located).toBeGreaterThan(10);
  });

  it('streams large counts quickly without holding them', () => {
    const started = Date.now();
    let count = 0;
    for (const record of generateDemoRecords({ records: 30_000, seed: 9, now })) if (record.id) count += 1;
    expect(count).toBe(30_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => run({ records: -1 })).toThrow(RangeError);
    expect(() => run({ records: 1.5 })).toThrow(RangeError);
  });
});

describe('demo review steps', () => {
  it('follow the review workflow: every step of every record counts, and every state occurs', () => {
    const byTarget = new Map<string, Approval[]>();
    for (const record of program) {
      if (record.entity !== 'approval') continue;
      const key = `${record.target.entity}:${record.target.recordId}`;
      byTarget.set(key, [...(byTarget.get(key) ?? []), record]);
    }
    expect(byTarget.size).toBeGreaterThan(50);
    const states = new Set<string>();
    for (const [key, steps] of byTarget) {
      const status = workflowOf(steps);
      expect(status.ignored, key).toEqual([]);
      states.add(status.state);
    }
    expect([...states].sort()).toEqual(expect.arrayContaining(['accepted', 'approved', 'submitted']));
  });
});
