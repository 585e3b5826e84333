/**
 * The dependency rule (domain ← storage/providers ← services ← jobs/http/cli ← entry), enforced: the domain is
 * pure (no runtime APIs, no I/O), and only the entries, the CLI and the storage drivers may import `node:*` modules,
 * so the same core runs in workerd.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, renderBundledCalendars } from '../src/cli/bundle-calendars.ts';
import { renderJsonSchema } from '../src/cli/schema.ts';

const SRC = join(import.meta.dirname, '../src');
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({
    name: relative(SRC, join(SRC, name)),
    text: readFileSync(join(SRC, name), 'utf8'),
  }));
const importsOf = (text: string) =>
  [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1]!,
  );
const NODE_ALLOWED = /^(cli|entry)\/|^storage\/drivers\//;

/**
 * The layers, lowest first: a module may import its own layer and the ones below, never one above nor a sibling of
 * its own rank (storage and providers are both ports of services; jobs, http and cli are its three drivers). The
 * configuration (src/config.ts) is read by the entries alone, so it counts as one of them.
 */
const RANK: Record<string, number> = {
  domain: 0,
  storage: 1,
  providers: 1,
  services: 2,
  jobs: 3,
  http: 3,
  cli: 3,
  entry: 4,
};
const layerOf = (path: string) => (path === 'config.ts' ? 'entry' : path.split('/')[0]!);

describe('architecture', () => {
  it('keeps runtime modules out of everything but the entries, the CLI and the storage drivers', () => {
    const offenders = files
      .filter((file) => !NODE_ALLOWED.test(file.name))
      .flatMap((file) =>
        importsOf(file.text)
          .filter((spec) => spec.startsWith('node:') || spec === 'fs' || spec === 'path')
          .map((spec) => `${file.name} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('points every import down the layers: domain ← storage/providers ← services ← jobs/http/cli ← entry', () => {
    const offenders = files.flatMap((file) =>
      importsOf(file.text)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => ({ spec, target: join(dirname(file.name), spec) }))
        .filter(({ target }) => {
          const [from, to] = [layerOf(file.name), layerOf(target)];
          return from !== to && !(RANK[from]! > RANK[to]!);
        })
        .map(({ spec }) => `${file.name} imports ${spec}`),
    );
    expect(Object.keys(RANK).sort()).toEqual(
      [...new Set(files.map((file) => layerOf(file.name)))].sort(),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the domain free of imports from outer layers and of globals that do I/O', () => {
    const domain = files.filter((file) => file.name.startsWith('domain/'));
    expect(domain.length).toBeGreaterThan(10);
    const offenders = domain.flatMap((file) => [
      // Sub-folders of the domain (domain/letter/) may import the rest of the domain, nothing outside it.
      ...importsOf(file.text)
        .filter(
          (spec) =>
            spec.startsWith('.') &&
            !relative(SRC, join(SRC, dirname(file.name), spec)).startsWith('domain/'),
        )
        .map((spec) => `${file.name} imports ${spec}`),
      ...(/\b(fetch|process\.|Date\.now|Math\.random)\b/.test(file.text)
        ? [`${file.name} uses I/O, the clock or randomness`]
        : []),
    ]);
    expect(offenders).toEqual([]);
  });
});

describe('published JSON Schemas', () => {
  it.each(['roster.schema.json', 'holiday-table.schema.json'] as const)(
    'schema/%s is generated from the zod schema (run npm run schema)',
    (name) => {
      const published = readFileSync(join(import.meta.dirname, '../schema', name), 'utf8');
      expect(published).toBe(renderJsonSchema(name));
    },
  );
});

describe('the calendars bundled into the Worker', () => {
  it('are the files of calendars/ (run npm run calendars:bundle after editing them)', () => {
    expect(readFileSync(BUNDLE_PATH, 'utf8')).toBe(
      renderBundledCalendars(join(import.meta.dirname, '../calendars')),
    );
  });
});

describe('the Worker entry', () => {
  it('exports only its handlers: workerd takes every named export of the main module for an entrypoint', async () => {
    // Imported by URL: the entry is type-checked against the Workers types (tsconfig.worker.json), not here.
    const worker = (await import(new URL('../src/entry/worker.ts', import.meta.url).href)) as {
      default: object;
    };
    expect(Object.keys(worker)).toEqual(['default']);
    expect(Object.keys(worker.default).sort()).toEqual(['fetch', 'queue', 'scheduled']);
  });
});
