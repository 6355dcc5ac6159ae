import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '@shared/api/errors';
import { errorCode, startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const officer = (countries: ('TH' | 'VN')[]) => server.createUser({ role: 'field-officer', countries });
const count = async (sql: string, params: unknown[]) => Number((await server.db.query<{ n: string | number }>(sql, params))[0]?.n);

describe('push', () => {
  it('accepts a device’s changes, stores them, and materializes the record with the server’s countries', async () => {
    const laptop = await server.enroll(await officer(['TH']));
    const activity = await laptop.create('activity', { countries: ['TH'] });
    const changes = laptop.unsent();
    const result = await laptop.push();
    expect(result).toEqual({ accepted: changes.length, duplicates: 0, refused: [], received: changes.length });
    const [record] = await server.db.query<{ scope: string[]; data: { countries: string[] }; deleted: boolean }>('select scope, data, deleted from records where record_id = $1', [activity.id]);
    expect(record).toMatchObject({ scope: ['TH'], deleted: false, data: { countries: ['TH'] } });
  });

  it('treats a replay of the same changes in a new signed request as duplicates: nothing new', async () => {
    const laptop = await server.enroll(await officer(['TH']));
    await laptop.create('activity', { countries: ['TH'] });
    const changes = laptop.unsent();
    await laptop.push(changes);
    const before = await count('select count(*) as n from changes', []);
    const again = await laptop.push(changes);
    expect(again).toEqual({ accepted: 0, duplicates: changes.length, refused: [], received: changes.length });
    expect(await count('select count(*) as n from changes', [])).toBe(before);
  });

  it('refuses a gap in seqs with seq-gap and the expected seq, applying nothing', async () => {
    const laptop = await server.enroll(await officer(['TH']));
    await laptop.create('activity', { countries: ['TH'] });
    const changes = laptop.unsent();
    const response = await laptop.signed('POST', '/api/v1/sync/push', { changes: changes.slice(2) });
    expect(response.status).toBe(409);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'seq-gap', details: { expected: 1 } });
    expect(await count('select count(*) as n from changes where device = $1', [laptop.id])).toBe(0);
  });

  it('refuses the whole push when a change names another device', async () => {
    const laptop = await server.enroll(await officer(['TH']));
    const other = await server.enroll(await officer(['TH']));
    await laptop.create('activity', { countries: ['TH'] });
    await other.create('activity', { countries: ['TH'] });
    const response = await laptop.signed('POST', '/api/v1/sync/push', { changes: [...laptop.unsent(), ...other.unsent()] });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('forged-change');
    expect(await count('select count(*) as n from changes where device = $1 or device = $2', [laptop.id, other.id])).toBe(0);
  });

  it('refuses a Thai officer’s edit of a Viet Nam record: reported, kept for review, and passed over', async () => {
    const secretariat = await server.enroll(await server.createUser({ role: 'secretariat' }));
    const vn = await secretariat.create('activity', { countries: ['VN'] });
    await secretariat.push();

    const thai = await server.enroll(await officer(['TH']));
    await thai.update('activity', vn.id, { status: 'closed' }, ['VN']);
    const result = await thai.push();
    expect(result.accepted).toBe(0);
    expect(result.refused).toEqual([expect.objectContaining({ seq: 1, entity: 'activity', recordId: vn.id, field: 'status', reason: 'out-of-scope' })]);
    expect(result.received).toBe(1);
    const stored = await server.db.query<{ reason: string; change: string }>('select reason, change from refused_changes where device = $1', [thai.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.reason).toBe('out-of-scope');
    expect(JSON.parse(stored[0]!.change)).toMatchObject({ field: 'status', value: 'closed' });
    const [record] = await server.db.query<{ data: { status: string } }>('select data from records where record_id = $1', [vn.id]);
    expect(record!.data.status).not.toBe('closed');
  });

  it('refuses moving a record out of the officer’s countries, and creating one outside them', async () => {
    const thai = await server.enroll(await officer(['TH']));
    const mine = await thai.create('activity', { countries: ['TH'] });
    await thai.push();
    await thai.update('activity', mine.id, { countries: ['VN'] });
    await thai.create('activity', { countries: ['VN'] });
    const result = await thai.push();
    expect(result.accepted).toBe(0);
    expect(new Set(result.refused.map((r) => r.reason))).toEqual(new Set(['moves-out-of-scope', 'out-of-scope']));
  });

  it('judges a record pushed with its activity by that activity as it will be', async () => {
    const thai = await server.enroll(await officer(['TH']));
    const activity = await thai.create('activity', { countries: ['TH'] });
    const budget = await thai.create('budget', { activityId: activity.id });
    const result = await thai.push();
    expect(result.refused).toEqual([]);
    const [row] = await server.db.query<{ scope: string[] }>('select scope from records where record_id = $1', [budget.id]);
    expect(row!.scope).toEqual(['TH']);
  });

  it('refuses forged authors, unknown fields and invalid values, and accepts the rest of the push', async () => {
    const officerUser = await officer(['TH']);
    const thai = await server.enroll(officerUser);
    const activity = await thai.create('activity', { countries: ['TH'] });
    await thai.push();
    const [a, b, c, d] = [
      ...(await thai.update('activity', activity.id, { status: 'closed' })),
      ...(await thai.update('activity', activity.id, { nonsense: 1 })),
      ...(await thai.update('activity', activity.id, { plannedStart: 'yesterday' })),
      ...(await thai.update('activity', activity.id, { iatiIdentifier: 'XM-1' })),
    ];
    const result = await thai.push([{ ...a!, author: 'user:somebody-else' }, b!, c!, { ...d!, author: `user:${officerUser.id}` }]);
    expect(result.accepted).toBe(1);
    expect(result.refused.map((r) => [r.seq, r.reason])).toEqual([
      [a!.seq, 'forged-author'],
      [b!.seq, 'unknown-field'],
      [c!.seq, 'invalid-value'],
    ]);
    expect(result.received).toBe(d!.seq);
  });

  it('cascades a change of an activity’s countries to what hangs off it, with a new scope_seq', async () => {
    const secretariat = await server.enroll(await server.createUser({ role: 'secretariat' }));
    const activity = await secretariat.create('activity', { countries: ['VN'] });
    const budget = await secretariat.create('budget', { activityId: activity.id });
    const document = await secretariat.create('document', { attachedTo: { entity: 'budget', recordId: budget.id } });
    await secretariat.push();
    await secretariat.update('activity', activity.id, { countries: ['VN', 'TH'] });
    await secretariat.push();
    const rows = await server.db.query<{ record_id: string; scope: string[]; scope_seq: string | number }>(
      'select record_id, scope, scope_seq from records where record_id = any($1::text[])',
      [[activity.id, budget.id, document.id]],
    );
    const newest = await count('select max(server_seq) as n from changes', []);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect({ scope: row.scope, scopeSeq: Number(row.scope_seq) }).toEqual({ scope: ['TH', 'VN'], scopeSeq: newest });
  });
});
