import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestDevice, type TestServer } from '../testing';

let server: TestServer;
let secretariat: TestDevice;
beforeAll(async () => {
  server = await startTestServer();
  secretariat = await server.enroll(await server.createUser({ role: 'secretariat' }));
});
afterAll(() => server.close());

const recordIds = (changes: { recordId: string }[]) => new Set(changes.map((change) => change.recordId));
const officer = async (countries: ('TH' | 'VN')[]) => server.enroll(await server.createUser({ role: 'field-officer', countries }));

describe('pull', () => {
  it('gives an officer the records of their countries (shared ones too), not the others; the Secretariat all', async () => {
    const th = await secretariat.create('activity', { countries: ['TH'] });
    const shared = await secretariat.create('activity', { countries: ['TH', 'VN'] });
    const vn = await secretariat.create('activity', { countries: ['VN'] });
    const vnBudget = await secretariat.create('budget', { activityId: vn.id });
    await secretariat.push();

    const thai = await officer(['TH']);
    const got = recordIds((await thai.pullAll()).changes);
    expect(got.has(th.id)).toBe(true);
    expect(got.has(shared.id)).toBe(true);
    expect(got.has(vn.id)).toBe(false);
    expect(got.has(vnBudget.id)).toBe(false);
    // The desk ends up with the same record the server merged.
    expect(thai.storage.records().get(`activity:${th.id}`)?.values.countries).toEqual(['TH']);

    const other = await server.enroll(await server.createUser({ role: 'secretariat' }));
    const all = recordIds((await other.pullAll()).changes);
    for (const id of [th.id, shared.id, vn.id, vnBudget.id]) expect(all.has(id)).toBe(true);
  });

  it('leaves out the device’s own changes, pages with a cursor, and estimates what remains (never less)', async () => {
    const thai = await officer(['TH']);
    const mine = await thai.create('activity', { countries: ['TH'] });
    const pushed = await thai.push();
    for (let i = 0; i < 3; i += 1) await secretariat.create('organization', { country: 'TH' });
    await secretariat.push();

    const reader = await officer(['TH']);
    const first = await reader.pull(undefined, 2);
    expect(first.changes).toHaveLength(2);
    expect(first.more).toBe(true);
    expect(first.remaining).toBeGreaterThan(0);
    const rest = await reader.pullAll(first.cursor, 5);
    const total = first.changes.length + rest.changes.length;
    // An upper bound: stream positions left, some of which this reader does not see.
    expect(first.changes.length + first.remaining).toBeGreaterThanOrEqual(total);
    const again = await reader.pull(rest.cursor);
    expect(again).toMatchObject({ changes: [], more: false, remaining: 0 });

    const own = await thai.pullAll();
    expect(own.changes.some((change) => change.device === thai.id)).toBe(false);
    expect(recordIds(own.changes).has(mine.id)).toBe(false);
    // A pull also says where this device's next push starts.
    expect((await thai.pull()).received).toBe(pushed.received);
    expect(pushed.received).toBeGreaterThan(0);
  });

  it('delivers the whole history of a Viet Nam activity to a Thai officer once it adds Thailand', async () => {
    const thai = await officer(['TH']);
    // The officer is up to date before the activity exists...
    const start = await thai.pullAll();

    const activity = await secretariat.create('activity', { countries: ['VN'] });
    const budget = await secretariat.create('budget', { activityId: activity.id });
    await secretariat.push();
    await secretariat.update('activity', activity.id, { status: 'implementation' });
    await secretariat.push();
    // ...pulls while it is Viet Nam's only: nothing of it...
    const during = await thai.pullAll(start.cursor);
    expect(recordIds(during.changes).has(activity.id)).toBe(false);

    // ...then Thailand joins, and its next pulls (in small pages) bring every change of both records.
    await secretariat.update('activity', activity.id, { countries: ['VN', 'TH'] });
    await secretariat.push();
    const after = await thai.pullAll(during.cursor, 3);
    const serverChanges = await server.db.query<{ n: string | number }>('select count(*) as n from changes where record_id = $1 or record_id = $2', [activity.id, budget.id]);
    const delivered = new Set(after.changes.filter((c) => c.recordId === activity.id || c.recordId === budget.id).map((c) => `${c.device}:${c.seq}`));
    expect(delivered.size).toBe(Number(serverChanges[0]!.n));
    const record = thai.storage.records().get(`activity:${activity.id}`);
    expect(record?.values).toMatchObject({ countries: ['VN', 'TH'], status: 'implementation', title: expect.anything() });
    expect(thai.storage.records().get(`budget:${budget.id}`)?.values.activityId).toBe(activity.id);
  });

  it('refuses a malformed cursor and keeps a far one exact', async () => {
    const thai = await officer(['TH']);
    const response = await thai.signed('POST', '/api/v1/sync/pull', { cursor: 'nonsense' });
    expect(response.status).toBe(400);
    // The largest cursor the contract allows is answered with a cursor the contract allows (parsed by pull()).
    const far = await thai.pull('999999999999999999.999999999999999999');
    expect(far).toMatchObject({ changes: [], more: false, cursor: '999999999999999999.999999999999999999' });
  });
});
