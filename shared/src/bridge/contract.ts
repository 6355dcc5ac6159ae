import { z } from 'zod';
import type { BridgeChannel, BridgeFailure, MenuCommand } from './channels';
import { menuCommands } from './channels';
import { plainFileNameSchema } from './fileName';

/**
 * The typed contract between the renderer and whatever hosts it (Electron's main process or a plain
 * browser), after Actual Budget's handler maps: one entry per channel, each with a request schema and a
 * response schema. Electron's main parses every request with these schemas before acting on it (the
 * renderer is treated as untrusted) and every response before sending it; the browser bridge parses
 * requests too, so both hosts refuse the same payloads.
 *
 * Adding a channel: add its name to `bridgeChannels` (channels.ts), its schemas here, its handler in
 * electron/ipc/handlers.ts and in renderer/src/bridge/browserBridge.ts. The types make each step fail
 * to compile until the next one is done.
 */

export * from './channels';
export * from './fileName';
export { appVersion } from './version';

export const menuCommandSchema = z.enum(menuCommands);

/** The largest file `files:saveAs` accepts: it travels through IPC in one message, held in memory. */
export const maxSaveBytes = 200 * 1024 * 1024;

export const appInfoSchema = z.object({
  host: z.enum(['electron', 'browser']),
  appVersion: z.string().min(1).max(64),
  /** process.platform in Electron ('win32', 'darwin', 'linux'); the browser's own idea otherwise. */
  platform: z.string().min(1).max(64),
  electronVersion: z.string().min(1).max(64).optional(),
  chromeVersion: z.string().min(1).max(64).optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** type/subtype with optional parameters, e.g. `text/csv;charset=utf-8`. */
const mimeTypePattern =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[a-z0-9!#$&^_.+-]+))*$/i;

export const saveAsRequestSchema = z.strictObject({
  /** Offered in the save dialog; the user may change it. A name only: the folder is the user's choice. */
  suggestedName: plainFileNameSchema,
  mimeType: z.string().max(255).regex(mimeTypePattern, { error: 'mimeType must look like type/subtype' }),
  data: z
    .instanceof(Uint8Array, { error: 'data must be a Uint8Array' })
    .refine((data) => data.byteLength <= maxSaveBytes, { error: `data must be at most ${maxSaveBytes} bytes` }),
});
export type SaveAsRequest = z.infer<typeof saveAsRequestSchema>;

export const saveAsResponseSchema = z.object({
  /** false when the user cancelled the dialog: not an error. */
  saved: z.boolean(),
  /** The name the user saved under (no folder: the renderer has no use for the user's paths). */
  fileName: z.string().min(1).max(1024).optional(),
});
export type SaveAsResponse = z.infer<typeof saveAsResponseSchema>;

export const bridgeContract = {
  'app:getInfo': { request: z.void(), response: appInfoSchema },
  'files:saveAs': { request: saveAsRequestSchema, response: saveAsResponseSchema },
} as const satisfies Record<BridgeChannel, { request: z.ZodType; response: z.ZodType }>;

/** What the renderer passes: `void` for channels without a payload (call `invoke('app:getInfo', undefined)`). */
export type BridgeRequest<C extends BridgeChannel> = z.infer<(typeof bridgeContract)[C]['request']>;
export type BridgeResponse<C extends BridgeChannel> = z.infer<(typeof bridgeContract)[C]['response']>;

/** Long enough to say what is wrong, short enough that a hostile payload cannot flood a log. */
const maxProblemLength = 500;

/**
 * Parses a request with its channel's schema. Both hosts use this, so a payload refused by Electron's
 * main is refused with the same message by the browser bridge.
 */
export function parseBridgeRequest<C extends BridgeChannel>(
  channel: C,
  payload: unknown,
): { ok: true; request: BridgeRequest<C> } | { ok: false; error: BridgeFailure } {
  const parsed = bridgeContract[channel].request.safeParse(payload);
  if (parsed.success) return { ok: true, request: parsed.data as BridgeRequest<C> };
  const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'request'}: ${issue.message}`);
  const message = `Invalid ${channel} request. ${issues.join('; ')}`.slice(0, maxProblemLength);
  return { ok: false, error: { code: 'invalid-request', message } };
}

/**
 * What the renderer sees as `getBridge()` (renderer/src/bridge). A failed invoke rejects with an Error
 * whose message starts with `[step-bridge:<code>]`; `toBridgeError(error).code` reads the code.
 */
export interface StepBridge {
  invoke<C extends BridgeChannel>(channel: C, request: BridgeRequest<C>): Promise<BridgeResponse<C>>;
  /** Subscribes to the application menu. Returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
