import type { Context, Hono } from 'hono';
import { apiContract, type ApiContract, type OperationName, type ParamsOf, type RequestOf, type ResponseOf } from '@shared/api/contract';
import { maxAttachmentBytes, maxJsonBodyBytes } from '@shared/api/contract';
import { findSession } from '../auth/sessions';
import type { UserRow } from '../auth/users';
import { readBody, parseJsonBody } from './body';
import type { AppDeps, AppEnv } from './context';
import { identifyDevice, pruneSignatures, verifyDeviceSignature, type DeviceCaller } from './deviceAuth';
import { ApiFailure, issueDetails } from './errors';
import { createUploadGate } from './uploadGate';

/**
 * Routes come from the contract: each operation's path, method and auth kind are the contract's, its
 * params and body are checked with the contract's schemas before the handler runs, and the handler
 * table is typed so that an operation without a handler does not compile.
 */
type AuthOf<N extends OperationName> = ApiContract[N]['auth'] extends 'user'
  ? { user: UserRow; token: string }
  : ApiContract[N]['auth'] extends 'device'
    ? DeviceCaller
    : undefined;

export interface OperationContext<N extends OperationName> {
  c: Context<AppEnv>;
  deps: AppDeps;
  params: ParamsOf<N>;
  body: RequestOf<N>;
  auth: AuthOf<N>;
}

type Answer<N extends OperationName> = ResponseOf<N> extends Uint8Array ? Response : ResponseOf<N> | Response;
export type Handler<N extends OperationName> = (ctx: OperationContext<N>) => Promise<Answer<N>>;
export type Handlers = { [N in OperationName]: Handler<N> };

const pruneEveryMs = 60_000;

/** Operations whose bodies are large enough to be read one at a time per process (uploadGate.ts). */
const gatedOperations: ReadonlySet<OperationName> = new Set(['importBundle']);

export function mountOperations(app: Hono<AppEnv>, deps: AppDeps, handlers: Handlers): void {
  let lastPrune = 0;
  const now = deps.now ?? Date.now;
  const uploadGate = createUploadGate();
  for (const name of Object.keys(apiContract) as OperationName[]) {
    const operation = apiContract[name];
    const path = operation.path.replace(/\{(\w+)\}/g, ':$1');
    const handler = handlers[name] as Handler<OperationName>;
    const answer = async (c: Context<AppEnv>, beforeBody: () => void): Promise<Response> => {
      let auth: unknown;
      let body: Uint8Array | undefined;
      const request = 'request' in operation ? operation.request : undefined;
      const maxBytes = ('maxBytes' in operation ? operation.maxBytes : undefined) ?? (request === 'binary' ? maxAttachmentBytes : maxJsonBodyBytes);
      if (operation.auth === 'user') {
        auth = await authenticateUser(c, deps);
        beforeBody();
      } else if (operation.auth === 'device') {
        const caller = await identifyDevice(deps.db, c.req.raw.headers, now());
        c.set('userId', caller.user.id);
        c.set('deviceId', caller.device.id);
        beforeBody();
        body = await readBody(c.req.raw, maxBytes);
        const url = new URL(c.req.url);
        await verifyDeviceSignature(deps.db, caller, { method: c.req.method, pathWithQuery: url.pathname + url.search, body });
        if (now() - lastPrune > pruneEveryMs) {
          lastPrune = now();
          await pruneSignatures(deps.db);
        }
        auth = { device: caller.device, user: caller.user };
      }
      let params: unknown;
      if ('params' in operation) {
        const parsed = operation.params.safeParse(c.req.param());
        if (!parsed.success) throw new ApiFailure('invalid-request', 'the path does not match the contract', issueDetails(parsed.error));
        params = parsed.data;
      }
      let input: unknown;
      if (request !== undefined) {
        body ??= await readBody(c.req.raw, maxBytes);
        input = request === 'binary' ? body : parseJsonBody(body, c.req.header('content-type') ?? null, request);
      }
      const result = await handler({ c, deps, params, body: input, auth } as OperationContext<OperationName>);
      return result instanceof Response ? result : c.json(result as object);
    };

    app.on(operation.method, path, async (c) => {
      // Who is calling is known (headers, device enrolled and unrevoked) before a slot is taken, and the
      // slot is taken before the body is read: strangers cannot hold it, nor make the server read for them.
      let leave: (() => void) | undefined;
      try {
        return await answer(c, () => {
          if (gatedOperations.has(name)) leave = uploadGate.enter();
        });
      } finally {
        leave?.();
      }
    });
  }
}

async function authenticateUser(c: Context<AppEnv>, deps: AppDeps): Promise<{ user: UserRow; token: string }> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match) throw new ApiFailure('unauthenticated', 'sign in first: send authorization: Bearer <token>');
  const session = await findSession(deps.db, match[1]!);
  if (!session) throw new ApiFailure('unauthenticated', 'this session is unknown or was ended');
  if ('expired' in session) throw new ApiFailure('session-expired', 'this session has expired; sign in again');
  c.set('userId', session.user.id);
  return { user: session.user, token: match[1]! };
}
