import { z } from 'zod';
import { apiContract, type ApiOperation } from '@shared/api/contract';
import { apiErrorSchema } from '@shared/api/errors';
import { deviceHeaders } from '@shared/api/deviceAuth';

/** /openapi.json, built from the contract itself, so the document cannot drift from what the server checks. */
export function openApiDocument(version: string): Record<string, unknown> {
  const schema = (type: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'openapi-3.0' });
  const binary = { type: 'string', format: 'binary' };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of Object.entries(apiContract) as [string, ApiOperation][]) {
    const parameters = op.params
      ? Object.keys((op.params as unknown as { shape: Record<string, z.ZodType> }).shape).map((param) => ({
          name: param,
          in: 'path',
          required: true,
          schema: schema((op.params as unknown as { shape: Record<string, z.ZodType> }).shape[param]!, 'input'),
        }))
      : [];
    const security = op.auth === 'user' ? [{ session: [] }] : op.auth === 'device' ? [{ deviceSignature: [] }] : [];
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: name,
      summary: op.summary,
      security,
      parameters,
      ...(op.request
        ? {
            requestBody: {
              required: true,
              content: op.request === 'binary' ? { 'application/octet-stream': { schema: binary } } : { 'application/json': { schema: schema(op.request, 'input') } },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: op.response === 'binary' ? { 'application/octet-stream': { schema: binary } } : { 'application/json': { schema: schema(op.response, 'output') } },
        },
        default: { description: 'An error (see the code)', content: { 'application/json': { schema: schema(apiErrorSchema, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'STEP sync server', version },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/v1/session' },
        deviceSignature: {
          type: 'apiKey',
          in: 'header',
          name: deviceHeaders.signature,
          description: `Ed25519 signature by an enrolled device over method, path with query, ${deviceHeaders.time} and the body's SHA-256 (shared/src/api/deviceAuth.ts), with ${deviceHeaders.device} and ${deviceHeaders.time}.`,
        },
      },
    },
  };
}
