import { isApiFailure } from '@shared/api/client';
import { BridgeError } from '@shared/bridge/contract';
import { bundleErrorCodes, isBundleError, type BundleErrorCode, type BundleErrorParams } from '@shared/bundle/errors';
import { shortDevice } from '../../ui/format';

/**
 * Whatever a bundle operation threw, as something the page can put into words: a bundle refusal (on
 * this desk, or by the server for an upload) with its parameters, a server or network failure, a failure
 * of the desktop host (writing to a drive), or this computer's storage. Never a raw code on screen.
 */
export type BundleFailure =
  | { kind: 'bundle'; code: BundleErrorCode; params: BundleErrorParams }
  | { kind: 'api'; code: string }
  | { kind: 'bridge'; code: string }
  | { kind: 'local'; message: string };

const isBundleErrorCode = (code: unknown): code is BundleErrorCode => typeof code === 'string' && (bundleErrorCodes as readonly string[]).includes(code);

/** Only strings and finite numbers: params end up in a sentence, never an object's `[object Object]`. */
function plainParams(value: unknown): BundleErrorParams {
  if (typeof value !== 'object' || value === null) return {};
  const out: BundleErrorParams = {};
  for (const [key, param] of Object.entries(value)) {
    if (typeof param === 'string' || (typeof param === 'number' && Number.isFinite(param))) out[key] = param;
  }
  return out;
}

export function toBundleFailure(error: unknown): BundleFailure {
  if (isBundleError(error)) return { kind: 'bundle', code: error.code, params: plainParams(error.params) };
  if (isApiFailure(error)) {
    // The server refused an uploaded bundle: it says why with the same code the desk would have used.
    const details = error.details as { bundleCode?: unknown; params?: unknown } | undefined;
    if (error.code === 'bundle-refused' && isBundleErrorCode(details?.bundleCode)) return { kind: 'bundle', code: details.bundleCode, params: plainParams(details.params) };
    return { kind: 'api', code: error.code };
  }
  if (error instanceof BridgeError) return { kind: 'bridge', code: error.code };
  return { kind: 'local', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Every param a refusal's sentence may name. The desk fills each one (with '?' when a refusal did not
 * give it), so a sentence never shows a raw `{{part}}`; the translations test holds the sentences to it.
 */
export const sentenceParams = ['part', 'entry', 'device', 'author', 'found', 'supported', 'addressedTo', 'size', 'limit', 'country'] as const;

/** Identifiers in params (device ids, part names) are long; the last 8 characters tell them apart. */
export function shortParams(params: BundleErrorParams, deviceName: (deviceId: string) => string | undefined): BundleErrorParams {
  const out: BundleErrorParams = { ...params };
  for (const key of ['device', 'addressedTo'] as const) {
    const value = params[key];
    if (typeof value === 'string') out[key] = deviceName(value) ?? shortDevice(value);
  }
  return out;
}
