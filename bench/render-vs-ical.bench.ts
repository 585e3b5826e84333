/**
 * `renderFeed` against bare ical-generator on the same events, side by side in one run: the sample roster's feed
 * (the document publishScope rendered), written by lichtruc's writer (escaping, wall times checked against the zone,
 * VTIMEZONE inserted) and by ical-generator alone (the same events, with the same properties, as plain Dates with
 * the zone: its own output).
 * Rounds alternate the two so machine load falls on both alike; medians of the per-round times and their ratio.
 */
import { performance } from 'node:perf_hooks';
import ical, { ICalEventClass, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { FeedDocument } from '../src/providers/ics/feed-document.ts';
import { renderFeed } from '../src/providers/ics/render-feed.ts';
import { publishScope } from '../src/services/publish-feeds.ts';
import {
  renderedDocument,
  SAMPLE_ROSTER_ID,
  sampleCalendars,
  startBenchService,
} from './feeds.bench.ts';

function bareIcalGenerator(doc: FeedDocument): string {
  const calendar = ical({ prodId: '//lichtruc//lichtruc//VI', name: doc.name, ttl: 3600 });
  for (const event of doc.events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: new Date(event.lastModified),
      created: new Date(event.created),
      lastModified: new Date(event.lastModified),
      start: new Date(event.start),
      end: new Date(event.end),
      timezone: doc.timeZone,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.OPAQUE,
      class: ICalEventClass.PUBLIC,
    });
  }
  return calendar.toString();
}

export interface RenderComparison {
  events: number;
  renderFeedMs: number;
  icalGeneratorMs: number;
  ratio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function timeBatch(fn: () => unknown, calls: number): number {
  const started = performance.now();
  for (let call = 0; call < calls; call++) fn();
  return (performance.now() - started) / calls;
}

export async function compareRenderers(options: { quick: boolean }): Promise<RenderComparison> {
  const service = await startBenchService(sampleCalendars());
  const scope = `roster:${SAMPLE_ROSTER_ID}`;
  const document = await renderedDocument(service, scope, await publishScope(service.ctx, scope));
  const rounds = options.quick ? 5 : 31;
  const calls = 5;
  for (let warm = 0; warm < 5; warm++) {
    renderFeed(document);
    bareIcalGenerator(document);
  }
  const ours: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(timeBatch(() => renderFeed(document), calls));
    bare.push(timeBatch(() => bareIcalGenerator(document), calls));
  }
  const renderFeedMs = median(ours);
  const icalGeneratorMs = median(bare);
  return {
    events: document.events.length,
    renderFeedMs,
    icalGeneratorMs,
    ratio: renderFeedMs / icalGeneratorMs,
  };
}

if (import.meta.main) {
  console.log(JSON.stringify(await compareRenderers({ quick: process.argv.includes('--quick') })));
}
