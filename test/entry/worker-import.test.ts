/**
 * A Worker evaluates its whole bundle on every cold start, before the first request. Schemas, clients and tables are
 * built on first use instead (src/domain/lazy.ts): this test counts what importing the Worker entry builds. Every zod
 * schema and check defines its `_zod` internals once when it is constructed, so counting those definitions counts
 * constructions; the Vietnamese collator is counted by wrapping its constructor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';

const defineProperty = Object.defineProperty;
const ownFrames = (stack = '') =>
  stack.split('\n').filter((frame) => frame.includes('/src/') && !frame.includes('/lazy.ts'));
const Collator = Intl.Collator;

afterEach(() => {
  Object.defineProperty = defineProperty;
  Intl.Collator = Collator;
});

describe('importing the Worker entry', () => {
  it('builds no zod schema and no collator: they are built by the first request that needs them', async () => {
    expect(z.object).toBeTypeOf('function'); // zod's own modules evaluated before counting
    const built: string[] = [];
    Object.defineProperty = ((target: object, key: PropertyKey, descriptor: PropertyDescriptor) => {
      // Named by the outermost module of ours on the stack: the one whose import built it.
      if (key === '_zod') built.push(ownFrames(new Error().stack).at(-1) ?? 'a zod schema');
      return defineProperty(target, key, descriptor);
    }) as typeof Object.defineProperty;
    Intl.Collator = class extends Collator {
      constructor(...args: ConstructorParameters<typeof Collator>) {
        built.push('Intl.Collator');
        super(...args);
      }
    } as typeof Collator;

    // A path in a variable: the Node project's type check must not follow the Worker entry (Workers typings).
    const entry = '../../src/entry/worker.ts';
    const worker: { default: { fetch: unknown } } = await import(entry);

    expect(worker.default.fetch).toBeTypeOf('function');
    expect(built).toEqual([]);
  });

  it('still builds them on first use', async () => {
    const { RosterSchema } = await import('../../src/domain/roster-schema.ts');
    let schemas = 0;
    Object.defineProperty = ((target: object, key: PropertyKey, descriptor: PropertyDescriptor) => {
      if (key === '_zod') schemas++;
      return defineProperty(target, key, descriptor);
    }) as typeof Object.defineProperty;

    expect(RosterSchema.safeParse({}).success).toBe(false);
    expect(schemas).toBeGreaterThan(0);
  });
});
