import { isApiFailure, type AbortSignalLike } from '../api/client';
import { syncFailureKind, type NetSyncProgress, type NetSyncSummary } from './netSync';

/**
 * When the desk syncs, so that nobody ever has to press anything: at start, when the network comes back,
 * every few minutes, shortly after local edits (debounced, so typing a form is one sync, not twenty), and
 * on "Sync now". Never two rounds at once: a reason to sync that arrives during a round gives one more
 * round after it. A failed round is retried with exponential backoff and jitter (so a hundred desks that
 * lost the server together do not come back together); "no answer" is quiet (offline is normal), and a
 * refusal of this computer's credentials stops automatic sync until the person acts.
 *
 * Pure and host-free: timers, clock, randomness and cancellation are injected (the desk passes
 * window.setTimeout, Date.now, Math.random and AbortController; tests pass fakes).
 */

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Abortable {
  signal: AbortSignalLike;
  abort(): void;
}

export type SyncPhase =
  /** Nothing running; the last round succeeded, or none has run yet. */
  | 'idle'
  | 'syncing'
  /** No answer from the server (or the browser says it is offline): waiting for the network. */
  | 'offline'
  /** The last round failed for another reason: retrying with backoff. */
  | 'failed'
  /** This computer's credentials were refused: automatic sync is stopped until the person acts. */
  | 'stopped';

export interface SyncFailureInfo {
  /** An ApiFailure code, or 'local' for anything else (storage, a bug). */
  code: string;
  message: string;
  at: number;
}

export interface SchedulerState {
  phase: SyncPhase;
  progress?: NetSyncProgress;
  lastSuccessAt?: number;
  lastSummary?: NetSyncSummary;
  lastFailure?: SyncFailureInfo;
  /** Failed rounds in a row. */
  failures: number;
  /** When the next automatic round is due, if one is scheduled. */
  nextAttemptAt?: number;
}

export interface SyncSchedulerOptions {
  /** One sync round (netSync's syncOnce with the desk's port and API bound). */
  sync(onProgress: (progress: NetSyncProgress) => void, signal: AbortSignalLike): Promise<NetSyncSummary>;
  timers: SchedulerTimers;
  now: () => number;
  /** In [0, 1): the jitter. */
  random?: () => number;
  makeAbort?: () => Abortable;
  /** Whether the host thinks it is online now (navigator.onLine); only `false` is believed. */
  isOnline?: () => boolean;
  /** Between successful rounds. Default 5 minutes. */
  intervalMs?: number;
  /** After a local edit, wait this long for more. Default 3 s. */
  localChangeDelayMs?: number;
  /** ...but no longer than this after the first edit of a burst (an import). Default 30 s. */
  localChangeMaxDelayMs?: number;
  /** The first retry's delay; doubled after each failure up to `maxRetryMs`. Defaults 5 s and 10 min. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** Known from earlier sessions (the desk stores it). */
  lastSuccessAt?: number;
  onState?: (state: SchedulerState) => void;
}

const plainAbort = (): Abortable => {
  const signal = { aborted: false };
  return {
    signal,
    abort: () => {
      signal.aborted = true;
    },
  };
};

/**
 * The delay before retry number `failures` (1, 2, ...): `minMs` doubling up to `maxMs`, then "equal
 * jitter": between half of it and all of it, so retries spread out but never come sooner than half.
 */
export function retryDelay(failures: number, random: number, minMs = 5_000, maxMs = 600_000): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(base / 2 + (base / 2) * Math.min(Math.max(random, 0), 1));
}

type TimerKind = 'periodic' | 'retry' | 'local';

export class SyncScheduler {
  private current: SchedulerState;
  private readonly listeners = new Set<(state: SchedulerState) => void>();
  private timer: { handle: unknown; kind: TimerKind; at: number } | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private abort: Abortable | undefined;
  private browserOffline = false;
  private localBurstSince: number | undefined;
  private disposed = false;

  constructor(private readonly options: SyncSchedulerOptions) {
    this.current = { phase: 'idle', failures: 0, lastSuccessAt: options.lastSuccessAt };
    if (options.onState) this.listeners.add(options.onState);
  }

  get state(): SchedulerState {
    return this.current;
  }

  subscribe(listener: (state: SchedulerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts automatic sync: a first round now (unless the host says it is offline). */
  start(): void {
    this.browserOffline = this.options.isOnline?.() === false;
    if (this.browserOffline) this.set({ phase: 'offline' });
    else void this.run();
  }

  /** The person asked: a round now, whatever the backoff or a stop said. Resolves when it has run. */
  syncNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.set({ failures: 0 });
    return this.run();
  }

  /** The host's `online` event: try at once, with a fresh backoff. */
  online(): void {
    this.browserOffline = false;
    if (this.disposed || this.current.phase === 'stopped') return;
    this.set({ failures: 0 });
    void this.run();
  }

  /** The host's `offline` event: nothing is tried until the network returns (or the person asks). */
  offline(): void {
    this.browserOffline = true;
    if (this.disposed || this.current.phase === 'stopped') return;
    this.clearTimer();
    if (!this.running) this.set({ phase: 'offline', nextAttemptAt: undefined });
  }

  /** Something was written on this computer: sync soon, once the burst of writes settles. */
  localChange(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // While failing or offline, the scheduled retry carries the edit; while stopped, nothing does.
    if (this.current.phase === 'stopped' || this.current.phase === 'failed' || this.current.phase === 'offline' || this.browserOffline) return;
    const now = this.options.now();
    if (this.timer?.kind !== 'local') this.localBurstSince = now;
    const maxDelay = (this.options.localChangeMaxDelayMs ?? 30_000) - (now - (this.localBurstSince ?? now));
    const delay = Math.max(0, Math.min(this.options.localChangeDelayMs ?? 3_000, maxDelay));
    if (this.timer && this.timer.kind !== 'local' && this.timer.at <= now + delay) return;
    this.schedule(delay, 'local');
  }

  /** Stops everything for good (sign-out): timers cleared, a running round aborted. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.abort?.abort();
    this.listeners.clear();
  }

  /** Resolves once no round is running (tests, and "Sync now" callers). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => this.whenIdle());
    }
    this.clearTimer();
    this.localBurstSince = undefined;
    const running = this.loop().finally(() => {
      this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (this.disposed) return;
      const abort = (this.options.makeAbort ?? plainAbort)();
      this.abort = abort;
      this.set({ phase: 'syncing', progress: undefined, nextAttemptAt: undefined });
      try {
        const summary = await this.options.sync((progress) => !abort.signal.aborted && this.set({ progress }), abort.signal);
        if (this.disposed) return;
        this.set({ phase: 'idle', progress: undefined, lastSuccessAt: this.options.now(), lastSummary: summary, lastFailure: undefined, failures: 0 });
        if (!this.again) this.schedule(this.options.intervalMs ?? 300_000, 'periodic');
      } catch (error) {
        if (this.disposed) return;
        const kind = syncFailureKind(error);
        const failure: SyncFailureInfo = {
          code: isApiFailure(error) ? error.code : 'local',
          message: error instanceof Error ? error.message : String(error),
          at: this.options.now(),
        };
        // Whatever asked for another round meanwhile is carried by the retry, not run at once.
        this.again = false;
        if (kind === 'aborted') {
          this.set({ phase: 'idle', progress: undefined });
          return;
        }
        const failures = this.current.failures + 1;
        if (kind === 'stopped') {
          this.set({ phase: 'stopped', progress: undefined, lastFailure: failure, failures, nextAttemptAt: undefined });
          return;
        }
        this.set({ phase: kind === 'offline' || this.browserOffline ? 'offline' : 'failed', progress: undefined, lastFailure: failure, failures });
        if (!this.browserOffline) {
          this.schedule(retryDelay(failures, (this.options.random ?? Math.random)(), this.options.minRetryMs ?? 5_000, this.options.maxRetryMs ?? 600_000), 'retry');
        }
      } finally {
        if (this.abort === abort) this.abort = undefined;
      }
    } while (this.again && !this.disposed);
  }

  private schedule(delayMs: number, kind: TimerKind): void {
    this.clearTimer();
    const at = this.options.now() + delayMs;
    const handle = this.options.timers.setTimeout(() => this.fire(), delayMs);
    this.timer = { handle, kind, at };
    this.set({ nextAttemptAt: at });
  }

  private fire(): void {
    this.timer = undefined;
    this.localBurstSince = undefined;
    if (this.disposed) return;
    if (this.browserOffline) {
      this.set({ phase: this.current.phase === 'stopped' ? 'stopped' : 'offline', nextAttemptAt: undefined });
      return;
    }
    void this.run();
  }

  private clearTimer(): void {
    if (this.timer) this.options.timers.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }

  private set(patch: Partial<SchedulerState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }
}

