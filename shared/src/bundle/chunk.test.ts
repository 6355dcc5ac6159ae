import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityTypes } from '../domain/entities/entityTypes';
import { countryCodes, type CountryCode } from '../domain/taxonomy/countries';
import { maxJsonDepth } from '../api/contract';
import { changeSchema, type Change } from '../sync/change';
import { formatStamp } from '../sync/hlc';
import { decodeChunk, encodeChunk } from './chunk';
import { BundleError } from './errors';
import { testChanges } from './testing';

const device = 'dev-A1';
const recordIds = ['0190a5b2-0000-7000-8000-000000000001', '0190a5b2-0000-7000-8000-000000000002', '0190a5b2-0000-7000-8000-000000000003'];

const stampArb = fc
  .record({ wall: fc.integer({ min: 0, max: 999_999_999_999_999 }), counter: fc.integer({ min: 0, max: 36 ** 4 - 1 }), device: fc.constantFrom(device, 'dev-B', 'x') })
  .map(({ wall, counter, device: d }) => formatStamp(wall, counter, d));

/** A run of one device's changes in increasing seq order, shaped like real ones often are (runs of a record, ticks) and often not. */
const changesArb = fc
  .array(
    fc.record({
      seqGap: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1_000_000 })),
      stampStep: fc.oneof(fc.constant('tick' as const), stampArb),
      author: fc.constantFrom('user:u1', 'device:dev-A1', 'user:another'),
      entity: fc.constantFrom(...entityTypes),
      recordId: fc.constantFrom(...recordIds),
      field: fc.oneof(fc.constantFrom('name', 'country', '_deleted'), fc.string({ minLength: 1, maxLength: 64 })),
      value: fc.jsonValue({ maxDepth: 3 }),
      seen: fc.array(stampArb, { maxLength: 3 }),
      scope: fc.oneof(fc.constant<CountryCode[]>(['TH']), fc.uniqueArray(fc.constantFrom(...countryCodes), { maxLength: 3 })),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((drafts) => {
    let seq = 0;
    let wall = 1_767_225_600_000;
    let counter = 0;
    return drafts.map((draft): Change => {
      seq += draft.seqGap;
      let stamp: string;
      if (draft.stampStep === 'tick') {
        counter = counter >= 36 ** 4 - 1 ? 0 : counter + 1;
        stamp = formatStamp(wall, counter, device);
      } else {
        stamp = draft.stampStep;
        [wall, counter] = [Number(stamp.slice(0, 15)), parseInt(stamp.slice(16, 20), 36)];
      }
      return { device, seq, stamp, author: draft.author, entity: draft.entity, recordId: draft.recordId, field: draft.field, value: draft.value as Change['value'], seen: draft.seen, scope: [...draft.scope] };
    });
  });

// JSON has no -0: a value that was -0 reads back as 0, which is the same JSON value.
const normalized = (changes: Change[]) => JSON.parse(JSON.stringify(changes)) as Change[];

describe('chunk encoding', () => {
  it('decode(encode(x)) equals x, and encode is deterministic', () => {
    fc.assert(
      fc.property(changesArb, (changes) => {
        const bytes = encodeChunk(device, changes);
        expect(decodeChunk(bytes)).toEqual({ device, changes: normalized(changes) });
        expect(encodeChunk(device, normalized(changes))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same bytes whatever the order of keys in values', () => {
    const [change] = testChanges({ device, author: 'user:u1', count: 1 });
    const a = encodeChunk(device, [{ ...change!, value: { b: 1, a: { d: 2, c: [3] } } }]);
    const b = encodeChunk(device, [{ ...change!, value: { a: { c: [3], d: 2 }, b: 1 } }]);
    expect(a).toEqual(b);
  });

  it('keeps a __proto__ key in a value as data', () => {
    const [change] = testChanges({ device, author: 'user:u1', count: 1 });
    const value = JSON.parse('{"__proto__":{"x":1},"y":2}') as Change['value'];
    const decoded = decodeChunk(encodeChunk(device, [{ ...change!, value }])).changes[0]!;
    expect(Object.keys(decoded.value as object)).toEqual(['__proto__', 'y']);
    expect(({} as { x?: number }).x).toBeUndefined();
  });

  it('is compact: a record’s run shares entity, id, author and scope, and a tick costs nothing', () => {
    const changes = testChanges({ device, author: 'user:u1', count: 1000, fieldsPerRecord: 10 });
    const text = new TextDecoder().decode(encodeChunk(device, changes));
    expect(text.split(changes[0]!.recordId).length - 1).toBe(1);
    expect(text.split('user:u1').length - 1).toBe(1);
    expect(text).not.toContain(changes[1]!.stamp);
    // field name, value and a few separators per change, not a JSON object with key names
    const perChange = changes.reduce((sum, change) => sum + change.field.length + JSON.stringify(change.value).length + 6, 0);
    const perRecord = 100 * ('organization'.length + changes[0]!.recordId.length + 12);
    expect(text.length).toBeLessThan((perChange + perRecord) * 1.05);
  });

  it('refuses to encode what a chunk may not hold', () => {
    const changes = testChanges({ device, author: 'user:u1', count: 3 });
    expect(() => encodeChunk(device, [])).toThrow();
    expect(() => encodeChunk('dev-other', changes)).toThrow(/not of device/);
    expect(() => encodeChunk(device, [changes[1]!, changes[0]!])).toThrow(/increasing seq/);
    expect(() => encodeChunk(device, testChanges({ device, author: 'user:u1', count: 5001 }))).toThrow();
  });

  it('refuses malformed chunks with chunk-invalid, never anything else', () => {
    const good = new TextDecoder().decode(encodeChunk(device, testChanges({ device, author: 'user:u1', count: 4 })));
    const bad = [
      '',
      'null',
      '{}',
      '[]',
      '["step-chunk",2,"dev-A1",[],[]]',
      '["step-chunk",1,"dev-A1",[],[]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",5,0,["name","x"]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","not-an-id",0,0,["name","x"]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["nope","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x"]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["XX"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x"]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x",0,0,0]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x",1,-5,0]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x",1,"junk"]]]',
      '["step-chunk",1,"dev-A1",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x",1,5,0,"not a stamp"]]]',
      '["step-chunk",1,"bad device!",["user:u1"],["TH"],["organization","0190a5b2-0000-7000-8000-000000000001",0,0,["name","x",1,5,0]]]',
      good.slice(0, -1),
      good.replace('"field0"', '""'),
    ];
    for (const text of bad) {
      let thrown: unknown;
      try {
        decodeChunk(new TextEncoder().encode(text), 'parts/000002.bin');
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(BundleError);
      expect((thrown as BundleError).code).toBe('chunk-invalid');
      expect((thrown as BundleError).params.part).toBe('parts/000002.bin');
    }
    expect(() => decodeChunk(new Uint8Array([0xff, 0xfe]))).toThrow(BundleError);
  });

  it('accepts only changes the change schema accepts, whatever is changed in a valid chunk', () => {
    const changes = testChanges({ device, author: 'user:u1', count: 12, fieldsPerRecord: 4 });
    changes[11] = { ...changes[11]!, seq: 40, seen: [changes[1]!.stamp], stamp: formatStamp(1, 2, 'dev-B') };
    const tree = JSON.parse(new TextDecoder().decode(encodeChunk(device, changes))) as unknown[];
    const paths: number[][] = [];
    const walk = (node: unknown, path: number[]) => {
      paths.push(path);
      if (Array.isArray(node)) node.forEach((child, index) => walk(child, [...path, index]));
    };
    walk(tree, []);
    const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', 'x'.repeat(65), 'x'.repeat(101), 'XX', 'TH', -1, 0, 1.5, 2 ** 60, '9'.repeat(16), 'organization', [], [[]]));
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((path) => path.length > 0)), junk, (path, replacement) => {
        const copy = JSON.parse(JSON.stringify(tree)) as unknown[];
        let parent = copy as unknown[];
        for (const index of path.slice(0, -1)) parent = parent[index] as unknown[];
        parent[path.at(-1)!] = replacement;
        let decoded: Change[] | undefined;
        try {
          decoded = decodeChunk(new TextEncoder().encode(JSON.stringify(copy))).changes;
        } catch (error) {
          expect((error as BundleError).code).toBe('chunk-invalid');
        }
        for (const change of decoded ?? []) expect(changeSchema.safeParse(change).success, JSON.stringify(change)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses arbitrary bytes with chunk-invalid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeChunk(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError);
        }
      }),
    );
  });

  it('refuses values nested deeper than maxJsonDepth, without overflowing the stack', () => {
    const nested = (levels: number): Change['value'] => (levels === 0 ? 'leaf' : levels % 2 ? [nested(levels - 1)] : { inner: nested(levels - 1) });
    const chunkWith = (value: Change['value']) => encodeChunk(device, [{ ...testChanges({ device, author: 'user:u1', count: 1 })[0]!, value }]);
    expect(decodeChunk(chunkWith(nested(maxJsonDepth))).changes[0]!.value).toEqual(nested(maxJsonDepth));
    expect(() => decodeChunk(chunkWith(nested(maxJsonDepth + 1)), 'parts/000002.bin')).toThrow(expect.objectContaining({ code: 'chunk-invalid', params: expect.objectContaining({ part: 'parts/000002.bin' }) }));
    // Far deeper than any recursive walker's stack: written by hand, since encoding it would recurse too.
    const valid = new TextDecoder().decode(chunkWith(1));
    const hostile = new TextEncoder().encode(valid.replace('"field0",1,', `"field0",${'['.repeat(200_000)}${']'.repeat(200_000)},`));
    expect(hostile.length).toBeGreaterThan(400_000);
    expect(() => decodeChunk(hostile)).toThrow(expect.objectContaining({ code: 'chunk-invalid' }));
  });
});
