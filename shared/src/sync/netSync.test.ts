import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/client';
import type { ChangeRefusal, PullResponse, PushResponse } from '../api/contract';
import { changeKey, type Change } from './change';
import { pushChunk, syncFailureKind, syncOnce, type NetSyncApi, type NetSyncPort, type NetSyncProgress, type NetSyncState } from './netSync';
import { replica, snapshot, type Replica } from './testing';

const recordId = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/**
 * The server's side of pull and push, in memory, following the contract: a device pushes its own
 * changes from `received + 1` without gaps; refused changes are counted as received but not stored;
 * a pull returns the stream (other devices' changes) beyond a cursor, with `remaining` for progress.
 */
class FakeServer {
  stream: Change[] = [];
  received = new Map<string, number>();
  pushes: Change[][] = [];
  refuse: (change: Change) => ChangeRefusal['reason'] | undefined = () => undefined;

  api(device: string, faults: { beforePull?: () => void; afterPush?: () => void } = {}): NetSyncApi {
    return {
      pull: async ({ cursor, limit = 2000 }): Promise<PullResponse> => {
        faults.beforePull?.();
        const from = cursor ? Number(cursor.split('.')[0]) : 0;
        const beyond = this.stream.map((change, at) => ({ change, at })).filter(({ change, at }) => at >= from && change.device !== device);
        const page = beyond.slice(0, limit);
        const next = page.length === beyond.length ? this.stream.length : page.at(-1)!.at + 1;
        return { changes: page.map((p) => p.change), cursor: `${next}.0`, more: page.length < beyond.length, received: this.received.get(device) ?? 0, remaining: beyond.length - page.length };
      },
      push: async ({ changes }): Promise<PushResponse> => {
        const received = this.received.get(device) ?? 0;
        if (changes[0]!.seq > received + 1) throw new ApiFailure('seq-gap', 409, 'gap', { expected: received + 1 });
        this.pushes.push(changes);
        const answer: PushResponse = { accepted: 0, duplicates: 0, refused: [], received };
        for (const change of changes) {
          expect(change.device).toBe(device);
          if (change.seq <= answer.received) {
            answer.duplicates += 1;
            continue;
          }
          expect(change.seq).toBe(answer.received + 1);
          const reason = this.refuse(change);
          if (reason) answer.refused.push({ seq: change.seq, entity: change.entity, recordId: change.recordId, field: change.field, reason });
          else {
            this.stream.push(change);
            answer.accepted += 1;
          }
          answer.received = change.seq;
        }
        this.received.set(device, answer.received);
        faults.afterPush?.();
        return answer;
      },
    };
  }
}

interface TestPort extends NetSyncPort {
  state: NetSyncState;
  refusals: ChangeRefusal[];
}

function portOf(r: Replica, faults: { saveState?: () => void } = {}): TestPort {
  const port: TestPort = {
    state: { received: 0 },
    refusals: [],
    loadState: async () => ({ ...port.state }),
    saveState: async (state) => {
      faults.saveState?.();
      port.state = { ...state };
    },
    applyRemote: (changes) => r.engine.apply(changes),
    ownChangesAfter: (seq, limit) => r.storage.changesAfter(r.name, seq, limit),
    localSeq: async () => (await r.storage.getLocal()).seq,
    recordRefusals: async (refusals) => {
      port.refusals.push(...refusals);
    },
  };
  return port;
}

async function edit(r: Replica, record: number, fields: Record<string, Change['value']>, scope: ('TH' | 'VN')[] = ['TH']) {
  r.clock.now += 1000;
  await r.engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: recordId(record), fields, scope }]);
}

const fieldsOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));

describe('syncOnce', () => {
  it('brings two devices to the same records through the server', async () => {
    const server = new FakeServer();
    const [a, b] = [replica('dev-a'), replica('dev-b')];
    const [pa, pb] = [portOf(a), portOf(b)];
    await edit(a, 1, { title: 'from A', status: 'planned' });
    await edit(b, 2, { title: 'from B' });
    await edit(b, 1, { notes: 'B saw nothing of A' });

    const first = await syncOnce(pa, server.api('dev-a'));
    expect(first).toMatchObject({ pulled: 0, pushed: 2, refused: 0 });
    expect((await syncOnce(pb, server.api('dev-b'))).pulled).toBe(2);
    expect((await syncOnce(pa, server.api('dev-a'))).pulled).toBe(2);
    expect(snapshot(a)).toEqual(snapshot(b));
    // Nothing new: a round moves nothing.
    expect(await syncOnce(pa, server.api('dev-a'))).toMatchObject({ pulled: 0, pushed: 0 });
    expect(pa.state.received).toBe(2);
  });

  it('pushes in chunks of at most the limit that never split a record, with progress', async () => {
    const server = new FakeServer();
    const a = replica('dev-a');
    // 300 records of 7 fields each: 2100 changes, in runs of 7.
    for (let n = 0; n < 300; n += 1) await edit(a, n, fieldsOf(7));
    const progress: NetSyncProgress[] = [];
    const summary = await syncOnce(portOf(a), server.api('dev-a'), (p) => progress.push(p), { pushLimit: 1000 });
    expect(summary.pushed).toBe(2100);
    expect(server.pushes.map((p) => p.length)).toEqual([994, 994, 112]);
    for (const [i, push] of server.pushes.entries()) {
      const next = server.pushes[i + 1]?.[0];
      if (next) expect(next.recordId).not.toBe(push.at(-1)!.recordId);
    }
    const pushProgress = progress.filter((p) => p.phase === 'push');
    expect(pushProgress.at(-1)).toEqual({ phase: 'push', done: 2100, total: 2100 });
    expect(pushProgress.every((p, i) => i === 0 || p.done >= pushProgress[i - 1]!.done)).toBe(true);
  });

  it('pulls in chunks with progress from the server\'s remaining count', async () => {
    const server = new FakeServer();
    const [a, b] = [replica('dev-a'), replica('dev-b')];
    for (let n = 0; n < 25; n += 1) await edit(a, n, fieldsOf(4));
    await syncOnce(portOf(a), server.api('dev-a'));
    const progress: NetSyncProgress[] = [];
    const pb = portOf(b);
    expect((await syncOnce(pb, server.api('dev-b'), (p) => progress.push(p), { pullLimit: 30 })).pulled).toBe(100);
    expect(progress.filter((p) => p.phase === 'pull')).toEqual([30, 60, 90, 100].map((done) => ({ phase: 'pull', done, total: 100 })));
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(pb.state.cursor).toBe('100.0');
  });

  it('records refused changes for the person and moves past them', async () => {
    const server = new FakeServer();
    server.refuse = (change) => (change.scope.includes('VN') ? 'out-of-scope' : undefined);
    const a = replica('dev-a');
    const pa = portOf(a);
    await edit(a, 1, { title: 'mine' });
    await edit(a, 2, { title: 'not mine', status: 'x' }, ['VN']);
    const summary = await syncOnce(pa, server.api('dev-a'));
    expect(summary).toMatchObject({ pushed: 1, refused: 2 });
    expect(pa.refusals.map((r) => [r.seq, r.field, r.reason])).toEqual([
      [2, 'title', 'out-of-scope'],
      [3, 'status', 'out-of-scope'],
    ]);
    expect(pa.state.received).toBe(3);
    expect(await syncOnce(pa, server.api('dev-a'))).toMatchObject({ pushed: 0, refused: 0 });
  });

  it('resumes after a crash between applying a chunk and saving its cursor, losing nothing', async () => {
    const server = new FakeServer();
    const [a, b] = [replica('dev-a'), replica('dev-b')];
    for (let n = 0; n < 10; n += 1) await edit(a, n, fieldsOf(3));
    await syncOnce(portOf(a), server.api('dev-a'));
    let saves = 0;
    const pb = portOf(b, {
      saveState: () => {
        saves += 1;
        if (saves === 2) throw new Error('the computer went to sleep');
      },
    });
    await expect(syncOnce(pb, server.api('dev-b'), undefined, { pullLimit: 10 })).rejects.toThrow('sleep');
    expect(pb.state.cursor).toBe('10.0');
    const resumed = await syncOnce(pb, server.api('dev-b'), undefined, { pullLimit: 10 });
    // The chunk whose cursor was not saved comes again (as duplicates); nothing is missing.
    expect(resumed.pulled).toBe(20);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('resumes after a push whose answer was lost: the server\'s received says where to go on', async () => {
    const server = new FakeServer();
    const a = replica('dev-a');
    for (let n = 0; n < 5; n += 1) await edit(a, n, fieldsOf(3));
    const pa = portOf(a);
    const lost = server.api('dev-a', {
      afterPush: () => {
        throw new ApiFailure('network', 0, 'the line dropped');
      },
    });
    await expect(syncOnce(pa, lost, undefined, { pushLimit: 6 })).rejects.toMatchObject({ code: 'network' });
    expect(pa.state.received).toBe(0);
    await edit(a, 9, { title: 'written while offline' });
    const summary = await syncOnce(pa, server.api('dev-a'), undefined, { pushLimit: 6 });
    expect(summary.pushed).toBe(10);
    expect(server.stream.map((c) => c.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('stops between steps when its signal is aborted', async () => {
    const server = new FakeServer();
    const a = replica('dev-a');
    await edit(a, 1, { title: 'x' });
    const signal = { aborted: false };
    const api = server.api('dev-a', {
      beforePull: () => {
        signal.aborted = true;
      },
    });
    await expect(syncOnce(portOf(a), api, undefined, { signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(server.pushes).toHaveLength(0);
  });

  it('converges whatever the order of rounds and wherever they are cut (property)', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), at: fc.nat(2), record: fc.nat(4), field: fc.constantFrom('a', 'b', 'c'), value: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('sync' as const), at: fc.nat(2), crashAfterSaves: fc.option(fc.nat(4), { nil: undefined }), lose: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const server = new FakeServer();
        const replicas = ['dev-a', 'dev-b', 'dev-c'].map((name) => replica(name));
        const states = replicas.map(() => ({ received: 0 }) as NetSyncState);
        const refusals: ChangeRefusal[] = [];
        const round = async (i: number, crashAfterSaves?: number, lose = false) => {
          const r = replicas[i]!;
          let saves = 0;
          const port = portOf(r, {
            saveState: () => {
              if (crashAfterSaves !== undefined && saves++ === crashAfterSaves) throw new Error('crash');
            },
          });
          port.state = states[i]!;
          const api = server.api(r.name, {
            afterPush: () => {
              if (lose) throw new ApiFailure('network', 0, 'lost');
            },
          });
          await syncOnce(port, api, undefined, { pullLimit: 3, pushLimit: 2 }).catch(() => undefined);
          states[i] = port.state;
          refusals.push(...port.refusals);
        };
        for (const s of steps) {
          if (s.kind === 'edit') await edit(replicas[s.at]!, s.record, { [s.field]: s.value });
          else await round(s.at, s.crashAfterSaves, s.lose);
        }
        // Then everyone syncs cleanly, twice (the second round brings what others pushed in the first).
        for (let pass = 0; pass < 2; pass += 1) for (let i = 0; i < replicas.length; i += 1) await round(i);
        const held = new Set(server.stream.map(changeKey));
        expect(held.size).toBe(server.stream.length);
        for (const r of replicas) {
          expect(snapshot(r)).toEqual(snapshot(replicas[0]!));
          expect(held.size).toBe(r.storage.allChanges().length);
        }
        expect(refusals).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('pushChunk', () => {
  it('takes the longest prefix within the limit that ends at a record boundary (property)', () => {
    const runs = fc.array(fc.record({ record: fc.nat(3), length: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(runs, fc.integer({ min: 1, max: 20 }), (spec, limit) => {
        let seq = 0;
        const changes = spec.flatMap(({ record, length }) =>
          Array.from({ length }, () => ({ seq: (seq += 1), entity: 'activity', recordId: recordId(record) }) as Change),
        );
        const chunk = pushChunk(changes, limit);
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(limit);
        expect(chunk).toEqual(changes.slice(0, chunk.length));
        const last = chunk.at(-1)!;
        const next = changes[chunk.length];
        if (next && next.recordId === last.recordId) {
          // Cut inside a run only when the run alone is longer than the limit.
          expect(chunk.every((c) => c.recordId === last.recordId)).toBe(true);
          expect(chunk.length).toBe(limit);
        }
      }),
    );
  });
});

describe('syncFailureKind', () => {
  it('is quiet for no answer, stops for refused credentials, retries the rest', () => {
    expect(syncFailureKind(new ApiFailure('network', 0, ''))).toBe('offline');
    expect(syncFailureKind(new ApiFailure('aborted', 0, ''))).toBe('aborted');
    for (const code of ['device-revoked', 'unknown-device', 'bad-signature', 'session-expired'] as const) expect(syncFailureKind(new ApiFailure(code, 401, ''))).toBe('stopped');
    for (const code of ['internal', 'bad-response', 'seq-gap', 'request-expired', 'not-ready'] as const) expect(syncFailureKind(new ApiFailure(code, 500, ''))).toBe('failed');
    expect(syncFailureKind(new Error('QuotaExceededError'))).toBe('failed');
  });
});
