/**
 * The names and wire format of the bridge, with no zod in sight.
 *
 * Why a separate file from contract.ts: Electron's sandboxed preload cannot `require` npm modules, so it
 * is bundled, and it should stay tiny. The preload imports only this file (plus types from the
 * contract, which vanish at build time); main and the browser bridge import the zod schemas.
 */

/** The global the Electron preload exposes in the renderer's main world: `window.stepBridge`. */
export const bridgeGlobalName = 'stepBridge';

/** Request/response channels (`invoke`). contract.ts holds a schema pair for each. */
export const bridgeChannels = ['app:getInfo', 'files:saveAs', 'drives:list', 'bundle:writeToDrive'] as const;
export type BridgeChannel = (typeof bridgeChannels)[number];

export function isBridgeChannel(value: unknown): value is BridgeChannel {
  return typeof value === 'string' && (bridgeChannels as readonly string[]).includes(value);
}

/** The one main → renderer event: the application menu asking the renderer to do something. */
export const menuCommandEvent = 'menu:command';
export const menuCommands = [
  'import-records',
  'load-demo-data',
  'export-bundle',
  'import-bundle',
  'go-activities',
  'go-organizations',
  'go-settings',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (menuCommands as readonly string[]).includes(value);
}

/**
 * Why an invoke failed. The renderer gets a code and a short sentence, never a stack trace or a path
 * from the host's file system.
 * - unknown-channel: not a channel of the contract.
 * - untrusted-sender: the caller is not the app's own page (app://step/, main frame).
 * - invalid-request: the payload does not match the channel's request schema.
 * - invalid-response: the host produced a reply that breaks the contract (a bug in the host).
 * - failed: the host tried and could not do it, for a reason without a code of its own below.
 * - unavailable: this host cannot do that at all (a plain browser writing to a USB drive).
 * The rest name a failure the person can act on, so the desk can say what to do:
 * - drive-gone: the drive is no longer connected (pulled out, or unmounted since it was listed).
 * - no-space: the drive is full.
 * - not-writable: the drive or the folder is read-only (a locked SD card, a write-protected stick).
 * - verify-failed: the file read back differs from what was written; the file was removed.
 * - too-large: the chosen file is larger than the request allows.
 */
export const bridgeErrorCodes = [
  'unknown-channel',
  'untrusted-sender',
  'invalid-request',
  'invalid-response',
  'failed',
  'unavailable',
  'drive-gone',
  'no-space',
  'not-writable',
  'verify-failed',
  'too-large',
] as const;
export type BridgeErrorCode = (typeof bridgeErrorCodes)[number];

export interface BridgeFailure {
  code: BridgeErrorCode;
  message: string;
}

/**
 * What main sends back for every invoke. A handler never throws across IPC: Electron would forward
 * the thrown error's text (file paths included) to the renderer, wrapped in its own prose.
 */
export type BridgeReply = { ok: true; value: unknown } | { ok: false; error: BridgeFailure };

/**
 * The renderer's error for a failed invoke, in both hosts. Only an Error's message survives Electron's
 * contextBridge (not its class or extra fields), so the code travels inside the message and
 * `toBridgeError` reads it back.
 */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  constructor(
    readonly code: BridgeErrorCode,
    readonly detail: string,
  ) {
    super(formatBridgeError({ code, message: detail }));
  }
}

const prefix = /^\[step-bridge:([a-z-]+)\] ?/;

export function formatBridgeError(failure: BridgeFailure): string {
  return `[step-bridge:${failure.code}] ${failure.message}`;
}

/** Turns whatever an invoke rejected with into a BridgeError (code 'failed' when it carries none). */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Electron may prepend its own text ("Error invoking remote method ..."), so search, not anchor.
  const start = message.indexOf('[step-bridge:');
  const match = start >= 0 ? prefix.exec(message.slice(start)) : null;
  const code = match?.[1];
  if (match && code !== undefined && (bridgeErrorCodes as readonly string[]).includes(code)) {
    return new BridgeError(code as BridgeErrorCode, message.slice(start + match[0].length));
  }
  return new BridgeError('failed', message);
}
