import { sha256Hex, signEd25519, type OpaqueKey } from '../security/webCrypto';

/**
 * How a device proves a sync request is its own: it signs the method, path, time and the body's SHA-256
 * with its Ed25519 key (which never leaves it), and the server checks the signature against the public
 * key it enrolled. The time bounds replays to a window; within it, the server refuses a signature it has
 * already seen. Nothing secret crosses the wire, so a captured request cannot be turned into another.
 */
export const deviceHeaders = {
  device: 'x-step-device',
  time: 'x-step-time',
  signature: 'x-step-signature',
} as const;

/** How far a request's time may be from the server's: field laptops' clocks drift, so generously. */
export const requestTimeWindowMs = 15 * 60 * 1000;

export function deviceSigningInput(method: string, pathWithQuery: string, time: string, bodySha256: string): Uint8Array {
  return new TextEncoder().encode(`STEP-DEVICE-1\n${method.toUpperCase()}\n${pathWithQuery}\n${time}\n${bodySha256}`);
}

export async function signDeviceRequest(
  deviceId: string,
  privateKey: OpaqueKey,
  request: { method: string; pathWithQuery: string; body: Uint8Array; now?: Date },
): Promise<Record<string, string>> {
  const time = (request.now ?? new Date()).toISOString();
  const signature = await signEd25519(privateKey, deviceSigningInput(request.method, request.pathWithQuery, time, await sha256Hex(request.body)));
  return { [deviceHeaders.device]: deviceId, [deviceHeaders.time]: time, [deviceHeaders.signature]: signature };
}
