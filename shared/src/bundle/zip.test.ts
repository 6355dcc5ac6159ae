import { zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError } from './errors';
import { isSafeEntryName, readStoredZip, writeStoredZip } from './zip';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleError) return error.code;
    throw error;
  }
  return undefined;
};

describe('the stored zip', () => {
  it('reads back what it wrote, in order, as views (no copies)', () => {
    const entries = [
      { name: 'manifest.json', bytes: new TextEncoder().encode('{}') },
      { name: 'manifest.sig', bytes: new Uint8Array([1, 2]) },
      { name: 'parts/000001.bin', bytes: new Uint8Array(1000).fill(7) },
    ];
    const file = writeStoredZip(entries, new Date('2026-01-01T00:00:00Z'));
    const read = readStoredZip(file);
    expect([...read.keys()]).toEqual(entries.map((entry) => entry.name));
    expect([...read.values()]).toEqual(entries.map((entry) => entry.bytes));
    expect(read.get('parts/000001.bin')!.buffer).toBe(file.buffer);
    // The same input gives the same bytes.
    expect(writeStoredZip(entries, new Date('2026-01-01T00:00:00Z'))).toEqual(file);
  });

  it('never throws anything but a BundleError on arbitrary or mangled input', () => {
    const file = writeStoredZip([{ name: 'manifest.json', bytes: new Uint8Array(50) }, { name: 'parts/000001.bin', bytes: new Uint8Array(30) }], new Date());
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        codeOf(() => readStoredZip(bytes));
      }),
    );
    fc.assert(
      fc.property(fc.nat(file.length - 1), fc.nat(7), (at, bit) => {
        const copy = file.slice();
        copy[at]! ^= 1 << bit;
        codeOf(() => readStoredZip(copy));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses encrypted entries and entries whose stored size differs', () => {
    const file = writeStoredZip([{ name: 'manifest.json', bytes: new Uint8Array(10) }], new Date());
    const encrypted = file.slice();
    encrypted[6]! |= 1; // local header flags
    const end = file.length - 22;
    const central = new DataView(file.buffer).getUint32(end + 16, true);
    encrypted[central + 8]! |= 1; // central header flags
    expect(codeOf(() => readStoredZip(encrypted))).toBe('unsupported-entry');
    const sizes = file.slice();
    sizes[central + 20]! += 1; // compressed size
    expect(codeOf(() => readStoredZip(sizes))).toBe('zip-corrupt');
  });

  it('refuses overlapping entries (more data than the file holds)', () => {
    const file = writeStoredZip(
      [
        { name: 'parts/000001.bin', bytes: new Uint8Array(100) },
        { name: 'parts/000002.bin', bytes: new Uint8Array(100) },
      ],
      new Date(),
    );
    const view = new DataView(file.buffer);
    const central = view.getUint32(file.length - 22 + 16, true);
    const second = central + 46 + 'parts/000001.bin'.length;
    view.setUint32(second + 42, 0, true); // the second entry points at the first one's header
    expect(codeOf(() => readStoredZip(file))).toBe('zip-corrupt');
  });

  it('refuses local headers that disagree with the central directory (name, method, CRC, sizes, flags)', () => {
    const file = writeStoredZip(
      [
        { name: 'manifest.json', bytes: new Uint8Array(10).fill(1) },
        { name: 'parts/000001.bin', bytes: new Uint8Array(40).fill(2) },
      ],
      new Date(),
    );
    expect(codeOf(() => readStoredZip(file))).toBeUndefined();
    const local = 0; // manifest.json's local header
    const mutate = (_header: number, edit: (view: DataView) => void) => {
      const copy = file.slice();
      edit(new DataView(copy.buffer));
      return codeOf(() => readStoredZip(copy));
    };
    expect(mutate(local, (view) => view.setUint32(local + 14, view.getUint32(local + 14, true) ^ 1, true))).toBe('zip-corrupt'); // CRC
    expect(mutate(local, (view) => view.setUint32(local + 18, 11, true))).toBe('zip-corrupt'); // compressed size
    expect(mutate(local, (view) => view.setUint32(local + 22, 11, true))).toBe('zip-corrupt'); // size
    expect(mutate(local, (view) => view.setUint32(local + 18, 0, true))).toBe('zip-corrupt'); // sizes left to a data descriptor...
    expect(mutate(local, (view) => view.setUint16(local + 6, view.getUint16(local + 6, true) | 0x08, true))).toBe('zip-corrupt'); // ... which bundles never use
    expect(mutate(local, (view) => view.setUint16(local + 8, 8, true))).toBe('unsupported-entry'); // deflated, says the local header only
    expect(mutate(local, (view) => view.setUint8(local + 30, 'M'.charCodeAt(0)))).toBe('zip-corrupt'); // Manifest.json
  });

  it('reads the central directory exactly: records it does not count are refused', () => {
    const file = writeStoredZip(
      [
        { name: 'manifest.json', bytes: new Uint8Array(10) },
        { name: 'parts/000001.bin', bytes: new Uint8Array(40) },
      ],
      new Date(),
    );
    const view = new DataView(file.buffer);
    const end = file.length - 22;
    view.setUint16(end + 8, 1, true);
    view.setUint16(end + 10, 1, true);
    expect(codeOf(() => readStoredZip(file))).toBe('zip-corrupt');
  });

  it('refuses a deflated entry without inflating it, and an unknown name', () => {
    expect(codeOf(() => readStoredZip(zipSync({ 'parts/000001.bin': [new Uint8Array(1000), { level: 6 }] })))).toBe('unsupported-entry');
    expect(codeOf(() => readStoredZip(zipSync({ 'notes.txt': new Uint8Array(1) }, { level: 0 })))).toBe('unexpected-part');
  });
});

describe('entry names', () => {
  it('allows plain relative names and refuses anything that could escape', () => {
    for (const name of ['manifest.json', 'parts/000001.bin', 'a/b/c']) expect(isSafeEntryName(name)).toBe(true);
    for (const name of ['', '../x', '/abs', 'a\\b', 'parts/../../x', './x', 'a//b', 'a/', 'C:x', 'c:/x', 'a\u0000b', 'x'.repeat(256)]) expect(isSafeEntryName(name), name).toBe(false);
  });
});
