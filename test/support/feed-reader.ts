/**
 * Reading a served ICS feed the way subscribers' parsers do: ical.js (Thunderbird) and python vobject in validating
 * mode (Radicale, khal), plus the raw unfolded content lines of one event, for the properties parsers normalise away.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ICAL from 'ical.js';

export interface IcalJsEvent {
  uid: string;
  summary: string;
  description: string;
  location: string;
  sequence: number;
  status: string;
  /** UTC instants, ISO. */
  start: string;
  end: string;
  dtstamp: string;
  lastModified: string;
  zone: string | undefined;
}

const iso = (value: unknown) =>
  value instanceof ICAL.Time ? value.toJSDate().toISOString() : String(value);

/** The calendar as ical.js reads it: its properties and its events. */
export function readWithIcalJs(text: string): { name: string | null; events: IcalJsEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue('status')),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      dtstamp: iso(vevent.getFirstPropertyValue('dtstamp')),
      lastModified: iso(vevent.getFirstPropertyValue('last-modified')),
      zone: event.startDate.zone?.tzid,
    };
  });
  // ical.js types X-WR-CALNAME as "unknown" and hands back the escaped text: unescape it as TEXT (RFC 5545 §3.3.11).
  const name = calendar.getFirstPropertyValue('x-wr-calname');
  return { name: name === null ? null : unescapeText(String(name)), events };
}

/** RFC 5545 TEXT unescaping: `\\` `\;` `\,` `\n`. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_match, char: string) =>
    char === 'n' || char === 'N' ? '\n' : char,
  );
}

export interface VobjectEvent {
  uid: string;
  summary: string;
  sequence: number | null;
  status: string | null;
  dtstart: string;
}

/** The events as python vobject reads them in validating mode; throws with vobject's message when it rejects the feed. */
export function readWithVobject(text: string): VobjectEvent[] {
  const script = join(import.meta.dirname, 'vobject-validate.py');
  const result = spawnSync('/usr/bin/python3', [script], {
    input: text,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0 || result.stderr !== '')
    throw new Error(`vobject: status ${result.status}: ${result.stderr || result.error}`);
  return JSON.parse(result.stdout) as VobjectEvent[];
}

/** The unfolded content lines of a feed. */
export function contentLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** The unfolded content lines of the VEVENT with `uid`, from its UID line to END:VEVENT (empty when absent). */
export function eventLines(text: string, uid: string): string[] {
  const lines = contentLines(text);
  const from = lines.indexOf(`UID:${uid}`);
  if (from < 0) return [];
  return lines.slice(from, lines.indexOf('END:VEVENT', from));
}

/** One property's value in an event's lines (`DTSTART` also matches `DTSTART;TZID=…`). */
export function propertyOf(lines: readonly string[], name: string): string | undefined {
  const line = lines.find(
    (candidate) => candidate.startsWith(`${name}:`) || candidate.startsWith(`${name};`),
  );
  return line?.slice(line.indexOf(':') + 1);
}

/** Every UID in a feed, in order, duplicates included. */
export function uidsOf(text: string): string[] {
  return contentLines(text)
    .filter((line) => line.startsWith('UID:'))
    .map((line) => line.slice(4));
}
