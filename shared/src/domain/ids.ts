import { sha256 } from '@noble/hashes/sha2.js';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/**
 * Record ids are UUIDv7, minted on the device that creates the record: no server round trip, no
 * collisions between offline devices, and a creation-time order for free.
 */
export const recordIdSchema = z.uuid({ version: 'v7', error: 'v.id' });
export type RecordId = z.infer<typeof recordIdSchema>;

export function newRecordId(): RecordId {
  return uuidv7();
}

/** 2020-01-01T00:00:00Z: the time part of derived ids (they are not created at one moment; see below). */
const derivedIdEpochMs = 1_577_836_800_000;

/**
 * The id of a record that stands for something identified outside the desk (a trainee by e-mail, an
 * enrolment by course and person): the same on every desk that derives it, so that two desks importing
 * the same spreadsheet offline create the same records, which then merge by sync instead of doubling.
 * A UUIDv7 in form (valid everywhere an id is), its random bits a SHA-256 of the kind and the key, its time
 * part a fixed epoch: it carries no creation time.
 */
export function derivedRecordId(kind: string, key: string): RecordId {
  const hash = sha256(new TextEncoder().encode(`step-record-id\n${kind}\n${key}`));
  const bytes = new Uint8Array(16);
  let time = derivedIdEpochMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(hash.subarray(6, 16), 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
