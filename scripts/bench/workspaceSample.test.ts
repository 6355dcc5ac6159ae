import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnyRecord } from '@shared/domain';
import { generateDemoRecords } from '@shared/demo/generate';
import { toNdjsonLine } from '@shared/records/ndjson';
import { workflowOf } from '@shared/workflow';
import { detailKinds, sampleWorkspace } from './workspaceSample';

const dir = mkdtempSync(join(tmpdir(), 'workspace-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records: AnyRecord[] = [...generateDemoRecords({ records: 6_000, seed: 1, mix: 'program', now: new Date('2026-11-25T00:00:00Z') })];
const file = join(dir, 'program.ndjson');
writeFileSync(file, records.map((record) => `${toNdjsonLine(record)}\n`).join(''));

describe('what the workspace benchmark takes from the data', () => {
  it('counts the records by kind', async () => {
    const sample = await sampleWorkspace(file, 10);
    expect(Object.values(sample.counts).reduce((a, b) => a + b, 0)).toBe(records.length);
    expect(sample.counts.person).toBe(records.filter((r) => r.entity === 'person').length);
  });

  it('takes search queries that find people: names in their own script, and romanized names', async () => {
    const sample = await sampleWorkspace(file, 10);
    const people = records.filter((r) => r.entity === 'person');
    expect(sample.queries.native).toHaveLength(10);
    expect(sample.queries.romanized).toHaveLength(10);
    for (const query of sample.queries.native) {
      expect(query).toMatch(/[\p{Script=Han}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u);
      expect(people.some((p) => p.nameNative?.includes(query))).toBe(true);
    }
    for (const query of sample.queries.romanized) {
      expect(query).toMatch(/^[\p{Script=Latin}'-]+$/u);
      expect(people.some((p) => p.nameRomanized?.replace(/\s+/g, '').toLowerCase().includes(query.toLowerCase()))).toBe(true);
    }
    sample.queries.native.forEach((query, i) => expect(query).not.toBe(sample.queries.native[i - 1]));
    // The same file gives the same queries.
    expect((await sampleWorkspace(file, 10)).queries).toEqual(sample.queries);
  });

  it('picks a training course with every section of the detail page filled, and the most trainees among those', async () => {
    const { activity } = await sampleWorkspace(file, 3);
    expect(activity).toBeDefined();
    expect(activity?.kind).toBe('training-course');
    const trainees = (id: string) => records.filter((r) => r.entity === 'participation' && r.activityId === id).length;
    expect(activity?.related.participation).toBe(trainees(activity?.id as string));
    for (const kind of ['participatingOrganization', 'participation', 'budget', 'result', 'fieldReport', 'document']) expect(activity?.related[kind]).toBeGreaterThan(0);
    // No course with as many sections filled has more trainees.
    const sections = (id: string) =>
      detailKinds.filter((kind) =>
        records.some((r) => r.entity === kind && ('activityId' in r ? r.activityId === id : r.entity === 'approval' ? r.target.recordId === id : r.entity === 'document' && r.attachedTo?.recordId === id)),
      ).length;
    const chosen = sections(activity?.id as string);
    const courses = records.filter((r) => r.entity === 'activity' && r.details.kind === 'training-course');
    for (const course of courses) if (sections(course.id) === chosen) expect(trainees(course.id)).toBeLessThanOrEqual(trainees(activity?.id as string));
  });

  it('picks the country with the most records waiting for its coordinator', async () => {
    const { coordinator } = await sampleWorkspace(file, 3);
    expect(coordinator).toBeDefined();
    const steps = new Map<string, Extract<AnyRecord, { entity: 'approval' }>[]>();
    for (const record of records) if (record.entity === 'approval') steps.set(record.target.recordId, [...(steps.get(record.target.recordId) ?? []), record]);
    const waitingIn = (country: string) =>
      records.filter(
        (r) =>
          ((r.entity === 'fieldReport' && r.country === country) || (r.entity === 'activity' && r.countries.includes(country as never))) &&
          workflowOf(steps.get(r.id) ?? []).state === 'submitted',
      ).length;
    expect(coordinator?.waiting).toBe(waitingIn(coordinator?.country as string));
    expect(coordinator?.waiting).toBeGreaterThan(0);
    for (const country of ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN']) expect(waitingIn(country)).toBeLessThanOrEqual(coordinator?.waiting as number);
  });
});
