/**
 * The Worker's stand-in for `qs` writes the calendar client's query strings exactly as qs does (the Node entry and
 * every Node test use qs itself; the Worker bundle only the stub, see wrangler.toml's [alias]).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stringify } from '../../src/entry/worker-stubs/qs.ts';

// qs itself, as the calendar client loads it (the package has no types of its own).
const qs = createRequire(import.meta.url)('qs') as {
  stringify(params: unknown, options: { arrayFormat: 'repeat' }): string;
};

// What the Google provider asks of events.list / events.get / acl.*: flat values and repeated ones.
const CASES: Record<string, unknown>[] = [
  {},
  {
    maxResults: 2500,
    showDeleted: true,
    singleEvents: false,
    pageToken: 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA',
  },
  { privateExtendedProperty: ['lichtrucRoster=so-vhttdl-bac-giang', 'lichtrucOwned=1'] },
  { timeMin: '2026-11-02T00:00:00+07:00', timeMax: '2027-12-02T00:00:00Z', syncToken: undefined },
  { q: "Trực một cửa (Sở VH-TT&DL) — it's *mine*!", sendUpdates: 'none', empty: '', gone: null },
  { 'key with space': ['a b', 'c/d?e=f#g', '~-._'], emoji: '🗓️ lịch trực' },
];

describe('the Worker stub of qs', () => {
  it.each(CASES)('writes %j as qs does', (params) => {
    expect(stringify(params as never)).toBe(qs.stringify(params, { arrayFormat: 'repeat' }));
  });

  it('refuses a nested object rather than writing it differently', () => {
    expect(() => stringify({ a: { b: 1 } } as never)).toThrow(/flat query parameters/);
  });
});
