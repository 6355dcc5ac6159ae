import { zipSync } from 'fflate';
import { BundleError } from './errors';
import { bundleLimits, manifestEntryName, manifestSignatureEntryName, partNamePattern } from './format';

/**
 * The bundle's container: a plain zip whose entries are all STORED (the parts are encrypted, so zip
 * compression would gain nothing; and a reader that refuses every other method cannot be zip-bombed).
 * Writing uses fflate; reading is our own small parser of the central directory, because a safe reader
 * must see what fflate's hides: duplicate names, methods and declared sizes before anything is read.
 */

export interface ZipEntryInput {
  name: string;
  bytes: Uint8Array;
}

/** A zip of STORED entries, in the order given, all dated `modified` (so the same input gives the same bytes). */
export function writeStoredZip(entries: readonly ZipEntryInput[], modified: Date): Uint8Array<ArrayBuffer> {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const entry of entries) {
    if (entry.name in files) throw new Error(`duplicate zip entry ${entry.name}`);
    files[entry.name] = [entry.bytes, { level: 0, mtime: modified }];
  }
  return zipSync(files, { level: 0, mtime: modified });
}

/** The zip format without zip64 holds at most 65,535 entries: two of them are the manifest and its signature. */
export const maxZipEntries = 65_535;

/** The only names a bundle holds; anything else that is a safe name is `unexpected-part`. */
export const isBundleEntryName = (name: string) => name === manifestEntryName || name === manifestSignatureEntryName || partNamePattern.test(name);

/**
 * True for a name that could not escape a directory it is extracted to, on any system: relative, forward
 * slashes only, no `.` or `..` segment, no drive letter, no control characters. Bundles are never
 * extracted, but a tool that unpacks one (or a person with an archiver) must be safe too.
 */
export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const limitFor = (name: string) =>
  name === manifestEntryName ? bundleLimits.maxManifestBytes : name === manifestSignatureEntryName ? bundleLimits.maxSignatureBytes : bundleLimits.maxPartPlainBytes + 16;

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endSignature = 0x06054b50;
const nameDecoder = new TextDecoder('utf-8', { fatal: true });

/** Checks the size and the outer shape of a file before anything else (empty, too large, not a zip). */
export function checkFileShape(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new BundleError('empty-file');
  if (bytes.length > bundleLimits.maxFileBytes) throw new BundleError('too-large', { size: bytes.length, limit: bundleLimits.maxFileBytes });
  if (bytes.length < 4 || readU32(bytes, 0) !== localHeaderSignature) throw new BundleError('not-a-zip');
}

const readU16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const readU32 = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;

/** Where the end-of-central-directory record starts: the last one whose comment runs exactly to the end of the file. */
function findEnd(bytes: Uint8Array): number | undefined {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (readU32(bytes, at) === endSignature && at + 22 + readU16(bytes, at + 20) === bytes.length) return at;
  }
  return undefined;
}

interface CentralEntry {
  name: string;
  flags: number;
  crc: number;
  size: number;
  localOffset: number;
}

/**
 * Reads a bundle's zip: every entry's bytes (views into `bytes`, not copies), in file order. Refuses,
 * before reading any entry's content: an empty, oversized or non-zip file; a cut-short one; unsafe,
 * duplicate or unexpected names; a compressed or encrypted entry; a declared size over the limits;
 * entries that overlap or run past their bounds; local headers that disagree with the central directory.
 */
export function readStoredZip(bytes: Uint8Array): Map<string, Uint8Array> {
  checkFileShape(bytes);
  const end = findEnd(bytes);
  // It starts like a zip but has no end record: the copy stopped before the end.
  if (end === undefined) throw new BundleError('truncated');
  const diskNumber = readU16(bytes, end + 4);
  const centralDisk = readU16(bytes, end + 6);
  const entriesHere = readU16(bytes, end + 8);
  const entryCount = readU16(bytes, end + 10);
  const centralSize = readU32(bytes, end + 12);
  const centralOffset = readU32(bytes, end + 16);
  if (diskNumber !== 0 || centralDisk !== 0 || entriesHere !== entryCount) throw new BundleError('zip-corrupt', { entry: 'end of central directory' });
  if (centralOffset + centralSize > end) throw new BundleError('zip-corrupt', { entry: 'central directory' });

  const central: CentralEntry[] = [];
  const seen = new Set<string>();
  let at = centralOffset;
  for (let index = 0; index < entryCount; index++) {
    if (at + 46 > centralOffset + centralSize || readU32(bytes, at) !== centralHeaderSignature) throw new BundleError('zip-corrupt', { entry: `#${index + 1}` });
    const flags = readU16(bytes, at + 8);
    const method = readU16(bytes, at + 10);
    const crc = readU32(bytes, at + 16);
    const compressedSize = readU32(bytes, at + 20);
    const size = readU32(bytes, at + 24);
    const nameLength = readU16(bytes, at + 28);
    const extraLength = readU16(bytes, at + 30);
    const commentLength = readU16(bytes, at + 32);
    const localOffset = readU32(bytes, at + 42);
    if (at + 46 + nameLength > centralOffset + centralSize) throw new BundleError('zip-corrupt', { entry: `#${index + 1}` });
    let name: string;
    try {
      name = nameDecoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      throw new BundleError('unsafe-entry-name', { entry: `#${index + 1}` });
    }
    if (!isSafeEntryName(name)) throw new BundleError('unsafe-entry-name', { entry: name });
    if (seen.has(name)) throw new BundleError('duplicate-entry', { entry: name });
    seen.add(name);
    if (!isBundleEntryName(name)) throw new BundleError('unexpected-part', { entry: name });
    // Bit 0: traditional encryption; bit 6: strong encryption. Method 0: stored.
    if ((flags & 0x41) !== 0 || method !== 0) throw new BundleError('unsupported-entry', { entry: name });
    if (compressedSize !== size) throw new BundleError('zip-corrupt', { entry: name });
    if (size > limitFor(name)) throw new BundleError('entry-too-large', { entry: name, size, limit: limitFor(name) });
    central.push({ name, flags, crc, size, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  // The directory is exactly as long as it says: nothing hides between its records and the end record.
  if (at !== centralOffset + centralSize) throw new BundleError('zip-corrupt', { entry: 'central directory' });

  // In file order, each entry's data must end before the next entry starts (overlapping entries would let a
  // small file present more data than it holds) and before the central directory. Each local header must
  // say what the central directory says (name, flags, method, CRC, sizes): a reader that trusts the local
  // headers (an archiver, a streaming unzipper) must see the same file as this one.
  const ordered = [...central].sort((a, b) => a.localOffset - b.localOffset);
  const entries = new Map<string, Uint8Array>();
  let previousEnd = 0;
  for (const entry of ordered) {
    const local = entry.localOffset;
    if (local < previousEnd || local + 30 > centralOffset || readU32(bytes, local) !== localHeaderSignature) throw new BundleError('zip-corrupt', { entry: entry.name });
    const flags = readU16(bytes, local + 6);
    const method = readU16(bytes, local + 8);
    const crc = readU32(bytes, local + 14);
    const compressedSize = readU32(bytes, local + 18);
    const size = readU32(bytes, local + 22);
    const nameLength = readU16(bytes, local + 26);
    const extraLength = readU16(bytes, local + 28);
    if ((flags & 0x41) !== 0 || method !== 0) throw new BundleError('unsupported-entry', { entry: entry.name });
    // Bit 3 (sizes in a data descriptor after the data) would leave the local sizes zero: bundles never use it.
    if (flags !== entry.flags || crc !== entry.crc || compressedSize !== entry.size || size !== entry.size) throw new BundleError('zip-corrupt', { entry: entry.name });
    const dataStart = local + 30 + nameLength + extraLength;
    const dataEnd = dataStart + entry.size;
    if (dataEnd > centralOffset) throw new BundleError('zip-corrupt', { entry: entry.name });
    let localName: string | undefined;
    try {
      localName = nameDecoder.decode(bytes.subarray(local + 30, local + 30 + nameLength));
    } catch {
      localName = undefined;
    }
    if (localName !== entry.name) throw new BundleError('zip-corrupt', { entry: entry.name });
    entries.set(entry.name, bytes.subarray(dataStart, dataEnd));
    previousEnd = dataEnd;
  }
  return entries;
}
