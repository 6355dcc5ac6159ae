import { describe, expect, it } from 'vitest';
import { failureOf, locate } from './geolocation';

/** A stand-in for navigator.geolocation that answers at once with a position or an error code. */
function fakeGeolocation(answer: { coords: { latitude: number; longitude: number; accuracy: number }; timestamp: number } | { code: number }) {
  const asked: PositionOptions[] = [];
  const geolocation = {
    getCurrentPosition(success: PositionCallback, failure: PositionErrorCallback, options: PositionOptions) {
      asked.push(options);
      if ('code' in answer) failure({ code: answer.code } as GeolocationPositionError);
      else success(answer as unknown as GeolocationPosition);
    },
  } as unknown as Geolocation;
  return { geolocation, asked };
}

describe("this computer's location", () => {
  it('gives the fix with its accuracy, rounded, and asks with a timeout', async () => {
    const { geolocation, asked } = fakeGeolocation({ coords: { latitude: 13.756331234567, longitude: 100.501765432198, accuracy: 24.56 }, timestamp: 1_700_000_000_000 });
    expect(await locate(geolocation, 5_000)).toEqual({ ok: true, fix: { latitude: 13.7563312, longitude: 100.5017654, accuracyMeters: 24.6, at: 1_700_000_000_000 } });
    expect(asked[0]).toMatchObject({ timeout: 5_000, enableHighAccuracy: true });
  });

  it.each([
    [1, 'denied'],
    [2, 'unavailable'],
    [3, 'timeout'],
  ] as const)('says why there is no fix (error code %i: %s)', async (code, reason) => {
    expect(await locate(fakeGeolocation({ code }).geolocation)).toEqual({ ok: false, reason });
    expect(failureOf(code)).toBe(reason);
  });

  it('says so when the computer has no geolocation at all', async () => {
    expect(await locate(null)).toEqual({ ok: false, reason: 'unsupported' });
  });
});
