/**
 * The API's routes described once: the OpenAPI document and the docs page are generated from this list, and a route
 * reads its JSON body only through the validator `describe` returns for it, built from the schema it documents. So a
 * route cannot document one schema and validate another (test/http/openapi.test.ts keeps routes from reading bodies
 * any other way).
 */
import type { Context } from 'hono';
import * as z from 'zod';
import type { HonoEnv } from './env.ts';
import { parseWith, readJson } from './request.ts';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/api/rosters/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** false for the few public routes (health, feeds, docs). */
  auth?: boolean;
  body?: z.ZodType;
  /** How refusals name the body (`the roster is not valid`); default `the body`. */
  bodyName?: string;
  /** A text/plain body the route also takes, described in words (read with `text(c)`). */
  textBody?: string;
  query?: Record<string, string>;
  /** Status → description. */
  responses: Record<number, string>;
  /** True when the request must carry If-Match with the roster's ETag. */
  ifMatch?: boolean;
}

export const ROUTES: RouteSpec[] = [];

export interface ApiRoute<Body> {
  /** The Hono path (`{id}` → `:id`). */
  path: string;
  /** The JSON body, validated with the schema the document shows for this route (422 when it does not conform). */
  body(c: Context<HonoEnv>): Promise<Body>;
  /** The raw bytes of the text/plain body the document shows for this route (its size bounded by the app). */
  text(c: Context<HonoEnv>): Promise<Uint8Array>;
}

/** Registers a route's description; returns its Hono path and the reader of its body. */
export function describe<S extends z.ZodType = z.ZodNever>(
  spec: RouteSpec & { body?: S },
): ApiRoute<z.infer<S>> {
  ROUTES.push(spec);
  return {
    path: spec.path.replace(/\{([^}]+)\}/g, ':$1'),
    async body(c) {
      if (!spec.body) throw new Error(`${spec.method} ${spec.path} documents no body`);
      return parseWith(spec.body, await readJson(c), spec.bodyName ?? 'the body');
    },
    async text(c) {
      if (!spec.textBody) throw new Error(`${spec.method} ${spec.path} documents no text body`);
      return new Uint8Array(await c.req.arrayBuffer());
    },
  };
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
              content: {
                'application/json': { schema: schemaOf(route.body) },
                ...(route.textBody
                  ? { 'text/plain': { schema: { type: 'string', description: route.textBody } } }
                  : {}),
              },
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
