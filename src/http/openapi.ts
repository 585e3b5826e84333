/**
 * The API's routes described once, with the same zod schemas the handlers validate with: the OpenAPI document and
 * the docs page are generated from this list, so they cannot drift from what the server accepts.
 */
import * as z from 'zod';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/api/rosters/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** false for the few public routes (health, feeds, docs). */
  auth?: boolean;
  body?: z.ZodType;
  query?: Record<string, string>;
  /** Status → description. */
  responses: Record<number, string>;
  /** True when the request must carry If-Match with the roster's ETag. */
  ifMatch?: boolean;
}

export const ROUTES: RouteSpec[] = [];

/** Registers a route's description and returns its Hono path (`{id}` → `:id`). */
export function describe(spec: RouteSpec): string {
  ROUTES.push(spec);
  return spec.path.replace(/\{([^}]+)\}/g, ':$1');
}

function schemaOf(schema: z.ZodType): unknown {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const parameters = [
      ...[...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => ({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(route.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      })),
      ...(route.ifMatch
        ? [
            {
              name: 'If-Match',
              in: 'header',
              required: true,
              description: "The roster's ETag",
              schema: { type: 'string' },
            },
          ]
        : []),
    ];
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === false ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(route.body) } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, description]) => [status, { description }]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'lichtruc',
      version: '1',
      description: 'Duty rosters as the source of truth, published as calendars.',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
