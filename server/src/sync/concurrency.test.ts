import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeKey } from '@shared/sync/change';
import { startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('several server processes on one database', () => {
  it('lose no change for a reader that pulls while devices push through two processes', async () => {
    const second = await server.secondApp();
    const writers = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => server.enroll(await server.createUser({ role: 'field-officer', countries: [i % 2 ? 'TH' : 'VN'] }))),
    );
    const reader = await server.enroll(await server.createUser({ role: 'secretariat' }));
    const got = new Set<string>();
    let cursor: string | undefined;
    let writing = true;

    const write = Promise.all(
      writers.map(async (writer, i) => {
        for (let round = 0; round < 5; round += 1) {
          await writer.create('organization', { country: i % 2 ? 'TH' : 'VN' });
          const result = await (round % 2 ? writer.via(second) : writer).push();
          expect(result.refused).toEqual([]);
        }
      }),
    ).finally(() => {
      writing = false;
    });
    // Pull in small pages while the pushes commit, alternating processes, until they are done.
    for (let page = 0; writing || page === 0; page += 1) {
      const response = await (page % 2 ? reader.via(second) : reader).pull(cursor, 3);
      response.changes.forEach((change) => got.add(changeKey(change)));
      cursor = response.cursor;
    }
    await write;
    const rest = await reader.pullAll(cursor, 3);
    rest.changes.forEach((change) => got.add(changeKey(change)));

    const all = await server.db.query<{ device: string; seq: string | number }>('select device, seq from changes where device = any($1::text[])', [writers.map((w) => w.id)]);
    expect(all.length).toBe(writers.reduce((sum, w) => sum + w.storage.allChanges().length, 0));
    for (const row of all) expect(got.has(`${row.device}:${Number(row.seq)}`), `${row.device}:${row.seq}`).toBe(true);
  });
});
