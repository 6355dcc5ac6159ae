import 'fake-indexeddb/auto';
import { generateDemoRecords } from '@shared/demo/generate';
import { toNdjsonLine } from '@shared/records/ndjson';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableNames } from './database';
import { importNdjsonFile, type ImportProgress } from './importer';
import { getStore } from './store';

const organization = (n: number) =>
  JSON.stringify({
    entity: 'organization',
    id: `0194a3b0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    name: { en: `Institute ${n}` },
    type: 'public-research-institute',
    country: 'MM',
  });

beforeEach(async () => {
  const { db } = getStore();
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('importing an NDJSON file', () => {
  it('reads a BOM, CRLF line ends and blank lines, and names rejected lines by their number in the file', async () => {
    const text = `\uFEFF${organization(1)}\r\n\r\n{oops\r\n${organization(2).replace('"MM"', '"XX"')}\r\n${organization(3)}`;
    const report = await importNdjsonFile(new Blob([text]), () => undefined);
    expect(report).toMatchObject({ stored: 2, rejected: 2, cancelled: false, fraction: 1 });
    expect(report.errors).toEqual([
      { line: 3, issues: [{ path: '', message: 'v.json' }] },
      { line: 4, issues: [expect.objectContaining({ path: 'country', message: 'v.country' })] },
    ]);
    expect(await getStore().db.organizations.count()).toBe(2);
  });

  it('refuses a file that is not UTF-8 instead of storing garbled names', async () => {
    const gbk = new Uint8Array([0x7b, 0x22, 0xc4, 0xe3, 0xba, 0xc3, 0x22, 0x7d, 0x0a]); // {"你好"} in GBK
    const report = await importNdjsonFile(new Blob([gbk]), () => undefined);
    expect(report.failure).toEqual({ code: 'encoding' });
    expect(report.stored).toBe(0);
  });

  it('stores in batches with progress, and a second import of the same file stores nothing', async () => {
    const lines = [...generateDemoRecords({ records: 1200, seed: 3 })].map(toNdjsonLine).join('\n');
    const progress: ImportProgress[] = [];
    const first = await importNdjsonFile(new Blob([lines]), (p) => progress.push(p));
    expect(first).toMatchObject({ stored: 1200, rejected: 0 });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.map((p) => p.stored)).toEqual([...progress.map((p) => p.stored)].sort((a, b) => a - b));
    const again = await importNdjsonFile(new Blob([lines]), () => undefined);
    expect(again).toMatchObject({ stored: 0, unchanged: 1200 });
  });

  it('stops when cancelled, keeping the batches already stored', async () => {
    const lines = [...generateDemoRecords({ records: 1500, seed: 4 })].map(toNdjsonLine).join('\n');
    const controller = new AbortController();
    const report = await importNdjsonFile(new Blob([lines]), () => controller.abort(), controller.signal);
    expect(report.cancelled).toBe(true);
    expect(report.stored).toBe(500);
    const { db } = getStore();
    const counts = await Promise.all(Object.values(tableNames).map((name) => db.table(name).count()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(500);
  });
});
