import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testChanges } from '@shared/bundle/testing';
import { causalRuns } from './runs';

describe('the order a bundle is applied in', () => {
  it('keeps every change once, each device in seq order, devices interleaved by stamp', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ count: fc.integer({ min: 0, max: 30 }), startMs: fc.integer({ min: 0, max: 100 }) }), { maxLength: 5 }), (devices) => {
        const perDevice = new Map(devices.map((d, i) => [`dev-${i}`, testChanges({ device: `dev-${i}`, author: `device:dev-${i}`, count: d.count, startMs: Date.UTC(2026, 0, 1) + d.startMs })]));
        const runs = causalRuns(perDevice);
        const flat = runs.flatMap((run) => run.changes);
        expect(flat).toHaveLength([...perDevice.values()].reduce((sum, list) => sum + list.length, 0));
        for (const [device, changes] of perDevice) expect(flat.filter((c) => c.device === device)).toEqual(changes);
        for (const [i, run] of runs.entries()) {
          expect(run.changes.every((c) => c.device === run.device)).toBe(true);
          if (i > 0) expect(runs[i - 1]!.device).not.toBe(run.device);
        }
        // Each device's stamps rise with its seqs, so the merged order is stamp order.
        for (let i = 1; i < flat.length; i++) expect(flat[i]!.stamp >= flat[i - 1]!.stamp).toBe(true);
      }),
    );
  });
});
