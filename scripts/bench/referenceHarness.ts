/**
 * Runs inside the benchmark's page: a plain Dexie bulkPut of the same records into the same schema,
 * with no validation and no derived rows, as the reference our import path is compared with.
 */
import type { AnyRecord } from '@shared/domain';
import { openStepDatabase, tableNames } from '../../renderer/src/db/database';

async function bulkPutReference(url: string): Promise<{ parseMs: number; bulkPutMs: number; records: number }> {
  const text = await (await fetch(url)).text();
  const t0 = performance.now();
  const records = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AnyRecord);
  const byTable = new Map<string, AnyRecord[]>();
  for (const record of records) {
    const table = tableNames[record.entity];
    const rows = byTable.get(table) ?? [];
    rows.push(record);
    byTable.set(table, rows);
  }
  const t1 = performance.now();
  const db = openStepDatabase(`bench-reference-${Date.now()}`);
  await db.open();
  const t2 = performance.now();
  await db.transaction('rw', db.tables, async () => {
    for (const [table, rows] of byTable) await db.table(table).bulkPut(rows);
  });
  const t3 = performance.now();
  db.close();
  await db.delete();
  return { parseMs: t1 - t0, bulkPutMs: t3 - t2, records: records.length };
}

(window as unknown as { __stepBench: unknown }).__stepBench = { bulkPutReference };
