/**
 * Values built on first use instead of at import. A Worker pays for everything its modules build at import on every
 * cold start, and zod builds each schema's checks and parsers eagerly: a module-level schema or table wrapped here
 * costs nothing until the first request that needs it, then once per isolate.
 */
import * as z from 'zod';

/** A function that returns what `build` returns, calling `build` only the first time. */
export function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

/**
 * A zod schema built on first use that reads as the schema itself: it parses, composes into other schemas and turns
 * into JSON Schema exactly as the schema `build` returns, so a module can export it under the same name and type.
 */
export function lazySchema<S extends z.ZodType>(build: () => S): S {
  const methods = new Map<PropertyKey, unknown>();
  const proxy: S = new Proxy({} as S, {
    get(_, key) {
      if (key === '_zod') return internals();
      const schema = real();
      const value: unknown = Reflect.get(schema, key, schema);
      if (typeof value !== 'function') return value;
      // Methods run on the real schema: zod keys descriptions and metadata by the instance they were given to.
      if (!methods.has(key)) methods.set(key, value.bind(schema));
      return methods.get(key);
    },
    has: (_, key) => key in real(),
    getPrototypeOf: () => Object.getPrototypeOf(real()),
  });
  const real = once(() => {
    const schema = build();
    // JSON Schema generation finds a description by the instance it walks, here the proxy.
    const meta = z.globalRegistry.get(schema);
    if (meta) z.globalRegistry.add(proxy, meta);
    return schema;
  });
  // The real schema's internals, except that JSON Schema generation, which walks the proxy but whose steps look the
  // real schema up, finds both under the same entry.
  const internals = once(() => {
    const zod = real()._zod;
    const process = zod.processJSONSchema;
    if (!process) return zod;
    return Object.create(zod, {
      processJSONSchema: {
        value: (
          ctx: z.core.ToJSONSchemaContext,
          json: z.core.JSONSchema.BaseSchema,
          params: z.core.ProcessParams,
        ) => {
          ctx.seen.set(real(), ctx.seen.get(proxy)!);
          process(ctx, json, params);
        },
      },
    });
  });
  return proxy;
}
