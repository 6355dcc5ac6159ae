import { z } from 'zod';
import { bundleFileExtension } from '../bundle/format';
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
export * from './fileKinds';
export * from './fileName';
export { appVersion } from './version';

export const menuCommandSchema = z.enum(menuCommands);

/**
 * The largest file one invoke carries, either way (`files:saveAs`, `bundle:writeToDrive`): it
 * travels through IPC in one message, held in memory on both sides. Below 512 MiB on purpose: Electron
 * serializes a message into one buffer and grows it 4x at a time, so a message past 2^29 bytes asks for a
 * 2 GiB shared-memory region, which Chromium refuses and the process crashes (electron/electron#53961).
 * 500 MiB leaves room for the message's envelope.
 */
export const maxFileTransferBytes = 500 * 1024 * 1024;
/** The largest file `files:saveAs` accepts (a CSV export or a sync bundle). */
export const maxSaveBytes = maxFileTransferBytes;
/** The media type of a `*.stepbundle` file, for `files:saveAs` and downloads. */
export const bundleMimeType = 'application/vnd.step.bundle';

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
const bytesAtMost = (max: number) =>
  z
    .instanceof(Uint8Array, { error: 'data must be a Uint8Array' })
    .refine((data) => data.byteLength <= max, { error: `data must be at most ${max} bytes` });

const mimeTypePattern =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[a-z0-9!#$&^_.+-]+))*$/i;

export const saveAsRequestSchema = z.strictObject({
  /** Offered in the save dialog; the user may change it. A name only: the folder is the user's choice. */
  suggestedName: plainFileNameSchema,
  mimeType: z.string().max(255).regex(mimeTypePattern, { error: 'mimeType must look like type/subtype' }),
  data: bytesAtMost(maxSaveBytes),
});
export type SaveAsRequest = z.infer<typeof saveAsRequestSchema>;

export const saveAsResponseSchema = z.object({
  /** false when the user cancelled the dialog: not an error. */
  saved: z.boolean(),
  /** The name the user saved under (no folder: the renderer has no use for the user's paths). */
  fileName: z.string().min(1).max(1024).optional(),
});
export type SaveAsResponse = z.infer<typeof saveAsResponseSchema>;


/**
 * A removable drive, as the renderer knows it: an opaque id (main maps it back to the mount point; the
 * renderer never sees or sends a path) and what to show the person.
 */
export const driveIdSchema = z.string().regex(/^drive-[0-9a-f]{32}$/, { error: 'a drive id from drives:list' });
export const driveSchema = z.strictObject({
  id: driveIdSchema,
  /** "KINGSTON (E:)", "USB_STICK": the volume's name, never a path. */
  label: z.string().min(1).max(200),
  /** Free space, when the host could tell. */
  freeBytes: z.number().int().nonnegative().optional(),
  /** False for a write-protected stick or a locked SD card: listed so the person sees why it cannot be used. */
  writable: z.boolean(),
});
export type Drive = z.infer<typeof driveSchema>;

export const drivesListResponseSchema = z.strictObject({
  /** False where drives cannot be listed (a plain browser): offer `files:saveAs` instead. */
  supported: z.boolean(),
  drives: z.array(driveSchema).max(64),
});
export type DrivesListResponse = z.infer<typeof drivesListResponseSchema>;

/** A plain file name that ends in `.stepbundle`. */
export const bundleFileNameSchema = plainFileNameSchema.refine((name) => name.toLowerCase().endsWith(bundleFileExtension) && name.length > bundleFileExtension.length, {
  error: `fileName must end with ${bundleFileExtension}`,
});

export const writeToDriveRequestSchema = z.strictObject({
  driveId: driveIdSchema,
  /** The name wanted; when the drive already has a file of that name, " (2)", " (3)", ... is added. */
  fileName: bundleFileNameSchema,
  data: bytesAtMost(maxFileTransferBytes),
});
export type WriteToDriveRequest = z.infer<typeof writeToDriveRequestSchema>;

export const writeToDriveResponseSchema = z.strictObject({
  /** The name the file got on the drive (the requested one, or it with a number added). */
  fileName: z.string().min(1).max(1024),
  bytes: z.number().int().nonnegative(),
  /** The file was read back from the drive and its SHA-256 matched: a mismatch fails with `verify-failed`. */
  verified: z.literal(true),
});
export type WriteToDriveResponse = z.infer<typeof writeToDriveResponseSchema>;

export const bridgeContract = {
  'app:getInfo': { request: z.void(), response: appInfoSchema },
  'files:saveAs': { request: saveAsRequestSchema, response: saveAsResponseSchema },
  'drives:list': { request: z.void(), response: drivesListResponseSchema },
  'bundle:writeToDrive': { request: writeToDriveRequestSchema, response: writeToDriveResponseSchema },
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
