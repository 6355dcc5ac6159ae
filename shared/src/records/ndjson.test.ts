import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleRecordList, exampleRecords } from '../demo/examples';
import { generateDemoRecords } from '../demo/generate';
import { createLineSplitter, parseRecordLine, toNdjsonLine, type ParsedLine } from './ndjson';

const line = (value: unknown) => JSON.stringify(value);
const activity = exampleRecords.activity;

function issuesOf(result: ParsedLine) {
  if (result.ok) throw new Error('expected the line to be rejected');
  return result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('toNdjsonLine / parseRecordLine', () => {
  it('round-trips every example record, one line each', () => {
    exampleRecordList.forEach((record, index) => {
      const text = toNdjsonLine(record);
      expect(text).not.toMatch(/[\r\n]/);
      const parsed = parseRecordLine(text, index + 1);
      expect(parsed).toEqual({ ok: true, record });
    });
  });

  it('round-trips generated records of every entity type', () => {
    const seen = new Set<string>();
    for (const record of generateDemoRecords({ records: 1500, seed: 3, now: new Date('2025-06-01T00:00:00Z') })) {
      const parsed = parseRecordLine(toNdjsonLine(record), 1);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.record).toEqual(record);
      seen.add(record.entity);
    }
    expect(seen.size).toBe(16);
  });

  it('keeps line breaks inside text on one line', () => {
    const report = { ...exampleRecords.fieldReport, narrative: 'First visit.\nSecond paragraph.\r\nThird\u2028fourth.' };
    const text = toNdjsonLine(report);
    expect(text).not.toMatch(/[\r\n]/);
    const parsed = parseRecordLine(text, 7);
    expect(parsed.ok && parsed.record.entity === 'fieldReport' && parsed.record.narrative).toBe(report.narrative);
  });

  it('fills schema defaults, as the importer will store them', () => {
    const { description: _description, defaultCurrency: _currency, ...bare } = activity;
    const parsed = parseRecordLine(line(bare), 1);
    expect(parsed.ok && parsed.record.entity === 'activity' && [parsed.record.description, parsed.record.defaultCurrency]).toEqual([{}, 'CNY']);
  });

  it('accepts a byte order mark and surrounding whitespace', () => {
    expect(parseRecordLine(`\uFEFF${line(activity)}`, 1).ok).toBe(true);
    expect(parseRecordLine(`  ${line(activity)}\r`, 1).ok).toBe(true);
  });

  it('reports text that is not JSON with its line number', () => {
    for (const bad of ['{"entity":"activity",', 'not json', `${line(activity)} trailing`, '{entity: "activity"}', "{'a':1}"]) {
      const parsed = parseRecordLine(bad, 42);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.lineNumber).toBe(42);
        expect(parsed.error.code).toBe('json');
        expect(parsed.error.issues[0]).toMatchObject({ path: '', message: 'v.json' });
      }
    }
  });

  it('rejects JSON that is not an object', () => {
    for (const bad of ['42', '"activity"', 'null', 'true', `[${line(activity)}]`]) {
      const parsed = parseRecordLine(bad, 3);
      expect(parsed).toMatchObject({ ok: false, lineNumber: 3, error: { code: 'schema' } });
      expect(issuesOf(parsed)).toEqual([{ path: '', message: 'v.invalid_type' }]);
    }
  });

  it('rejects an unknown or missing entity on the entity field', () => {
    expect(issuesOf(parseRecordLine(line({ ...activity, entity: 'project' }), 1))).toEqual([{ path: 'entity', message: 'v.entityType' }]);
    const { entity: _entity, ...noEntity } = activity;
    expect(issuesOf(parseRecordLine(line(noEntity), 1))).toEqual([{ path: 'entity', message: 'v.entityType' }]);
    expect(issuesOf(parseRecordLine(line({ ...activity, entity: 42 }), 1))).toEqual([{ path: 'entity', message: 'v.entityType' }]);
  });

  it('names the field and gives translatable messages for wrong types', () => {
    const cases: [Record<string, unknown>, { path: string; message: string }][] = [
      [{ countries: 'TH' }, { path: 'countries', message: 'v.invalid_type' }],
      [{ countries: ['TH', 'XX'] }, { path: 'countries.1', message: 'v.country' }],
      [{ plannedStart: 20240301 }, { path: 'plannedStart', message: 'v.date' }],
      [{ plannedStart: '2024-02-30' }, { path: 'plannedStart', message: 'v.date' }],
      [{ title: undefined }, { path: 'title', message: 'v.required' }],
      [{ title: 'Joint lab' }, { path: 'title', message: 'v.invalid_type' }],
      [{ id: 'not-a-uuid' }, { path: 'id', message: 'v.id' }],
      [{ details: { kind: 'workshop' } }, { path: 'details.kind', message: 'v.kind' }],
      [{ details: { kind: 'training-course', capacity: -3 } }, { path: 'details.capacity', message: 'v.positive' }],
      [{ status: 'ongoing' }, { path: 'status', message: 'v.status' }],
    ];
    for (const [patch, expected] of cases) {
      const parsed = parseRecordLine(line({ ...activity, ...patch }), 9);
      expect(parsed).toMatchObject({ ok: false, lineNumber: 9, error: { code: 'schema' } });
      expect(issuesOf(parsed)).toContainEqual(expected);
    }
  });

  it('reports every problem of a line, not just the first', () => {
    const parsed = parseRecordLine(line({ ...activity, countries: ['TH', 'TH'], plannedEnd: '2020-01-01' }), 5);
    expect(issuesOf(parsed)).toEqual(
      expect.arrayContaining([
        { path: 'countries', message: 'v.duplicates' },
        { path: 'plannedEnd', message: 'v.endBeforeStart' },
      ]),
    );
  });

  it('never throws, whatever the line holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ ...activity, details: v }))), (text) => {
        const parsed = parseRecordLine(text, 1);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...exampleRecordList), fc.string(), fc.jsonValue(), (record, key, value) => {
        const parsed = parseRecordLine(JSON.stringify({ ...record, [key]: value }), 1);
        if (!parsed.ok) for (const issue of parsed.error.issues) expect(issue.message.startsWith('v.')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('createLineSplitter', () => {
  const split = (chunks: string[]) => {
    const splitter = createLineSplitter();
    return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.flush()];
  };

  it('splits on \\n and \\r\\n and keeps blank lines for line numbering', () => {
    expect(split(['a\nb\r\n\nc'])).toEqual(['a', 'b', '', 'c']);
    expect(split(['a\n'])).toEqual(['a']);
    expect(split(['a\r\n'])).toEqual(['a']);
    expect(split([''])).toEqual([]);
    expect(split(['\n'])).toEqual(['']);
  });

  it('joins lines cut across chunks, including between \\r and \\n', () => {
    expect(split(['{"a":', '1}\n{"b"', ':2}'])).toEqual(['{"a":1}', '{"b":2}']);
    expect(split(['a\r', '\nb'])).toEqual(['a', 'b']);
    expect(split(['a', '', 'b', '\n', 'c'])).toEqual(['ab', 'c']);
  });

  it('drops a byte order mark at the start only', () => {
    expect(split(['\uFEFFa\n\uFEFFb'])).toEqual(['a', '\uFEFFb']);
    expect(split(['', '\uFEFF', 'a'])).toEqual(['a']);
  });

  it('gives the same lines wherever the input is cut', () => {
    const lineText = fc.string({ unit: fc.oneof(fc.constant('é'), fc.constant('中'), fc.constant('😀'), fc.constant('{'), fc.constant(' '), fc.string({ minLength: 1, maxLength: 1 })) }).map((s) => s.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(lineText, fc.constantFrom('\n', '\r\n')), { maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        (entries, bom, trailingBreak, cutPoints) => {
          let text = entries.map(([l, br], i) => (i === entries.length - 1 && !trailingBreak ? l : l + br)).join('');
          const expected = entries.map(([l]) => l);
          if (entries.length > 0 && !trailingBreak && expected[expected.length - 1] === '') expected.pop();
          if (bom) text = `\uFEFF${text}`;
          const cuts = [...new Set(cutPoints.map((p) => (text.length === 0 ? 0 : p % (text.length + 1))))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let from = 0;
          for (const at of cuts) {
            chunks.push(text.slice(from, at));
            from = at;
          }
          chunks.push(text.slice(from));
          expect(split(chunks)).toEqual(expected);
          expect(split([text])).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
