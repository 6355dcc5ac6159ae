import type { z } from 'zod';
import type { OpaqueKey } from '../security/webCrypto';
import { apiContract, operationPath, type ApiOperation, type OperationName, type ParamsOf, type RequestOf, type ResponseOf } from './contract';
import { signDeviceRequest } from './deviceAuth';
import { apiErrorSchema, type ApiErrorCode } from './errors';

/**
 * The desk's typed client of the HTTP contract (contract.ts). One `call` per operation: the path is
 * built from the contract, the request checked with its schema before it leaves, device requests signed
 * over the exact bytes sent, and every answer checked with the contract's schema. Whatever goes wrong
 * comes out as one kind of error, `ApiFailure`, whose `code` is the server's own code, or:
 * - `network`: no answer (offline, server unreachable, timed out, a gateway saying the server is down);
 * - `bad-response`: an answer that does not match the contract (another service at that address, a
 *   server of another version);
 * - `aborted`: the caller's signal stopped the call.
 *
 * Pure TypeScript: shared/ has no DOM types, so the slice of fetch used is declared here; browsers,
 * Electron and Node pass their own `fetch` (with a small adapter for the signal's type).
 */

/** The caller's cancellation signal, opaque here (an AbortSignal in every host). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
  signal?: AbortSignalLike;
}

export interface FetchResponseLike {
  readonly status: number;
  readonly ok: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface DeviceSigner {
  deviceId: string;
  /** The device's Ed25519 private key (a non-extractable CryptoKey). */
  privateKey: OpaqueKey;
}

export interface ApiClientOptions {
  /** The server's address, e.g. `https://step.example.org` (a trailing slash is ignored). */
  baseUrl: string;
  fetch: FetchLike;
  /** The session token, for operations with `auth: 'user'`. */
  getToken?: () => string | undefined;
  /** This device's id and key, for operations with `auth: 'device'`. */
  getDeviceSigner?: () => Promise<DeviceSigner | undefined> | DeviceSigner | undefined;
  /** The time put in signed requests (tests). */
  now?: () => Date;
}

export type ApiFailureCode = ApiErrorCode | 'network' | 'bad-response' | 'aborted';

export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';

  constructor(
    readonly code: ApiFailureCode,
    /** The HTTP status; 0 when there was no answer (or the request never left). */
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isApiFailure = (error: unknown): error is ApiFailure => error instanceof ApiFailure;

type CallArgs<N extends OperationName> = (ParamsOf<N> extends undefined ? { params?: undefined } : { params: ParamsOf<N> }) &
  (RequestOf<N> extends undefined ? { body?: undefined } : { body: RequestOf<N> }) & { signal?: AbortSignalLike };

export interface ApiClient {
  readonly baseUrl: string;
  call<N extends OperationName>(name: N, ...args: RequestOf<N> extends undefined ? (ParamsOf<N> extends undefined ? [CallArgs<N>?] : [CallArgs<N>]) : [CallArgs<N>]): Promise<ResponseOf<N>>;
}

/** Gateways answer these when the server behind them is down or slow: no different from no answer. */
const gatewayStatuses = new Set([502, 503, 504]);

const issuesOf = (error: z.ZodError) => error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/** `https://host/` → `https://host`; anything that is not an http(s) URL is refused. */
export function normalizeBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(trimmed)) throw new ApiFailure('invalid-request', 0, `not a server address: ${baseUrl}`);
  return trimmed;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  // The path part of the base URL (a server published under a prefix), part of what a device signs.
  const basePath = baseUrl.replace(/^https?:\/\/[^/]+/i, '');

  async function call(name: OperationName, args: { params?: unknown; body?: unknown; signal?: AbortSignalLike } = {}): Promise<unknown> {
    const operation: ApiOperation = apiContract[name];
    const path = basePath + operationPath(name, args.params as never);
    const headers: Record<string, string> = { accept: operation.response === 'binary' ? 'application/octet-stream' : 'application/json' };

    let body: Uint8Array<ArrayBuffer> | undefined;
    if (operation.request === 'binary') {
      if (!(args.body instanceof Uint8Array)) throw new ApiFailure('invalid-request', 0, `${name}: the body must be bytes`);
      body = new Uint8Array(args.body);
      headers['content-type'] = 'application/octet-stream';
    } else if (operation.request) {
      const parsed = operation.request.safeParse(args.body);
      if (!parsed.success) throw new ApiFailure('invalid-request', 0, `${name}: the request does not match the contract`, issuesOf(parsed.error));
      body = new Uint8Array(new TextEncoder().encode(JSON.stringify(parsed.data)));
      headers['content-type'] = 'application/json';
    }

    if (operation.auth === 'user') {
      const token = options.getToken?.();
      if (!token) throw new ApiFailure('unauthenticated', 0, `${name}: not signed in`);
      headers.authorization = `Bearer ${token}`;
    } else if (operation.auth === 'device') {
      const signer = await options.getDeviceSigner?.();
      if (!signer) throw new ApiFailure('unknown-device', 0, `${name}: this computer is not enrolled`);
      // Signed over the very bytes that are sent (an empty body for a GET).
      Object.assign(
        headers,
        await signDeviceRequest(signer.deviceId, signer.privateKey, { method: operation.method, pathWithQuery: path, body: body ?? new Uint8Array(), now: options.now?.() }),
      );
    }

    let response: FetchResponseLike;
    let bytes: Uint8Array;
    try {
      response = await options.fetch(baseUrl.slice(0, baseUrl.length - basePath.length) + path, { method: operation.method, headers, body, signal: args.signal });
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (args.signal?.aborted) throw new ApiFailure('aborted', 0, `${name}: stopped`);
      throw new ApiFailure('network', 0, `${name}: no answer from the server (${error instanceof Error ? error.message : String(error)})`);
    }

    if (!response.ok) {
      const answer = apiErrorSchema.safeParse(parseJson(bytes));
      if (answer.success) throw new ApiFailure(answer.data.error.code, response.status, answer.data.error.message, answer.data.error.details);
      if (gatewayStatuses.has(response.status)) throw new ApiFailure('network', response.status, `${name}: the server is not reachable (HTTP ${response.status})`);
      throw new ApiFailure('bad-response', response.status, `${name}: HTTP ${response.status} without an error the contract knows`);
    }

    if (operation.response === 'binary') return bytes;
    const json = parseJson(bytes);
    const parsed = operation.response.safeParse(json);
    if (!parsed.success) throw new ApiFailure('bad-response', response.status, `${name}: the answer does not match the contract`, issuesOf(parsed.error));
    return parsed.data;
  }

  return { baseUrl, call: call as ApiClient['call'] };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
