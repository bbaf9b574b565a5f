import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) for what a client sends: the zod schema's input side. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export interface RouteDoc {
  summary: string;
  tags: string[];
  /** Roles that may call it; absent = public. */
  roles?: ('member' | 'recruiter' | 'admin')[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
}

/**
 * Route options whose `schema` only documents the route: the same zod schemas the handler validates with
 * become the OpenAPI description (validation itself stays in zod, so errors keep our format).
 */
export function doc(d: RouteDoc): { schema: FastifySchema } {
  const schema: FastifySchema & Record<string, unknown> = {
    summary: d.summary,
    tags: d.tags,
    description: d.roles ? `Roles: ${d.roles.join(', ')}.` : 'Public.',
    ...(d.roles ? { security: [{ bearer: [] }] } : {}),
  };
  if (d.params) schema.params = jsonSchema(d.params);
  if (d.query) schema.querystring = jsonSchema(d.query);
  if (d.body) schema.body = jsonSchema(d.body);
  if (d.response) schema.response = { 200: jsonSchema(d.response) };
  return { schema };
}

/** OpenAPI 3.1 at /openapi.json and a docs page at /docs, generated from the routes and their zod schemas. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  // Schemas on routes are documentation; zod validates inside handlers and JSON.stringify serializes.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const swagger = (await import('@fastify/swagger')).default;
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fitwise API',
        version: '0.1.0',
        description: 'Explainable job matching: fit tier, retrieval, applicants by fit, assistant, real-time notifications, operations. Errors: {"error": {"code", "message"}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  const swaggerUi = (await import('@fastify/swagger-ui')).default;
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
