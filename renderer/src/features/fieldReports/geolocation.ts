/**
 * "Use this computer's location": one fix from navigator.geolocation, with its accuracy, or the reason
 * there is none, in words the form can show. In the field a laptop often has no fix at all (no GPS, no
 * network to locate by): a timeout ends the wait, and coordinates can always be typed instead.
 */
export interface LocationFix {
  latitude: number;
  longitude: number;
  accuracyMeters: number;
  /** When the fix was taken (ms since the epoch). */
  at: number;
}

export type LocationFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export type LocationResult = { ok: true; fix: LocationFix } | { ok: false; reason: LocationFailure };

/** GeolocationPositionError codes: 1 permission denied, 2 position unavailable, 3 timeout. */
export function failureOf(code: number): LocationFailure {
  return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

/** Coordinates rounded to what a fix can tell (about 1 cm): no trail of meaningless digits in the record. */
export const roundCoordinate = (value: number): number => Math.round(value * 1e7) / 1e7;

/** One fix from `geolocation` (this browser's by default; null: a computer without one). */
export function locate(geolocation: Geolocation | null = typeof navigator === 'undefined' ? null : (navigator.geolocation ?? null), timeoutMs = 20_000): Promise<LocationResult> {
  if (!geolocation) return Promise.resolve({ ok: false, reason: 'unsupported' });
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (position) =>
        resolve({
          ok: true,
          fix: {
            latitude: roundCoordinate(position.coords.latitude),
            longitude: roundCoordinate(position.coords.longitude),
            accuracyMeters: Math.round(position.coords.accuracy * 10) / 10,
            at: position.timestamp,
          },
        }),
      (error) => resolve({ ok: false, reason: failureOf(error.code) }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
