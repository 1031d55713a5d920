/**
 * The OpenAPI 3.1 document of the agency API, as @fastify/swagger makes it from the routes' zod schemas through
 * the zod type provider's transforms: the document's frame (title, security) and two small finishing steps.
 */
import { type FastifyDynamicSwaggerOptions, type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AgencyApiSchemas } from './schemas.js';

const frame = {
  openapi: '3.1.0',
  info: {
    title: 'Threshold agency API',
    version: '1.0.0',
    description:
      'Partner agencies’ systems send contacts and notifications to the front door. Authenticate with OAuth 2 client credentials (ask the area’s administrator for a client), then send `Authorization: Bearer <token>`. Send an `Idempotency-Key` with every POST: a retry with the same key and body returns the first response and never makes a second contact.',
  },
  servers: [{ url: '/' }],
  components: { securitySchemes: { bearer: { type: 'http' as const, scheme: 'bearer' } } },
  security: [{ bearer: [] }],
};

/** A response as the routes declare it: a description, content by media type, and headers it sets. */
interface DeclaredResponse {
  headers?: Record<string, z.ZodType>;
}

/**
 * The swagger options: the provider's transforms over the API's own registry (so components are its schemas),
 * plus the response headers a route declares (the provider carries a response's description and content only).
 */
export function documentOptions(schemas: AgencyApiSchemas): FastifyDynamicSwaggerOptions {
  const routeTransform = createJsonSchemaTransform({ schemaRegistry: schemas.registry, skipList: [] });
  const transform: SwaggerTransform = (route) => {
    const result = routeTransform(route);
    const declared = (route.schema?.response ?? {}) as Record<string, DeclaredResponse>;
    const responses = (result.schema as { response?: Record<string, Record<string, unknown>> }).response;
    for (const [status, response] of Object.entries(declared)) {
      if (!response.headers || !responses?.[status]) continue;
      responses[status].headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, schema]) => {
          const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { metadata: schemas.registry, io: 'output' }) as Record<string, unknown>;
          return [name, json];
        }),
      );
    }
    return result;
  };
  const objectTransform = createJsonSchemaTransformObject({ schemaRegistry: schemas.registry });
  const transformObject: SwaggerTransformObject = (document) => usedComponentsOnly(objectTransform(document) as OpenApiDocument) as ReturnType<SwaggerTransformObject>;
  return { openapi: frame, transform, transformObject };
}

interface OpenApiDocument {
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

const REF = '#/components/schemas/';

function refsIn(value: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(value, (key, v: unknown) => {
    if (key === '$ref' && typeof v === 'string' && v.startsWith(REF)) found.push(v.slice(REF.length));
    return v;
  });
  return found;
}

/**
 * The provider puts every registered schema in the components twice, as a request (`NotificationInput`) and as a
 * response (`Notification`). Only those the paths refer to are kept, and one used only in requests keeps its
 * own name, so the published names stay `Notification`, `Accepted`, `ContactStatus` and `Problem`.
 */
export function usedComponentsOnly(document: OpenApiDocument): OpenApiDocument {
  const all = document.components?.schemas ?? {};
  const used = new Set<string>();
  const queue = refsIn({ ...document, components: { ...document.components, schemas: {} } });
  while (queue.length) {
    const id = queue.pop()!;
    if (used.has(id) || !(id in all)) continue;
    used.add(id);
    queue.push(...refsIn(all[id]));
  }
  const name = (id: string) => (id.endsWith('Input') && !used.has(id.slice(0, -'Input'.length)) ? id.slice(0, -'Input'.length) : id);
  const renamed = JSON.parse(JSON.stringify({ ...document, components: { ...document.components, schemas: Object.fromEntries(Object.keys(all).filter((id) => used.has(id)).map((id) => [name(id), all[id]])) } }), (key, v: unknown) =>
    key === '$ref' && typeof v === 'string' && v.startsWith(REF) ? `${REF}${name(v.slice(REF.length))}` : v,
  ) as OpenApiDocument;
  return renamed;
}
