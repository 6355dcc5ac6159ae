import { z } from 'zod';
import { bundleLimits } from '../bundle/format';
import { countryCodeSchema } from '../domain/taxonomy/countries';
import { userRoleSchema } from '../domain/taxonomy/roles';
import { sha256Schema } from '../domain/entities/document';
import { changeSchema } from '../sync/change';
import { deviceIdSchema } from '../sync/hlc';
import { signedRevocationListSchema, versionVectorSchema, x25519PublicKeySchema } from '../bundle/format';
import { signedServerAckSchema } from '../bundle/serverAck';
import { deviceCertificateSchema, publicKeySchema } from './certificate';

/**
 * The HTTP contract between the desk and the Secretariat's server, as one typed map (after Actual
 * Budget's handler maps): each operation's method, path, who may call it, and zod schemas for what goes
 * in and what comes out. The server validates every request with these schemas where it enters and
 * builds /openapi.json from them; the desk's client validates every answer. One source, no second copy.
 *
 * Auth kinds: `none`; `user`: a session token from sign-in (`authorization: Bearer …`); `device`: a
 * request signed by an enrolled device's key (deviceAuth.ts).
 */

/** At most this many changes per push; a desk sends more in several pushes. */
export const maxPushChanges = 1000;
export const defaultPullLimit = 2000;
export const maxPullLimit = 10_000;
/** Any JSON request body larger than this is refused before it is parsed. */
export const maxJsonBodyBytes = 8 * 1024 * 1024;
export const maxAttachmentBytes = 25 * 1024 * 1024;
/** A bundle uploaded to the server (POST /api/v1/bundles): the format's own file limit. */
export const maxBundleBytes = bundleLimits.maxFileBytes;
/**
 * How deeply a request's JSON may nest. Records nest a few levels (a value's objects and lists inside a
 * change inside a push); anything far deeper is hostile, and would exhaust the stack of a recursive
 * walker (zod's, PostgreSQL's jsonb parser) and answer a 500 instead of a refusal.
 */
export const maxJsonDepth = 64;

export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'lowercase letters, digits, dot, dash or underscore' });
export const passwordSchema = z.string().min(10, { error: 'at least 10 characters' }).max(512);

export const userInfoSchema = z.object({
  id: z.string(),
  username: usernameSchema,
  displayName: z.string().min(1).max(200),
  role: userRoleSchema,
  countries: z.array(countryCodeSchema),
});
export type UserInfo = z.infer<typeof userInfoSchema>;

export const signInRequestSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(512) });
export const signInResponseSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: userInfoSchema });

export const serverInfoSchema = z.object({
  name: z.literal('step-server'),
  version: z.string(),
  /** The key that signs device certificates: desks pin it at enrollment. */
  publicKey: publicKeySchema,
  /** The X25519 key bundles addressed to the server are encrypted to: desks pin it with `publicKey`. */
  encryptionPublicKey: x25519PublicKeySchema,
  time: z.iso.datetime(),
});

export const enrollRequestSchema = z.strictObject({
  deviceId: deviceIdSchema,
  devicePublicKey: publicKeySchema,
  /** What the person calls this computer, shown in device lists ("Somchai's laptop"). */
  name: z.string().trim().min(1).max(100),
  /** This device's X25519 key, so that bundles can be encrypted to it; the certificate carries it. */
  encryptionPublicKey: x25519PublicKeySchema.optional(),
});
export const enrollResponseSchema = z.object({ certificate: deviceCertificateSchema, serverPublicKey: publicKeySchema });

/**
 * Why the server refused a change. 'locked': the record is submitted, approved or accepted
 * (shared/src/workflow), and nobody edits it until a reviewer returns or unlocks it; 'workflow': a review
 * step (an approval record) that is not allowed: not the sender's own, one its role may never take, dated
 * in the future, or a change to a step already taken (steps are immutable). The detail says which.
 */
export const changeRefusalReasons = ['out-of-scope', 'moves-out-of-scope', 'invalid-value', 'unknown-field', 'forged-author', 'locked', 'workflow'] as const;
export const changeRefusalSchema = z.object({
  seq: z.number().int().positive(),
  entity: changeSchema.shape.entity,
  recordId: z.string(),
  field: z.string(),
  reason: z.enum(changeRefusalReasons),
  /** For people: which value, and what was wrong with it. */
  detail: z.string().optional(),
});
export type ChangeRefusal = z.infer<typeof changeRefusalSchema>;

/** A device pushes only its own changes, from the seq after the server's `received`, without gaps. */
export const pushRequestSchema = z.strictObject({ changes: z.array(changeSchema).min(1).max(maxPushChanges) });
export const pushResponseSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  /** Refused changes, each with its reason: kept by the server for review, never silently dropped. */
  refused: z.array(changeRefusalSchema),
  /** The highest seq of this device the server has processed (accepted, refused or duplicate) without gaps. */
  received: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** An opaque position in the server's stream; absent on a first pull. */
export const pullCursorSchema = z.string().regex(/^\d{1,18}\.\d{1,18}$/, { error: 'a cursor returned by an earlier pull' });
export const pullRequestSchema = z.strictObject({
  cursor: pullCursorSchema.optional(),
  limit: z.number().int().min(1).max(maxPullLimit).optional(),
});
export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Where the next pull resumes; store it only once `changes` are applied. */
  cursor: pullCursorSchema,
  more: z.boolean(),
  /** As in a push answer: where this device's next push starts. */
  received: z.number().int().nonnegative(),
  /** For progress bars only: an upper bound of the stream positions left beyond the cursor (some are not this device's to see); 0 when `more` is false. */
  remaining: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Why changes of a device wait: a gap in its seqs, or a record their countries come from is not on the server yet. */
export const bundleWaitReasons = ['gap', 'unknown-record'] as const;

/** What importing a bundle on the server did (server/src/bundles/import.ts). */
export const bundleImportResponseSchema = z.object({
  bundleId: z.string(),
  /**
   * 'ok': everything new was applied; 'partial': some changes were refused or wait; 'nothing-new':
   * nothing was applied, refused or waits (every change was already held).
   */
  result: z.enum(['ok', 'nothing-new', 'partial']),
  /** Changes merged into the server's records. */
  applied: z.number().int().nonnegative(),
  /** Changes the server had already processed (by device and seq). */
  duplicates: z.number().int().nonnegative(),
  /** Refused changes of each originating device, with the reason: kept by the server for review. */
  refused: z.array(changeRefusalSchema.extend({ device: deviceIdSchema })),
  /**
   * Changes not applied yet, per device, from the first that waits: beyond a gap in the device's seqs
   * ('gap': a later bundle or push brings the missing ones), or whose record hangs off a record the server
   * does not hold yet ('unknown-record': a participation before its activity). Importing the bundle again
   * once the missing changes are in applies them.
   */
  waiting: z.array(
    z.object({
      device: deviceIdSchema,
      count: z.number().int().positive(),
      fromSeq: z.number().int().positive(),
      toSeq: z.number().int().positive(),
      reason: z.enum(bundleWaitReasons).optional(),
      /** For people: which record is missing. */
      detail: z.string().optional(),
    }),
  ),
  /** Attachments the bundle brought that the server did not hold yet. */
  attachmentsStored: z.number().int().nonnegative(),
  /** The server's processed seq of every device after the import: what an exporter may count as received. */
  ack: versionVectorSchema,
  /** The same vector signed by the server's certificate key: what a desk may carry to others as proof. */
  serverAck: signedServerAckSchema,
});
export type BundleImportResponse = z.infer<typeof bundleImportResponseSchema>;

export const attachmentPutResponseSchema = z.object({ sha256: sha256Schema, size: z.number().int().nonnegative(), stored: z.boolean() });

export const deviceInfoSchema = z.object({
  deviceId: deviceIdSchema,
  name: z.string(),
  user: userInfoSchema,
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().optional(),
  revokedAt: z.iso.datetime().optional(),
  revokedReason: z.string().optional(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export const revokeRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200),
  password: passwordSchema,
  role: userRoleSchema,
  countries: z.array(countryCodeSchema).max(20),
});

export const healthSchema = z.object({ status: z.enum(['ok', 'not-ready']), detail: z.string().optional() });
const okSchema = z.object({ ok: z.literal(true) });
const sha256Params = z.strictObject({ sha256: sha256Schema });
const deviceParams = z.strictObject({ deviceId: deviceIdSchema });

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export interface ApiOperation {
  method: Method;
  /** With `{name}` placeholders, as OpenAPI writes them. */
  path: string;
  auth: 'none' | 'user' | 'device';
  summary: string;
  params?: z.ZodType;
  /** 'binary': raw bytes (attachments, bundles). */
  request?: z.ZodType | 'binary';
  /** The largest body accepted, when not the default of its kind (maxJsonBodyBytes, maxAttachmentBytes). */
  maxBytes?: number;
  response: z.ZodType | 'binary';
}

export const apiContract = {
  healthz: { method: 'GET', path: '/healthz', auth: 'none', summary: 'The process is up', response: healthSchema },
  readyz: { method: 'GET', path: '/readyz', auth: 'none', summary: 'The database answers and is migrated', response: healthSchema },
  serverInfo: { method: 'GET', path: '/api/v1/server', auth: 'none', summary: 'Server version and certificate key', response: serverInfoSchema },
  signIn: { method: 'POST', path: '/api/v1/session', auth: 'none', summary: 'Sign in with a username and password', request: signInRequestSchema, response: signInResponseSchema },
  signOut: { method: 'DELETE', path: '/api/v1/session', auth: 'user', summary: 'End this session', response: okSchema },
  enrollDevice: { method: 'POST', path: '/api/v1/devices', auth: 'user', summary: "Enroll this device's public key; returns its certificate", request: enrollRequestSchema, response: enrollResponseSchema },
  listDevices: { method: 'GET', path: '/api/v1/devices', auth: 'user', summary: 'Devices the caller may manage', response: z.object({ devices: z.array(deviceInfoSchema) }) },
  revokeDevice: { method: 'POST', path: '/api/v1/devices/{deviceId}/revoke', auth: 'user', summary: 'Revoke a device: its requests and bundles are refused', params: deviceParams, request: revokeRequestSchema, response: deviceInfoSchema },
  listUsers: { method: 'GET', path: '/api/v1/users', auth: 'user', summary: 'Every user (administrators)', response: z.object({ users: z.array(userInfoSchema) }) },
  createUser: { method: 'POST', path: '/api/v1/users', auth: 'user', summary: 'Add a user (administrators)', request: createUserRequestSchema, response: userInfoSchema },
  push: { method: 'POST', path: '/api/v1/sync/push', auth: 'device', summary: "Send this device's changes", request: pushRequestSchema, response: pushResponseSchema },
  pull: { method: 'POST', path: '/api/v1/sync/pull', auth: 'device', summary: "Receive changes in this device's scope beyond a cursor", request: pullRequestSchema, response: pullResponseSchema },
  putAttachment: { method: 'PUT', path: '/api/v1/attachments/{sha256}', auth: 'device', summary: 'Upload a file by its SHA-256 (verified)', params: sha256Params, request: 'binary', response: attachmentPutResponseSchema },
  getAttachment: { method: 'GET', path: '/api/v1/attachments/{sha256}', auth: 'device', summary: 'Download a file by its SHA-256', params: sha256Params, response: 'binary' },
  revocations: { method: 'GET', path: '/api/v1/revocations', auth: 'device', summary: 'Every revoked device, signed by the server key', response: signedRevocationListSchema },
  acks: { method: 'GET', path: '/api/v1/acks', auth: 'device', summary: "The server's processed seq of every device, signed by the server key", response: signedServerAckSchema },
  importBundle: {
    method: 'POST',
    path: '/api/v1/bundles',
    auth: 'device',
    summary: 'Import a bundle addressed to the server (application/octet-stream); each change counts as its originating device',
    request: 'binary',
    maxBytes: maxBundleBytes,
    response: bundleImportResponseSchema,
  },
} as const satisfies Record<string, ApiOperation>;

export type ApiContract = typeof apiContract;
export type OperationName = keyof ApiContract;
type Schema<T> = T extends z.ZodType ? z.infer<T> : T extends 'binary' ? Uint8Array : undefined;
export type RequestOf<N extends OperationName> = ApiContract[N] extends { request: infer R } ? Schema<R> : undefined;
export type ResponseOf<N extends OperationName> = Schema<ApiContract[N]['response']>;
export type ParamsOf<N extends OperationName> = ApiContract[N] extends { params: infer P } ? Schema<P> : undefined;

/** The concrete path for an operation: `{name}` placeholders filled and encoded. */
export function operationPath<N extends OperationName>(name: N, params?: ParamsOf<N>): string {
  return apiContract[name].path.replace(/\{(\w+)\}/g, (_match, key: string) => encodeURIComponent(String((params as Record<string, unknown> | undefined)?.[key] ?? '')));
}
