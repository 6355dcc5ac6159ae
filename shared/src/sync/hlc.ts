import { z } from 'zod';

/**
 * Hybrid logical clock stamps: `<wall ms, 15 digits>-<counter, 4 base-36 digits>-<device id>`. They sort
 * as strings in causal order (a stamp issued after seeing another is greater), stay close to wall time,
 * and never collide between devices (the device id breaks ties). Field laptops' clocks are often wrong:
 * a clock that jumps back never makes stamps go back, and a stamp from a clock far in the future is
 * accepted (and warned about), never refused.
 */
export const stampSchema = z.string().regex(/^\d{15}-[0-9a-z]{4}-[A-Za-z0-9_-]{1,64}$/, { error: 'v.stamp' });
export type Stamp = z.infer<typeof stampSchema>;

export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'v.device' });

const maxCounter = 36 ** 4 - 1;
/** A stamp more than this far ahead of our clock is reported: its device's clock is probably wrong. */
export const futureSkewWarningMs = 24 * 60 * 60 * 1000;

export function formatStamp(wallMs: number, counter: number, device: string): Stamp {
  return `${String(wallMs).padStart(15, '0')}-${counter.toString(36).padStart(4, '0')}-${device}`;
}

export function parseStamp(stamp: Stamp): { wallMs: number; counter: number; device: string } {
  return { wallMs: Number(stamp.slice(0, 15)), counter: parseInt(stamp.slice(16, 20), 36), device: stamp.slice(21) };
}

export function stampTime(stamp: Stamp): string {
  return new Date(parseStamp(stamp).wallMs).toISOString();
}

export class HybridClock {
  private wallMs = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly now: () => number = Date.now,
    last?: Stamp,
  ) {
    if (!deviceIdSchema.safeParse(device).success) throw new Error(`not a device id: ${device}`);
    if (last) this.observe(last);
  }

  /** A stamp for a local event, greater than every stamp issued or observed before. */
  tick(): Stamp {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else if (this.counter < maxCounter) {
      this.counter += 1;
    } else {
      this.wallMs += 1;
      this.counter = 0;
    }
    return formatStamp(this.wallMs, this.counter, this.device);
  }

  /** Takes in a stamp from elsewhere; answers how far in our future it is, when suspiciously far. */
  observe(stamp: Stamp): number | undefined {
    const { wallMs, counter } = parseStamp(stamp);
    if (wallMs > this.wallMs || (wallMs === this.wallMs && counter > this.counter)) {
      this.wallMs = wallMs;
      this.counter = counter;
    }
    const ahead = wallMs - this.now();
    return ahead > futureSkewWarningMs ? ahead : undefined;
  }
}
