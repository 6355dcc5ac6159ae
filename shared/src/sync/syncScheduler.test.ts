import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/client';
import type { NetSyncProgress, NetSyncSummary } from './netSync';
import { retryDelay, SyncScheduler, type SchedulerState, type SyncSchedulerOptions } from './syncScheduler';

/** Timers and a clock the test moves by hand. */
class FakeTime {
  now = 1_000_000;
  private next = 1;
  private timers = new Map<number, { at: number; callback: () => void }>();

  readonly timers_ = {
    setTimeout: (callback: () => void, ms: number) => {
      const id = this.next++;
      this.timers.set(id, { at: this.now + ms, callback });
      return id;
    },
    clearTimeout: (handle: unknown) => {
      this.timers.delete(handle as number);
    },
  };

  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  /** Moves the clock on, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = end;
  }
}

const summary: NetSyncSummary = { pulled: 1, pushed: 2, refused: 0, durationMs: 5 };

/** A sync round the test completes or fails by hand. */
class FakeSync {
  calls: { resolve: (s: NetSyncSummary) => void; reject: (e: unknown) => void; progress: (p: NetSyncProgress) => void; signal: { aborted: boolean } }[] = [];
  running = 0;
  maxRunning = 0;

  readonly sync: SyncSchedulerOptions['sync'] = (onProgress, signal) =>
    new Promise<NetSyncSummary>((resolve, reject) => {
      this.running += 1;
      this.maxRunning = Math.max(this.maxRunning, this.running);
      const done = () => (this.running -= 1);
      this.calls.push({
        resolve: (s) => {
          done();
          resolve(s);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        progress: onProgress,
        signal: signal as { aborted: boolean },
      });
    });

  get last() {
    return this.calls.at(-1)!;
  }
}

function setup(options: Partial<SyncSchedulerOptions> = {}) {
  const time = new FakeTime();
  const fake = new FakeSync();
  const states: SchedulerState[] = [];
  const scheduler = new SyncScheduler({
    sync: fake.sync,
    timers: time.timers_,
    now: () => time.now,
    random: () => 1,
    intervalMs: 300_000,
    localChangeDelayMs: 3_000,
    localChangeMaxDelayMs: 30_000,
    minRetryMs: 5_000,
    maxRetryMs: 600_000,
    onState: (state) => states.push(state),
    ...options,
  });
  /** Lets the scheduler's promise callbacks run (no real time passes). */
  const settle = () => scheduler.whenIdle().catch(() => undefined);
  return { time, fake, scheduler, states, settle };
}

const flush = () => new Promise<void>((resolve) => queueMicrotaskLike(resolve));
// shared/ has no DOM or Node globals: a resolved promise chain stands in for queueMicrotask.
const queueMicrotaskLike = (fn: () => void) => void Promise.resolve().then(() => Promise.resolve()).then(fn);

describe('SyncScheduler', () => {
  it('syncs at start, then every interval', async () => {
    const { time, fake, scheduler, settle } = setup();
    scheduler.start();
    expect(scheduler.state.phase).toBe('syncing');
    fake.last.progress({ phase: 'pull', done: 5, total: 10 });
    expect(scheduler.state.progress).toEqual({ phase: 'pull', done: 5, total: 10 });
    fake.last.resolve(summary);
    await settle();
    expect(scheduler.state).toMatchObject({ phase: 'idle', lastSuccessAt: time.now, lastSummary: summary, failures: 0, nextAttemptAt: time.now + 300_000 });
    expect(scheduler.state.progress).toBeUndefined();
    time.advance(299_999);
    expect(fake.calls).toHaveLength(1);
    time.advance(1);
    expect(fake.calls).toHaveLength(2);
  });

  it('retries failures with exponential backoff up to the cap, and quietly while offline', async () => {
    const { time, fake, scheduler, settle } = setup();
    scheduler.start();
    const delays: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      fake.last.reject(new ApiFailure('network', 0, 'no answer'));
      await settle();
      expect(scheduler.state.phase).toBe('offline');
      delays.push(time.pending[0]!);
      time.advance(time.pending[0]!);
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000, 600_000]);
    expect(scheduler.state.failures).toBe(10);
    fake.last.resolve(summary);
    await settle();
    expect(scheduler.state).toMatchObject({ phase: 'idle', failures: 0 });
    expect(time.pending).toEqual([300_000]);
  });

  it('spreads retries with jitter, never sooner than half the delay', () => {
    expect(retryDelay(1, 0)).toBe(2_500);
    expect(retryDelay(1, 1)).toBe(5_000);
    expect(retryDelay(3, 0.5)).toBe(15_000);
    expect(retryDelay(50, 0)).toBe(300_000);
    expect(retryDelay(50, 0.999)).toBeLessThanOrEqual(600_000);
  });

  it('stops automatic sync when the device is refused, until the person acts', async () => {
    const { time, fake, scheduler, settle } = setup();
    scheduler.start();
    fake.last.reject(new ApiFailure('device-revoked', 403, 'This device was revoked'));
    await settle();
    expect(scheduler.state).toMatchObject({ phase: 'stopped', lastFailure: { code: 'device-revoked', message: 'This device was revoked' } });
    expect(time.pending).toEqual([]);
    scheduler.online();
    scheduler.localChange();
    time.advance(3_600_000);
    expect(fake.calls).toHaveLength(1);
    // "Sync now" tries anyway.
    const now = scheduler.syncNow();
    expect(fake.calls).toHaveLength(2);
    fake.last.resolve(summary);
    await now;
    expect(scheduler.state.phase).toBe('idle');
  });

  it('shows other failures and retries them', async () => {
    const { time, fake, scheduler, settle } = setup();
    scheduler.start();
    fake.last.reject(new ApiFailure('internal', 500, 'boom'));
    await settle();
    expect(scheduler.state).toMatchObject({ phase: 'failed', failures: 1, lastFailure: { code: 'internal', at: time.now } });
    fake.calls.length = 0;
    time.advance(5_000);
    expect(fake.calls).toHaveLength(1);
    fake.last.reject(new Error('IndexedDB is full'));
    await settle();
    expect(scheduler.state.lastFailure?.code).toBe('local');
  });

  it('never runs two rounds at once; what asks meanwhile gets one more round after', async () => {
    const { fake, scheduler, settle } = setup();
    scheduler.start();
    const now1 = scheduler.syncNow();
    scheduler.localChange();
    void scheduler.syncNow();
    expect(fake.calls).toHaveLength(1);
    fake.last.resolve(summary);
    await flush();
    await flush();
    expect(fake.calls).toHaveLength(2);
    expect(fake.maxRunning).toBe(1);
    fake.last.resolve(summary);
    await now1;
    await settle();
    expect(fake.calls).toHaveLength(2);
  });

  it('debounces local writes, but not beyond the maximum delay', async () => {
    const { time, fake, scheduler, settle } = setup();
    scheduler.start();
    fake.last.resolve(summary);
    await settle();
    scheduler.localChange();
    time.advance(2_000);
    scheduler.localChange();
    time.advance(2_000);
    expect(fake.calls).toHaveLength(1);
    time.advance(1_000);
    expect(fake.calls).toHaveLength(2);
    fake.last.resolve(summary);
    await settle();
    // A long burst (an import writing every second) still syncs within the maximum delay.
    for (let s = 0; s < 29; s += 1) {
      scheduler.localChange();
      time.advance(1_000);
    }
    expect(fake.calls).toHaveLength(2);
    scheduler.localChange();
    time.advance(1_000);
    expect(fake.calls).toHaveLength(3);
  });

  it('leaves local writes to the retry while failing', async () => {
    const { time, fake, scheduler, settle } = setup();
    scheduler.start();
    fake.last.reject(new ApiFailure('network', 0, 'x'));
    await settle();
    scheduler.localChange();
    expect(time.pending).toEqual([5_000]);
  });

  it('waits for the network when the host says it is offline, and goes at once when it returns', async () => {
    const online = { value: false };
    const { time, fake, scheduler, settle } = setup({ isOnline: () => online.value });
    scheduler.start();
    expect(scheduler.state.phase).toBe('offline');
    expect(fake.calls).toHaveLength(0);
    time.advance(3_600_000);
    expect(fake.calls).toHaveLength(0);
    online.value = true;
    scheduler.online();
    expect(fake.calls).toHaveLength(1);
    fake.last.resolve(summary);
    await settle();
    scheduler.offline();
    expect(scheduler.state.phase).toBe('offline');
    expect(time.pending).toEqual([]);
  });

  it('gives up a running round on dispose, and reports nothing after', async () => {
    const { time, fake, scheduler, states } = setup();
    scheduler.start();
    const seen = states.length;
    scheduler.dispose();
    expect(fake.last.signal.aborted).toBe(true);
    fake.last.reject(new ApiFailure('aborted', 0, 'stopped'));
    await scheduler.whenIdle();
    expect(states).toHaveLength(seen);
    expect(time.pending).toEqual([]);
    scheduler.localChange();
    scheduler.online();
    expect(fake.calls).toHaveLength(1);
  });
});
