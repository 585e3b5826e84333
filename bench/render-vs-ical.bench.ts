/**
 * `renderFeed` against bare ical-generator on the same events, side by side in one run: the sample roster's feed
 * (the document publishScope rendered), written by lichtruc's writer (escaping, wall times checked against the zone,
 * VTIMEZONE inserted at its place) and by ical-generator alone, as a plain user of it would write the same calendar.
 *
 * The bare side must be an equivalent calendar, and the cheapest correct use of the library, so that the ratio is
 * our overhead and not a handicap of the other side: the same events with the same properties (status, sequence,
 * stamps, texts, TRANSP, CLASS), the calendar's name, description, refresh interval and X-WR-TIMEZONE, and the
 * VTIMEZONE from ical-generator's own `timezone.generator` hook. Its local times are a minimal
 * Temporal.ZonedDateTime look-alike built from the ISO digits with no check at all (a `Date` with a TZID is written
 * in UTC digits by ical-generator, moving every duty by 7 hours; Temporal is not in Node 24 without a flag). Before
 * timing, both outputs are read with ical.js and must agree event by event, instant by instant.
 *
 * Rounds alternate the writers and rotate which goes first, so machine load and garbage left by one fall on all
 * alike; medians of the per-round times, and the median of the per-round ratios. A third writer, ical-generator given plain Dates, is
 * timed for reference only (its calendar is not equivalent: see bareWithDates).
 */
import { performance } from 'node:perf_hooks';
import ical, {
  escape as escapeText,
  type ICalCalendar,
  type ICalDateTimeValue,
  ICalEventClass,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { FeedDocument, FeedEvent } from '../src/providers/ics/feed-document.ts';
import { renderFeed } from '../src/providers/ics/render-feed.ts';
import { publishScope } from '../src/services/publish-feeds.ts';
import {
  renderedDocument,
  SAMPLE_ROSTER_ID,
  sampleCalendars,
  startBenchService,
} from './feeds.bench.ts';

const STATUS: Record<FeedEvent['status'], ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/** Just what ical-generator reads of a Temporal.PlainDateTime: the digits of an ISO date-time, unchecked. */
class BarePlain {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly iso: string;

  constructor(iso: string, digits?: BarePlain) {
    this.iso = iso;
    this.year = digits ? digits.year : Number(iso.slice(0, 4));
    this.month = digits ? digits.month : Number(iso.slice(5, 7));
    this.day = digits ? digits.day : Number(iso.slice(8, 10));
    this.hour = digits ? digits.hour : Number(iso.slice(11, 13));
    this.minute = digits ? digits.minute : Number(iso.slice(14, 16));
    this.second = digits ? digits.second : iso[16] === ':' ? Number(iso.slice(17, 19)) : 0;
  }
  toJSON() {
    return this.iso;
  }
  toString() {
    return this.iso;
  }
  toPlainDate() {
    return this;
  }
  toZonedDateTime(): never {
    throw new Error('not needed by a feed');
  }
}

/** And of a Temporal.ZonedDateTime: the same digits in the feed's zone. */
class BareZoned extends BarePlain {
  readonly timeZoneId: string;

  constructor(iso: string, zone: string) {
    super(iso);
    this.timeZoneId = zone;
  }
  withTimeZone() {
    return this;
  }
  toPlainDateTime() {
    return new BarePlain(this.iso, this);
  }
  toInstant() {
    return { epochMilliseconds: Date.parse(this.iso) };
  }
}

const bareWallTime = (iso: string, zone: string) =>
  new BareZoned(iso, zone) as unknown as ICalTemporalZonedDateTimeStub;

export function bareIcalGenerator(doc: FeedDocument): string {
  const calendar = ical({
    prodId: '//lichtruc//lichtruc//VI',
    scale: 'GREGORIAN',
    // Written verbatim by ical-generator: escaped here, or a comma in the name would be read differently.
    name: escapeText(doc.name, false),
    description: doc.description ? escapeText(doc.description, false) : null,
    ttl: doc.refreshMinutes * 60,
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
    x: [['X-WR-TIMEZONE', doc.timeZone]],
  });
  return withEvents(calendar, doc, bareWallTime);
}

/** The document's events, with the same properties, and local times as `wallTime` makes them. */
function withEvents(
  calendar: ICalCalendar,
  doc: FeedDocument,
  wallTime: (iso: string, zone: string) => ICalDateTimeValue,
): string {
  for (const event of doc.events) {
    const lastModified = new Date(event.lastModified);
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: lastModified,
      created: new Date(event.created),
      lastModified,
      timezone: doc.timeZone,
      start: wallTime(event.start, doc.timeZone),
      end: wallTime(event.end, doc.timeZone),
      summary: event.summary,
      description: event.description || null,
      location: event.location || null,
      status: STATUS[event.status],
      transparency: ICalEventTransparency.OPAQUE,
      class: ICalEventClass.PUBLIC,
    });
  }
  return calendar.toString();
}

/** What a subscriber's parser reads of a feed: the calendar's properties and every event, instants in UTC. */
function readFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const value = (component: ICAL.Component, name: string) => {
    const found = component.getFirstPropertyValue(name);
    return found instanceof ICAL.Time
      ? found.toJSDate().toISOString()
      : (found?.toString() ?? null);
  };
  const events = calendar.getAllSubcomponents('vevent').map((vevent) =>
    ['uid', 'sequence', 'dtstamp', 'created', 'last-modified', 'dtstart', 'dtend', 'summary']
      .concat(['description', 'location', 'status', 'transp', 'class'])
      .map((name) => `${name}=${value(vevent, name)}`)
      .concat(`tzid=${vevent.getFirstProperty('dtstart')?.getParameter('tzid')}`)
      .join('\n'),
  );
  const properties = ['prodid', 'calscale', 'x-wr-calname', 'x-wr-caldesc', 'x-wr-timezone']
    .concat(['refresh-interval', 'x-published-ttl'])
    .map((name) => `${name}=${value(calendar, name)}`);
  const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => value(zone, 'tzid'));
  return { properties, zones, events };
}

/** Throws unless both writers give the same calendar to a parser (so the bench compares like with like). */
export function checkEquivalent(ours: string, bare: string): void {
  const [a, b] = [readFeed(ours), readFeed(bare)];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (!same(a.properties, b.properties) || !same(a.zones, b.zones))
    throw new Error(`calendars differ: ${a.properties} ${a.zones} / ${b.properties} ${b.zones}`);
  if (a.events.length !== b.events.length) throw new Error('not the same number of events');
  a.events.forEach((event, i) => {
    if (event !== b.events[i])
      throw new Error(`event ${i} differs:\n${event}\n---\n${b.events[i]}`);
  });
}

export interface RenderComparison {
  events: number;
  renderFeedMs: number;
  /** Bare ical-generator writing the equivalent calendar: the goal (≤ 1.2) is `ratio`, against this. */
  icalGeneratorMs: number;
  /** The median of the rounds' renderFeed ÷ bare ratios (see pairedRatio). */
  ratio: number;
  /** For reference only, not equivalent: ical-generator given Dates (see bareWithDates). */
  icalGeneratorDatesMs: number;
  ratioToDates: number;
}

/**
 * The bare side this bench had before: start and end as Dates. ical-generator writes a Date after `TZID=` in the
 * host's zone's digits, so this calendar is right only on a host whose zone is the feed's, and moves every duty
 * by 7 hours on a UTC host; it has no VTIMEZONE either. Kept as a reference because it is ical-generator's
 * cheapest path, and the figure the README compared against before.
 */
function bareWithDates(doc: FeedDocument): string {
  const calendar = ical({ prodId: '//lichtruc//lichtruc//VI', name: doc.name, ttl: 3600 });
  return withEvents(calendar, doc, (iso) => new Date(iso));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function timeBatch(fn: () => unknown, calls: number): number {
  const started = performance.now();
  for (let call = 0; call < calls; call++) fn();
  return (performance.now() - started) / calls;
}

/** Per-round times of each writer (ms per render), every round in another order (a rotation). */
function interleaved(writers: (() => unknown)[], rounds: number): number[][] {
  const calls = 2;
  for (let warm = 0; warm < 10; warm++) for (const write of writers) write();
  const times = writers.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < writers.length; turn++) {
      const which = (round + turn) % writers.length;
      times[which]!.push(timeBatch(writers[which]!, calls));
    }
  }
  return times;
}

/**
 * The median of the per-round ratios: the two times of a round are taken a few milliseconds apart, so a burst of
 * load on a shared machine falls on both and cancels out, where a ratio of medians would carry it.
 */
const pairedRatio = (ours: number[], theirs: number[]) =>
  median(ours.map((time, round) => time / theirs[round]!));

export async function compareRenderers(options: { quick: boolean }): Promise<RenderComparison> {
  const service = await startBenchService(sampleCalendars());
  const scope = `roster:${SAMPLE_ROSTER_ID}`;
  const document = await renderedDocument(service, scope, await publishScope(service.ctx, scope));
  checkEquivalent(renderFeed(document), bareIcalGenerator(document));
  const [ours, bare, dates] = interleaved(
    [() => renderFeed(document), () => bareIcalGenerator(document), () => bareWithDates(document)],
    options.quick ? 12 : 150,
  ) as [number[], number[], number[]];
  return {
    events: document.events.length,
    renderFeedMs: median(ours),
    icalGeneratorMs: median(bare),
    ratio: pairedRatio(ours, bare),
    icalGeneratorDatesMs: median(dates),
    ratioToDates: pairedRatio(ours, dates),
  };
}

if (import.meta.main) {
  console.log(JSON.stringify(await compareRenderers({ quick: process.argv.includes('--quick') })));
}
