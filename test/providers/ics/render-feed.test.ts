/**
 * The feed as subscribers' parsers read it: its bytes pass the lint, and ical.js (Thunderbird) and python vobject
 * (Radicale, khal) read the same events, at the same instants, with titles intact.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { FeedDocument, FeedEvent } from '../../../src/providers/ics/feed-document.ts';
import { FeedRenderError, renderFeed } from '../../../src/providers/ics/render-feed.ts';
import { lintIcs } from '../../support/ics-lint.ts';

const COVER =
  'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)';
const NOTE = 'Ghi chú: a, b; c\\d\r\nX-INJECTED:1';
const DESCRIPTION = [
  'Đơn vị: Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang',
  'Địa điểm: Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh',
  'Thời gian: Buổi sáng 07:30–11:30; Buổi chiều 13:30–17:00',
  'Căn cứ: Công văn số 123/SVHTTDL-VP ngày 10/04/2024 về việc phân công trực',
].join('\n');

const base = {
  description: '',
  location: '',
  status: 'confirmed',
  sequence: 0,
  created: '2024-04-10T02:00:00Z',
  lastModified: '2024-04-10T02:00:00Z',
} as const;
const events: FeedEvent[] = [
  {
    ...base,
    uid: 'so-vhttdl-bac-giang/2024-04-15/primary',
    summary: COVER,
    description: DESCRIPTION,
    location: 'Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
    start: '2024-04-15T07:30:00+07:00',
    end: '2024-04-15T17:00:00+07:00',
    sequence: 2,
    lastModified: '2024-04-14T09:15:30Z',
  },
  {
    ...base,
    uid: 'so-vhttdl-bac-giang/2024-04-16/primary',
    summary: NOTE,
    start: '2024-04-16T13:30:00+07:00',
    end: '2024-04-16T17:00:00+07:00',
  },
  {
    ...base,
    uid: 'so-vhttdl-bac-giang/2024-04-17/primary',
    summary: 'Trực chính: Bà Nguyễn Mạnh Hà',
    status: 'cancelled',
    sequence: 4,
    start: '2024-04-17T07:30:00+07:00',
    end: '2024-04-17T11:30:00+07:00',
    lastModified: '2024-04-16T23:59:59Z',
  },
];
const doc: FeedDocument = {
  name: 'Lịch trực – Sở VHTTDL Bắc Giang, Bộ phận Một cửa',
  description: 'Lịch trực; cập nhật mỗi giờ',
  timeZone: 'Asia/Ho_Chi_Minh',
  refreshMinutes: 60,
  events,
};

const feed = renderFeed(doc);
const unfolded = feed.replace(/\r\n[ \t]/g, '');
const lines = unfolded.split('\r\n');
/** The unfolded content lines of the VEVENT with `uid`. */
const eventLines = (uid: string) => {
  const from = lines.indexOf(`UID:${uid}`);
  return lines.slice(from, lines.indexOf('END:VEVENT', from));
};

function readWithIcalJs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      start: event.startDate.toJSDate().toISOString(),
      zone: event.startDate.zone?.tzid,
      injected: vevent.getFirstProperty('x-injected'),
    };
  });
}

describe('renderFeed: what subscribers read', () => {
  it('passes the byte lint: CRLF, ≤ 75 octets, folds between characters, escaped text, VTIMEZONE', () => {
    expect(lintIcs(feed)).toEqual([]);
    expect(lintIcs(new TextEncoder().encode(feed))).toEqual([]);
    // The long Vietnamese title and description really were folded, so the fold checks were exercised.
    expect(feed.split('\r\n').filter((line) => line.startsWith(' ')).length).toBeGreaterThan(4);
  });

  it('folds Vietnamese text and emoji at every byte alignment without cutting a character', () => {
    for (let pad = 0; pad < 12; pad++) {
      const title = `${'x'.repeat(pad)}${COVER} 🇻🇳 ${COVER}`;
      const text = renderFeed({ ...doc, events: [{ ...events[0]!, summary: title }] });
      expect(lintIcs(new TextEncoder().encode(text)), `pad ${pad}`).toEqual([]);
      expect(readWithIcalJs(text)[0]!.summary).toBe(title);
    }
  });

  it('is read by ical.js with exact titles, UIDs, SEQUENCE, STATUS and instants (the VTIMEZONE is there and right)', () => {
    expect(readWithIcalJs(feed)).toEqual([
      {
        uid: events[0]!.uid,
        summary: COVER,
        sequence: 2,
        status: 'CONFIRMED',
        start: '2024-04-15T00:30:00.000Z',
        zone: 'Asia/Ho_Chi_Minh',
        injected: null,
      },
      {
        uid: events[1]!.uid,
        summary: 'Ghi chú: a, b; c\\d\nX-INJECTED:1',
        sequence: 0,
        status: 'CONFIRMED',
        start: '2024-04-16T06:30:00.000Z',
        zone: 'Asia/Ho_Chi_Minh',
        injected: null,
      },
      {
        uid: events[2]!.uid,
        summary: 'Trực chính: Bà Nguyễn Mạnh Hà',
        sequence: 4,
        status: 'CANCELLED',
        start: '2024-04-17T00:30:00.000Z',
        zone: 'Asia/Ho_Chi_Minh',
        injected: null,
      },
    ]);
    const vevent = new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('description')).toBe(DESCRIPTION);
    expect(vevent.getFirstPropertyValue('location')).toBe(events[0]!.location);
    expect(new ICAL.Event(vevent).endDate.toJSDate().toISOString()).toBe(
      '2024-04-15T10:00:00.000Z',
    );
  });

  it('would shift every duty by 7 hours in ical.js without its VTIMEZONE (the check above depends on it)', () => {
    const withoutZone = feed.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/, '');
    expect(withoutZone).not.toBe(feed);
    expect(readWithIcalJs(withoutZone)[0]!.start).toBe('2024-04-15T07:30:00.000Z');
    const problems = lintIcs(withoutZone);
    expect(problems).toHaveLength(2 * events.length);
    for (const problem of problems)
      expect(problem).toMatch(/^line \d+: DT(START|END);TZID=Asia\/Ho_Chi_Minh has no VTIMEZONE/);
  });

  it('is read the same by python vobject in validating mode (Radicale, khal)', () => {
    const script = join(import.meta.dirname, '../../support/vobject-validate.py');
    const result = spawnSync('/usr/bin/python3', [script], { input: feed, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        uid: events[0]!.uid,
        summary: COVER,
        sequence: 2,
        status: 'CONFIRMED',
        dtstart: '2024-04-15T07:30:00+07:00',
      },
      {
        uid: events[1]!.uid,
        summary: 'Ghi chú: a, b; c\\d\nX-INJECTED:1',
        sequence: 0,
        status: 'CONFIRMED',
        dtstart: '2024-04-16T13:30:00+07:00',
      },
      {
        uid: events[2]!.uid,
        summary: 'Trực chính: Bà Nguyễn Mạnh Hà',
        sequence: 4,
        status: 'CANCELLED',
        dtstart: '2024-04-17T07:30:00+07:00',
      },
    ]);
  });

  it('writes the calendar properties of a subscribed feed and no METHOD', () => {
    const header = lines.slice(0, lines.indexOf('BEGIN:VTIMEZONE'));
    expect(header).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//lichtruc//lichtruc//VI',
      'CALSCALE:GREGORIAN',
      'NAME:Lịch trực – Sở VHTTDL Bắc Giang\\, Bộ phận Một cửa',
      'X-WR-CALNAME:Lịch trực – Sở VHTTDL Bắc Giang\\, Bộ phận Một cửa',
      'X-WR-CALDESC:Lịch trực\\; cập nhật mỗi giờ',
      'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
      'X-PUBLISHED-TTL:PT1H',
      'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    ]);
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(feed).not.toMatch(/Saigon/);
    expect(feed).not.toMatch(/^METHOD/m);
    expect(renderFeed({ ...doc, refreshMinutes: 30 })).toContain(
      '\r\nREFRESH-INTERVAL;VALUE=DURATION:PT30M\r\nX-PUBLISHED-TTL:PT30M\r\n',
    );
  });

  it('writes each event with its publication state and local wall time', () => {
    expect(eventLines(events[0]!.uid)).toEqual([
      'UID:so-vhttdl-bac-giang/2024-04-15/primary',
      'SEQUENCE:2',
      'DTSTAMP:20240414T091530Z',
      'DTSTART;TZID=Asia/Ho_Chi_Minh:20240415T073000',
      'DTEND;TZID=Asia/Ho_Chi_Minh:20240415T170000',
      `SUMMARY:${COVER}`,
      'TRANSP:OPAQUE',
      'LOCATION:Bộ phận Một cửa\\, Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
      `DESCRIPTION:${DESCRIPTION.replaceAll(',', '\\,').replaceAll(';', '\\;').replaceAll('\n', '\\n')}`,
      'STATUS:CONFIRMED',
      'CREATED:20240410T020000Z',
      'LAST-MODIFIED:20240414T091530Z',
      'CLASS:PUBLIC',
    ]);
  });

  it('keeps a cancelled event with STATUS:CANCELLED and its bumped SEQUENCE', () => {
    const cancelled = eventLines(events[2]!.uid);
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:4');
    expect(cancelled).toContain('DTSTAMP:20240416T235959Z');
  });

  it('turns CR/LF in text into an escaped \\n, so a note cannot inject a property or cut the title short', () => {
    expect(eventLines(events[1]!.uid)).toContain(
      'SUMMARY:Ghi chú: a\\, b\\; c\\\\d\\nX-INJECTED:1',
    );
    expect(lines.filter((line) => line.startsWith('X-INJECTED'))).toEqual([]);
    const hostile = renderFeed({
      ...doc,
      name: 'a, b\r\nX-INJECTED:1',
      events: [{ ...events[0]!, uid: 'u\r\nX-INJECTED:2' }],
    });
    expect(
      hostile
        .replace(/\r\n[ \t]/g, '')
        .split('\r\n')
        .filter((line) => line.startsWith('X-INJECTED')),
    ).toEqual([]);
    expect(lintIcs(hostile)).toEqual([]);
  });

  it('gives byte-identical output for the same input, whatever the host zone: CRLF only, no BOM', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(new Date(Date.UTC(2024, 3, 15)).getTimezoneOffset()).toBe(240);
      const elsewhere = renderFeed(doc);
      process.env.TZ = 'UTC';
      expect(elsewhere).toBe(renderFeed(structuredClone(doc)));
      expect(renderFeed(doc)).toBe(feed);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(feed).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(feed.charCodeAt(0)).not.toBe(0xfeff);
    expect(new TextEncoder().encode(feed).subarray(0, 3)).toEqual(new TextEncoder().encode('BEG'));
  });

  it('writes wall times around DST changes literally, in the zone as named', () => {
    const berlin = (start: string, end: string) =>
      renderFeed({ ...doc, timeZone: 'Europe/Berlin', events: [{ ...events[0]!, start, end }] });
    // 02:30 does not exist on 31/03/2024 in Berlin; RFC 5545 reads it with the offset before the change.
    const skipped = berlin('2024-03-31T02:30:00+01:00', '2024-03-31T05:00:00+02:00');
    expect(skipped).toContain('\r\nDTSTART;TZID=Europe/Berlin:20240331T023000\r\n');
    expect(berlin('2024-03-31T02:30:00+02:00', '2024-03-31T05:00:00+02:00')).toBe(skipped);
    expect(() => berlin('2024-03-31T02:30:00+03:00', '2024-03-31T05:00:00+02:00')).toThrow(
      FeedRenderError,
    );
    // 02:30 happens twice on 27/10/2024: the second time (+01:00) is written with the same digits.
    const repeated = berlin('2024-10-27T02:30:00+01:00', '2024-10-27T04:00:00+01:00');
    expect(repeated).toContain('\r\nDTSTART;TZID=Europe/Berlin:20241027T023000\r\n');
    for (const text of [skipped, repeated]) expect(lintIcs(text)).toEqual([]);
    expect(
      readWithIcalJs(berlin('2024-07-01T07:30:00+02:00', '2024-07-01T17:00:00+02:00'))[0]!.start,
    ).toBe('2024-07-01T05:30:00.000Z');
  });

  it('ships the VTIMEZONE and X-WR-TIMEZONE in a feed with no events', () => {
    const empty = renderFeed({ ...doc, events: [] });
    expect(empty).toContain(
      '\r\nX-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n',
    );
    expect(lintIcs(empty)).toEqual([]);
  });

  it('refuses a document it cannot publish correctly instead of writing a shifted or merged calendar', () => {
    const withEvent = (patch: Partial<FeedEvent>) => ({
      ...doc,
      events: [{ ...events[0]!, ...patch }],
    });
    // 07:30Z is 14:30 in Hà Nội: writing "07:30" would move the duty by 7 hours.
    expect(() => renderFeed(withEvent({ start: '2024-04-15T07:30:00Z' }))).toThrow(FeedRenderError);
    expect(() => renderFeed(withEvent({ end: '2024-04-15T07:00:00+07:00' }))).toThrow(
      /not after start/,
    );
    expect(() => renderFeed(withEvent({ sequence: 1.5 }))).toThrow(/SEQUENCE/);
    expect(() => renderFeed({ ...doc, timeZone: 'Asia/Hanoi-Nope' })).toThrow(/VTIMEZONE/);
    expect(() => renderFeed({ ...doc, events: [events[0]!, events[0]!] })).toThrow(/duplicate UID/);
  });
});

describe('lintIcs catches the defects it is there for', () => {
  const calendar = (...body: string[]) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//test//VI',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTAMP:20240410T020000Z',
      ...body,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('accepts a minimal clean calendar and a line of exactly 75 octets', () => {
    expect(lintIcs(calendar('DTSTART:20240415T003000Z', `SUMMARY:${'x'.repeat(67)}`))).toEqual([]);
  });

  it('flags a 76-octet line', () => {
    expect(lintIcs(calendar(`SUMMARY:${'x'.repeat(68)}`))).toEqual([
      'line 7: 76 octets, over the limit of 75',
    ]);
  });

  it('flags a fold that splits "ệ" on the raw bytes, and not a fold between characters', () => {
    const bytes = utf8(calendar('SUMMARY:Luyện'));
    const at = bytes.indexOf(0xe1); // ệ is E1 BB 87
    const cut = (offset: number) =>
      new Uint8Array([...bytes.subarray(0, offset), ...utf8('\r\n '), ...bytes.subarray(offset)]);
    expect(lintIcs(cut(at + 1))).toEqual([
      'line 7: not valid UTF-8 on its own (a character cut by a fold, or bad bytes)',
      'line 8: a fold splits a UTF-8 character (continuation byte 0xbb after the fold)',
      'line 8: not valid UTF-8 on its own (a character cut by a fold, or bad bytes)',
    ]);
    expect(lintIcs(cut(at))).toEqual([]);
    expect(lintIcs(new TextDecoder().decode(cut(at + 2)))[0]).toMatch(/U\+FFFD/);
  });

  it('flags an unescaped comma or semicolon in SUMMARY, DESCRIPTION and LOCATION, also across a fold', () => {
    expect(lintIcs(calendar('SUMMARY:Trực thay, Ông Luyện'))).toEqual([
      'line 7: SUMMARY has an unescaped "," at 9: "Trực thay, Ông Luyện"',
    ]);
    expect(lintIcs(calendar('DESCRIPTION:a\\, b', ' ; c'))).toEqual([
      'line 7: DESCRIPTION has an unescaped ";" at 5: "a\\\\, b; c"',
    ]);
    expect(lintIcs(calendar('LOCATION:a\\, b\\; c\\\\ d\\n'))).toEqual([]);
  });

  it('flags a TZID without its VTIMEZONE', () => {
    expect(lintIcs(calendar('DTSTART;TZID=Asia/Ho_Chi_Minh:20240415T073000'))).toEqual([
      'line 7: DTSTART;TZID=Asia/Ho_Chi_Minh has no VTIMEZONE with that TZID',
    ]);
  });

  it('flags bare LF and CR, a missing final CRLF, and a BOM', () => {
    const text = calendar('SUMMARY:x');
    expect(lintIcs(text.replace('SUMMARY:x\r\n', 'SUMMARY:x\n'))).toEqual([
      'line 7: ends with a bare LF, not CRLF',
    ]);
    expect(lintIcs(text.replace('SUMMARY:x\r\n', 'SUMMARY:x\r'))).toEqual([
      'line 7: ends with a bare CR, not CRLF',
    ]);
    expect(lintIcs(text.slice(0, -2))).toEqual(['line 9: the last line does not end with CRLF']);
    expect(lintIcs(`\uFEFF${text}`)).toEqual(['starts with a byte order mark (BOM)']);
  });

  it('flags DTEND not after DTSTART, a malformed DATE-TIME, duplicate UIDs and METHOD without ORGANIZER', () => {
    expect(lintIcs(calendar('DTSTART:20240415T073000Z', 'DTEND:20240415T073000Z'))).toEqual([
      'line 8: DTEND 20240415T073000Z is not after DTSTART 20240415T073000Z',
    ]);
    expect(lintIcs(calendar('DTSTART:20240431T073000Z'))).toEqual([
      'line 7: DTSTART has a malformed DATE-TIME "20240431T073000Z": no such day',
    ]);
    expect(lintIcs(calendar('DTSTART:2024-04-15T07:30:00Z'))[0]).toMatch(/malformed DATE-TIME/);
    expect(lintIcs(calendar('CREATED:20240415T073000'))).toEqual([
      'line 7: CREATED must be in UTC (…Z), got 20240415T073000',
    ]);
    expect(
      lintIcs(calendar('END:VEVENT', 'BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20240410T020000Z')),
    ).toEqual(['line 9: duplicate UID a (first on line 5)']);
    expect(
      lintIcs(
        calendar().replace(
          'PRODID:-//test//test//VI',
          'PRODID:-//test//test//VI\r\nMETHOD:PUBLISH',
        ),
      ),
    ).toEqual(['line 5: METHOD is set but this VEVENT has no ORGANIZER (RFC 5546)']);
  });
});
