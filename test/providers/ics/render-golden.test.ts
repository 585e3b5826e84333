/**
 * The exact bytes of rendered feeds, pinned: `renderFeed` is tuned for speed (bench/render-vs-ical.bench.ts), and a
 * faster writer must not change a single byte a subscriber or an ETag sees. Each `golden/<name>.json` is a
 * FeedDocument and `golden/<name>.ics` the feed the renderer wrote for it before that tuning:
 * - sample-roster: the sample roster's December 2024 events as published (bench BENCH_NOW), plus events that
 *   exercise the edges: tentative, cancelled, TEXT escapes and control characters in every text field and the
 *   UID, fractional seconds, emoji and Vietnamese text folded at each byte alignment, a name with a line break;
 * - europe-berlin: wall times around both DST changes of 2025 (a skipped hour under either offset, a repeated hour
 *   under both, events spanning a change);
 * - empty-alias-zone: no events, in a zone named by its alias (Asia/Saigon), as the VTIMEZONE's TZID.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../../src/providers/ics/feed-document.ts';
import { renderFeed } from '../../../src/providers/ics/render-feed.ts';

const GOLDEN = join(import.meta.dirname, 'golden');
const read = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

describe('renderFeed writes the pinned bytes', () => {
  for (const name of ['sample-roster', 'europe-berlin', 'empty-alias-zone']) {
    it(`${name}: byte for byte`, () => {
      const doc = JSON.parse(read(`${name}.json`)) as FeedDocument;
      const expected = read(`${name}.ics`);
      expect(expected.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(expected.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
      const rendered = renderFeed(doc);
      // Line by line first, so a failure names the first line that differs.
      expect(rendered.split('\r\n')).toEqual(expected.split('\r\n'));
      expect(rendered).toBe(expected);
    });
  }

  it('renders the same bytes again from the same document (no state carried between renders)', () => {
    const doc = JSON.parse(read('europe-berlin.json')) as FeedDocument;
    const first = renderFeed(doc);
    renderFeed(JSON.parse(read('sample-roster.json')) as FeedDocument);
    expect(renderFeed(structuredClone(doc))).toBe(first);
  });
});
