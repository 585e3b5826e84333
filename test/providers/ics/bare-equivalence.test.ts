/**
 * The render bench (bench/render-vs-ical.bench.ts) times renderFeed against bare ical-generator; the ratio means
 * something only if the bare side writes the same calendar. Here on the pinned documents: the sample roster's
 * December and the Berlin DST edges, read by ical.js event by event, instants included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareIcalGenerator, checkEquivalent } from '../../../bench/render-vs-ical.bench.ts';
import type { FeedDocument } from '../../../src/providers/ics/feed-document.ts';
import { renderFeed } from '../../../src/providers/ics/render-feed.ts';

const golden = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, 'golden', `${name}.json`), 'utf8'),
  ) as FeedDocument;
/** The edge events carry control characters, which only renderFeed strips: the bench's roster has none. */
const sample = golden('sample-roster');
const roster = {
  ...sample,
  events: sample.events.filter((event) => !event.uid.startsWith('edge/')),
};
const berlin = golden('europe-berlin');

describe("the render bench's bare ical-generator side", () => {
  it('writes the calendar renderFeed writes, as ical.js reads them', () => {
    expect(roster.events.length).toBeGreaterThan(15);
    for (const doc of [roster, berlin]) {
      expect(() => checkEquivalent(renderFeed(doc), bareIcalGenerator(doc))).not.toThrow();
      expect(bareIcalGenerator(doc)).toContain(`\r\nBEGIN:VTIMEZONE\r\nTZID:${doc.timeZone}\r\n`);
    }
  });

  it('is caught when it differs: a duty a minute later, another title, a lost event', () => {
    const later = structuredClone(berlin);
    later.events[4]!.start = later.events[4]!.start.replace('07:30', '07:31');
    const retitled = structuredClone(roster);
    retitled.events[3]!.summary += ' (đổi)';
    const fewer = { ...roster, events: roster.events.slice(1) };
    expect(() => checkEquivalent(renderFeed(berlin), bareIcalGenerator(later))).toThrow(/event 4/);
    expect(() => checkEquivalent(renderFeed(roster), bareIcalGenerator(retitled))).toThrow(
      /event 3/,
    );
    expect(() => checkEquivalent(renderFeed(roster), bareIcalGenerator(fewer))).toThrow();
  });
});
