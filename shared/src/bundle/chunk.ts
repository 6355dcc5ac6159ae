import { maxJsonDepth } from '../api/contract';
import { recordIdSchema } from '../domain/ids';
import { entityTypes } from '../domain/entities/entityTypes';
import { countryCodes } from '../domain/taxonomy/countries';
import type { Change } from '../sync/change';
import { deviceIdSchema, formatStamp, stampSchema } from '../sync/hlc';
import { BundleError } from './errors';
import { bundleLimits } from './format';

/**
 * The encoding of one chunk: a run of one device's changes, in seq order, as the bytes that device signs.
 * Compact because a bundle of 100,000 records should be no larger than the same records as gzipped NDJSON
 * (the part is deflated afterwards, so the aim is less repetition, not fewer characters):
 *
 *   ["step-chunk", 1, device, [author, ...], [default scope...], group, group, ...]
 *   group  = [entity, recordId, authorIndex, 0 | [scope...], change, change, ...]
 *   change = [field, value]                                       the usual case, or
 *            [field, value, seqGap, wallDelta, counterCode, ...seen]  or
 *            [field, value, seqGap, "full stamp", ...seen]         for a stamp of another device
 *
 * A group is a run of consecutive changes to the same record by the same author with the same scope (a
 * create writes every field at once, so most changes share their record's fields). Seq and stamp are
 * deltas from the previous change: `seqGap` = seq − previous seq; `wallDelta` = wall ms − previous wall ms;
 * `counterCode` = the counter minus the previous counter when the wall did not move, else the counter.
 * The short form `[field, value]` means: seqGap 1, the same wall, the counter plus one, nothing seen.
 * Objects in values are written with sorted keys, so the same changes always give the same bytes.
 *
 * Decoding validates every change as `changeSchema` (sync/change.ts) would, but checks what a group
 * shares once per group, and builds own stamps from checked integers, instead of parsing each change
 * object whole: importing 100,000 records is about a million changes (chunk.test.ts holds the two to the
 * same verdicts).
 */

const magic = 'step-chunk';
const chunkEncodingVersion = 1;

type Json = Change['value'];

/** JSON with object keys sorted (Object.fromEntries keeps a `__proto__` key as data, unlike assignment). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.keys(inner)
        .sort()
        .map((key) => [key, (inner as Record<string, unknown>)[key]]),
    );
  });
}

interface StampParts {
  wall: number;
  counter: number;
  device: string;
}

const stampPattern = /^(\d{15})-([0-9a-z]{4})-(.+)$/;
function splitStamp(stamp: string): StampParts | undefined {
  const match = stampPattern.exec(stamp);
  return match ? { wall: Number(match[1]), counter: parseInt(match[2]!, 36), device: match[3]! } : undefined;
}

const sameArray = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/** Encodes changes of `device` (strictly increasing seq) as chunk bytes. Throws on input no chunk may hold. */
export function encodeChunk(device: string, changes: readonly Change[]): Uint8Array {
  if (changes.length === 0 || changes.length > bundleLimits.maxChunkChanges) throw new Error(`a chunk holds 1 to ${bundleLimits.maxChunkChanges} changes, not ${changes.length}`);
  const authors: string[] = [];
  const authorIndex = new Map<string, number>();
  const defaultScope = changes[0]!.scope;
  const groups: unknown[][] = [];
  let group: unknown[] | undefined;
  let groupKey: { entity: string; recordId: string; author: string; scope: readonly string[] } | undefined;
  let previous = { seq: 0, wall: 0, counter: 0 };

  for (const change of changes) {
    if (change.device !== device) throw new Error(`change ${change.device}:${change.seq} is not of device ${device}`);
    if (change.seq <= previous.seq) throw new Error(`changes of a chunk must have increasing seq (${change.seq} after ${previous.seq})`);
    const stamp = splitStamp(change.stamp);
    if (!stamp) throw new Error(`not a stamp: ${change.stamp}`);

    if (!groupKey || groupKey.entity !== change.entity || groupKey.recordId !== change.recordId || groupKey.author !== change.author || !sameArray(groupKey.scope, change.scope)) {
      let index = authorIndex.get(change.author);
      if (index === undefined) {
        index = authors.push(change.author) - 1;
        authorIndex.set(change.author, index);
      }
      group = [change.entity, change.recordId, index, sameArray(change.scope, defaultScope) ? 0 : [...change.scope]];
      groups.push(group);
      groupKey = { entity: change.entity, recordId: change.recordId, author: change.author, scope: change.scope };
    }

    const seqGap = change.seq - previous.seq;
    const ownStamp = stamp.device === device;
    let encoded: unknown[];
    if (seqGap === 1 && ownStamp && stamp.wall === previous.wall && stamp.counter === previous.counter + 1 && change.seen.length === 0) {
      encoded = [change.field, change.value];
    } else if (ownStamp) {
      const counterCode = stamp.wall === previous.wall ? stamp.counter - previous.counter : stamp.counter;
      encoded = [change.field, change.value, seqGap, stamp.wall - previous.wall, counterCode, ...change.seen];
    } else {
      encoded = [change.field, change.value, seqGap, change.stamp, ...change.seen];
    }
    group!.push(encoded);
    previous = { seq: change.seq, wall: stamp.wall, counter: stamp.counter };
  }
  return new TextEncoder().encode(stableJson([magic, chunkEncodingVersion, device, authors, [...defaultScope], ...groups]));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const invalid = (detail: string, part?: string): never => {
  throw new BundleError('chunk-invalid', part ? { part, detail } : { detail });
};
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const maxWall = 999_999_999_999_999;
const entitySet = new Set<string>(entityTypes);
const countrySet = new Set<string>(countryCodes);
const isAuthor = (author: string) => author.length >= 1 && author.length <= 100;
const isScope = (value: unknown): value is string[] => isStringArray(value) && value.every((country) => countrySet.has(country));
const maxCounter = 36 ** 4 - 1;

/**
 * True when `value` nests objects or arrays more than `maxJsonDepth` deep (a scalar is depth 0, `[1]` is
 * 1). Walked without recursion and stopping at the limit: later code (zod, canonical JSON, IndexedDB,
 * PostgreSQL's jsonb) walks values recursively, and a hostile depth would overflow its stack.
 */
function nestedTooDeep(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: { value: object; depth: number }[] = [{ value, depth: 1 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.depth > maxJsonDepth) return true;
    for (const item of Object.values(next.value)) if (item !== null && typeof item === 'object') stack.push({ value: item as object, depth: next.depth + 1 });
  }
  return false;
}

/**
 * Decodes chunk bytes into changes, each validated by the change schema, with values nested at most
 * `maxJsonDepth` deep (api/contract.ts, the server's limit for requests too). Anything malformed is
 * `chunk-invalid` (with `part` in the params when given): a signed chunk that does not decode is refused.
 */
export function decodeChunk(plain: Uint8Array, part?: string): { device: string; changes: Change[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(plain));
  } catch {
    return invalid('not UTF-8 JSON', part);
  }
  if (!Array.isArray(parsed) || parsed[0] !== magic) return invalid('not a chunk', part);
  if (parsed[1] !== chunkEncodingVersion) return invalid(`chunk encoding ${String(parsed[1])}`, part);
  const [, , device, authors, defaultScope, ...groups] = parsed as unknown[];
  if (typeof device !== 'string' || !deviceIdSchema.safeParse(device).success) return invalid('device', part);
  if (!isStringArray(authors) || !authors.every(isAuthor)) return invalid('authors', part);
  if (!isScope(defaultScope)) return invalid('scope', part);

  const changes: Change[] = [];
  let previous = { seq: 0, wall: 0, counter: 0 };
  for (const group of groups) {
    if (!Array.isArray(group) || group.length < 5) return invalid('group', part);
    const [entity, recordId, authorIndex, scopeSpec, ...encodedChanges] = group as unknown[];
    if (typeof entity !== 'string' || !entitySet.has(entity)) return invalid('entity', part);
    if (typeof recordId !== 'string' || !recordIdSchema.safeParse(recordId).success) return invalid('record id', part);
    if (!isInteger(authorIndex)) return invalid('group', part);
    const author = authors[authorIndex];
    if (author === undefined) return invalid('author index', part);
    // One array per group, shared by its changes (a million small copies cost more than the decoding).
    const scope = (scopeSpec === 0 ? [...defaultScope] : isScope(scopeSpec) ? scopeSpec : invalid('scope', part)) as Change['scope'];

    for (const encoded of encodedChanges) {
      if (!Array.isArray(encoded) || encoded.length < 2 || encoded.length === 3) return invalid('change', part);
      const field: unknown = encoded[0];
      if (typeof field !== 'string' || field.length < 1 || field.length > 64) return invalid('field', part);
      // From JSON.parse: a JSON value by construction.
      const value = encoded[1] as Json;
      if (nestedTooDeep(value)) return invalid(`value nested deeper than ${maxJsonDepth} levels`, part);
      let seq: number;
      let wall: number;
      let counter: number;
      let stamp: string;
      let seen: unknown[];
      if (encoded.length === 2) {
        seq = previous.seq + 1;
        wall = previous.wall;
        counter = previous.counter + 1;
        stamp = '';
        seen = [];
      } else {
        const seqGap = encoded[2];
        if (!isInteger(seqGap) || seqGap < 1) return invalid('seq', part);
        seq = previous.seq + seqGap;
        if (typeof encoded[3] === 'string') {
          const other = splitStamp(encoded[3]);
          if (!other || !stampSchema.safeParse(encoded[3]).success) return invalid('stamp', part);
          ({ wall, counter } = other);
          stamp = encoded[3];
          seen = encoded.slice(4);
        } else {
          const wallDelta = encoded[3];
          const counterCode = encoded[4];
          if (!isInteger(wallDelta) || !isInteger(counterCode)) return invalid('stamp', part);
          wall = previous.wall + wallDelta;
          counter = wallDelta === 0 ? previous.counter + counterCode : counterCode;
          stamp = '';
          seen = encoded.slice(5);
        }
      }
      if (!Number.isSafeInteger(seq) || wall < 0 || wall > maxWall || counter < 0 || counter > maxCounter) return invalid('seq or stamp out of range', part);
      // An own stamp is built from checked integers and the checked device id: valid by construction.
      if (stamp === '') stamp = formatStamp(wall, counter, device);
      if (seen.length > 256 || !seen.every((item) => typeof item === 'string' && stampSchema.safeParse(item).success)) return invalid('seen', part);
      changes.push({ device, seq, stamp, author, entity: entity as Change['entity'], recordId, field, value, seen: seen as string[], scope });
      if (changes.length > bundleLimits.maxChunkChanges) return invalid('too many changes', part);
      previous = { seq, wall, counter };
    }
  }
  if (changes.length === 0) return invalid('no changes', part);
  return { device, changes };
}
