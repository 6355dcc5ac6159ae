import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { deviceHeaders } from '@shared/api';
import type { AppDeps, AppEnv } from './http/context';
import { ApiFailure, errorResponse } from './http/errors';
import { openApiDocument } from './http/openapi';
import { mountOperations, type Handlers } from './http/operations';
import { attachmentHandlers } from './routes/attachments';
import { bundleHandlers } from './routes/bundles';
import { deviceHandlers } from './routes/devices';
import { peopleHandlers } from './routes/people';
import { syncHandlers } from './routes/sync';
import { systemHandlers } from './routes/system';

export type { AppDeps } from './http/context';

export const handlers: Handlers = { ...systemHandlers, ...peopleHandlers, ...deviceHandlers, ...syncHandlers, ...attachmentHandlers, ...bundleHandlers };

/** The HTTP app, without a socket: main.ts serves it, tests call `app.request()`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    await next();
    c.res.headers.set('x-request-id', requestId);
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(c.get('userId') ? { userId: c.get('userId') } : {}),
      ...(c.get('deviceId') ? { deviceId: c.get('deviceId') } : {}),
    });
  });

  // Desks call from their own origin (Electron's app://step, a browser build's host). Any origin may:
  // requests carry a bearer token or a device signature in headers, never cookies, so a hostile page
  // gains nothing from CORS that it could not do with a plain HTTP client.
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['authorization', 'content-type', 'x-request-id', ...Object.values(deviceHeaders)],
      exposeHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    }),
  );

  app.get('/openapi.json', (c) => c.json(openApiDocument(deps.version)));
  mountOperations(app, deps, handlers);

  app.notFound((c) => errorResponse(c, 'not-found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ApiFailure) return errorResponse(c, error.code, error.message, error.details, error.headers);
    // Anything else is our fault, never the caller's: log it with the request id they were given.
    deps.logger.error('unexpected error', { requestId: c.get('requestId'), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return errorResponse(c, 'internal', `internal error; quote request id ${c.get('requestId')}`);
  });
  return app;
}
