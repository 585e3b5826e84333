/**
 * Feed links as a subscriber and an admin meet them: the link shown once, the bytes a phone downloads (and what
 * Thunderbird's ical.js and Radicale's vobject make of them), conditional GETs and gzip, and what happens to a
 * subscribed calendar when an officer is replaced, a holiday is declared or the link is revoked.
 */
import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { lintIcs } from '../support/ics-lint.ts';
import {
  contentLines,
  eventLines,
  propertyOf,
  readWithIcalJs,
  readWithVobject,
  uidsOf,
} from '../support/feed-reader.ts';
import { PUBLIC_URL, problemOf, startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const ROSTER = `/api/rosters/${ROSTER_ID}`;
const HA = 'nguyen-manh-ha';
const LUYEN = 'nguyen-van-luyen';
const START = '2024-05-02T01:00:00Z';
const LATER = '2024-05-02T01:00:05Z';

const DAY = '2024-05-06';
const UID = `${ROSTER_ID}/${DAY}/primary@lichtruc`;
const REGULAR = 'Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà';
const COVER =
  'Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)';
const MAKEUP_SATURDAY =
  'Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà (Thứ Bảy làm bù cho Thứ Hai 29/04/2024)';
const CALENDAR_NAME = 'Lịch trực Bộ phận Một cửa – Sở Văn hóa, Thể thao và Du lịch';
const TOKEN_PATH = /^\/feeds\/([A-Za-z0-9_-]{43})\.ics$/;

let service: TestService;

beforeEach(async () => {
  service = await startTestService(START);
});

interface CreatedFeed {
  id: string;
  rosterId: string;
  memberId: string | null;
  url: string;
  webcalUrl: string;
}

interface Fetched {
  response: Response;
  bytes: Uint8Array;
  text: string;
}

async function createFeed(
  body: Record<string, unknown> = { rosterId: ROSTER_ID },
): Promise<CreatedFeed & { path: string; token: string }> {
  const created = (await service.json<CreatedFeed>('POST', '/api/feeds', 201, body)).body;
  const path = new URL(created.url).pathname;
  return { ...created, path, token: TOKEN_PATH.exec(path)?.[1] ?? '' };
}

/** A calendar client's GET: no Authorization header, maybe conditional, maybe asking for gzip. */
async function fetchFeed(path: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await service.request('GET', path, { token: null, headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = response.headers.get('content-encoding')
    ? ''
    : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return { response, bytes, text };
}

/** A feed that must answer 200 with bytes that pass the lint. */
async function fetchGoodFeed(path: string): Promise<Fetched> {
  const fetched = await fetchFeed(path);
  expect(fetched.response.status, fetched.text.slice(0, 300)).toBe(200);
  expect(lintIcs(fetched.bytes)).toEqual([]);
  return fetched;
}

const eventOf = (text: string, uid: string) =>
  readWithIcalJs(text).events.find((event) => event.uid === uid);

async function addAbsence(memberId = HA, from = DAY, to = DAY): Promise<string> {
  const { body } = await service.json<{ absence: { id: string } }>(
    'POST',
    `${ROSTER}/absences`,
    201,
    { memberId, from, to, reason: 'leave' },
  );
  return body.absence.id;
}

describe('POST /api/feeds: a secret link, shown once', () => {
  it('answers 201 with the https and webcal links of a 43-character token', async () => {
    const created = await createFeed();
    expect(created).toMatchObject({
      id: expect.any(String),
      rosterId: ROSTER_ID,
      memberId: null,
      revokedAt: null,
    });
    expect(created.url).toMatch(/^https:\/\/lichtruc\.test\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.url.startsWith(`${PUBLIC_URL}/feeds/`)).toBe(true);
    expect(created.webcalUrl).toBe(created.url.replace(/^https:/, 'webcal:'));
    expect(created.token).toHaveLength(43);
    // Two links never share a token.
    expect((await createFeed()).token).not.toBe(created.token);
  });

  it('never shows the token again: not in the list of links, not in the audit log', async () => {
    const created = await createFeed();
    const list = await service.json<{ feeds: { id: string }[] }>('GET', '/api/feeds', 200);
    expect(list.body.feeds.map((feed) => feed.id)).toEqual([created.id]);
    expect(list.body.feeds[0]).toMatchObject({
      id: created.id,
      rosterId: ROSTER_ID,
      memberId: null,
      revokedAt: null,
    });
    const audit = await service.json<{ entries: { action: string; entityId: string }[] }>(
      'GET',
      '/api/audit',
      200,
    );
    expect(audit.body.entries.map((entry) => [entry.action, entry.entityId])).toContainEqual([
      'feed.create',
      created.id,
    ]);
    for (const text of [JSON.stringify(list.body), JSON.stringify(audit.body)]) {
      expect(text).not.toContain(created.token);
      expect(text).not.toContain(created.url);
    }
  });

  it('refuses an unknown roster (404), a member of another roster (422), and a request without the admin token (401)', async () => {
    expect(
      (await service.request('POST', '/api/feeds', { body: { rosterId: 'khong-co' } })).status,
    ).toBe(404);
    const wrongMember = await service.request('POST', '/api/feeds', {
      body: { rosterId: ROSTER_ID, memberId: 'nguyen-van-khong' },
    });
    expect(wrongMember.status).toBe(422);
    expect((await problemOf(wrongMember)).errors?.map((error) => error.field)).toEqual([
      'memberId',
    ]);
    expect(
      (await service.request('POST', '/api/feeds', { body: { rosterId: ROSTER_ID }, token: null }))
        .status,
    ).toBe(401);
    expect((await service.json<{ feeds: unknown[] }>('GET', '/api/feeds', 200)).body.feeds).toEqual(
      [],
    );
  });
});

describe('GET /feeds/{token}.ics: what a phone downloads', () => {
  it('serves the calendar without authentication, with a strong ETag, Last-Modified and the exact Content-Length', async () => {
    const { path } = await createFeed();
    const { response, bytes } = await fetchGoodFeed(path);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^"[^"\s]+"$/);
    const lastModified = response.headers.get('last-modified')!;
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect(Date.parse(lastModified)).toBeLessThanOrEqual(Date.parse(START));
    expect(response.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('is a well-formed subscribed calendar: VTIMEZONE, Vietnamese name, refresh hints, no METHOD', async () => {
    const { path } = await createFeed();
    const { text } = await fetchGoodFeed(path);
    const lines = contentLines(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(lines).toContain(`X-WR-CALNAME:${CALENDAR_NAME.replaceAll(',', '\\,')}`);
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(lines).toContain('X-PUBLISHED-TTL:PT1H');
    expect(lines.filter((line) => /^METHOD[:;]/.test(line))).toEqual([]);
    expect(readWithIcalJs(text).name).toBe(CALENDAR_NAME);
  });

  it("shows the letter's roster: Bà Hà on Monday 06/05/2024 from 07:00 local time (summer hours)", async () => {
    const { path } = await createFeed();
    const { text } = await fetchGoodFeed(path);
    const lines = eventLines(text, UID);
    expect(propertyOf(lines, 'SUMMARY')).toBe(REGULAR);
    expect(lines).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240506T070000');
    expect(lines).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20240506T170000');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('SEQUENCE:0');

    const icalEvent = eventOf(text, UID);
    expect(icalEvent).toMatchObject({
      summary: REGULAR,
      sequence: 0,
      status: 'CONFIRMED',
      start: '2024-05-06T00:00:00.000Z',
      end: '2024-05-06T10:00:00.000Z',
      zone: 'Asia/Ho_Chi_Minh',
    });
    const vobjectEvents = readWithVobject(text);
    expect(vobjectEvents.find((event) => event.uid === UID)).toEqual({
      uid: UID,
      summary: REGULAR,
      sequence: 0,
      status: 'CONFIRMED',
      dtstart: '2024-05-06T07:00:00+07:00',
    });
    // Both parsers see the same events.
    expect(vobjectEvents.map((event) => event.uid)).toEqual(
      readWithIcalJs(text).events.map((event) => event.uid),
    );

    // The week of the letter: Mon/Wed/Fri Bà Hà (primary), Tue Ông Luyện, Thu Ông Hanh (backup).
    const week = [
      '2024-05-06/primary',
      '2024-05-07/backup',
      '2024-05-08/primary',
      '2024-05-09/backup',
      '2024-05-10/primary',
    ];
    for (const key of week) expect(uidsOf(text), key).toContain(`${ROSTER_ID}/${key}@lichtruc`);
    expect(eventOf(text, `${ROSTER_ID}/2024-05-07/backup@lichtruc`)?.summary).toBe(
      'Trực Bộ phận Một cửa – Trực dự bị: Ông Nguyễn Văn Luyện',
    );
    // No duty on Sunday; Saturday 04/05/2024 is the làm bù day for Monday 29/04 (a swapped day off), with Monday's duty.
    expect(uidsOf(text).filter((uid) => uid.includes('/2024-05-05/'))).toEqual([]);
    expect(uidsOf(text).filter((uid) => uid.includes('/2024-04-29/'))).toEqual([]);
    expect(eventOf(text, `${ROSTER_ID}/2024-05-04/primary@lichtruc`)?.summary).toBe(
      MAKEUP_SATURDAY,
    );
  });

  it('describes the duty in official words: who is on duty, place, hours (summer ones "dự kiến"), the letter cited', async () => {
    const { path } = await createFeed();
    const { text } = await fetchGoodFeed(path);
    expect(eventOf(text, UID)!.description.split('\n')).toEqual([
      'Người trực: Bà Nguyễn Mạnh Hà – Chuyên viên Văn phòng Sở – Sở VHTTDL tỉnh Bắc Giang',
      'Địa điểm: Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
      'Thời gian: Buổi sáng 07:00–11:30; Buổi chiều 13:30–17:00 (dự kiến)',
      'Căn cứ Công văn số …/SVHTTDL-VP tháng 4/2024 của Sở VHTTDL tỉnh Bắc Giang',
    ]);
    // Winter hours (until 15/04) are confirmed: no "dự kiến".
    const winter = eventOf(text, `${ROSTER_ID}/2024-04-15/primary@lichtruc`)!;
    expect(winter.description).toContain(
      'Thời gian: Buổi sáng 07:30–12:00; Buổi chiều 13:00–16:30\n',
    );
  });

  it('shows a day nobody can cover as TENTATIVE, naming whom nobody replaces, and CONFIRMED again once covered', async () => {
    const { path } = await createFeed();
    await fetchGoodFeed(path);
    // The phone polls after each change; a feed renders on the GET after a change, so each one it sees bumps SEQUENCE
    // (changes nobody fetched in between would reach it as one).
    const absences = [];
    for (const member of [HA, LUYEN, 'nguyen-van-hanh']) {
      absences.push(await addAbsence(member));
      await fetchGoodFeed(path);
    }
    const { text } = await fetchGoodFeed(path);
    const title = 'Trực Bộ phận Một cửa – Chưa có người trực thay Bà Nguyễn Mạnh Hà (nghỉ phép)';
    expect(propertyOf(eventLines(text, UID), 'STATUS')).toBe('TENTATIVE');
    // Three changes: covered by Ông Luyện, then by Ông Hanh, then by nobody.
    expect(eventOf(text, UID)).toMatchObject({ summary: title, status: 'TENTATIVE', sequence: 3 });
    expect(readWithVobject(text).find((event) => event.uid === UID)).toMatchObject({
      status: 'TENTATIVE',
    });
    // The other days of the week stay confirmed.
    expect(eventOf(text, `${ROSTER_ID}/2024-05-07/backup@lichtruc`)!.status).toBe('CONFIRMED');

    await service.request('DELETE', `${ROSTER}/absences/${absences[2]}`);
    const covered = (await fetchGoodFeed(path)).text;
    expect(eventOf(covered, UID)).toMatchObject({ status: 'CONFIRMED', sequence: 4 });
    expect(eventOf(covered, UID)!.summary).toContain('Trực thay: Ông Nguyễn Văn Hanh');
  });

  it('serves the same bytes whichever link of the scope is used, and the webcal link names the same path', async () => {
    const first = await createFeed();
    const second = await createFeed();
    expect(new URL(first.webcalUrl.replace(/^webcal:/, 'https:')).pathname).toBe(first.path);
    const [a, b] = [await fetchGoodFeed(first.path), await fetchGoodFeed(second.path)];
    expect(b.text).toBe(a.text);
    expect(b.response.headers.get('etag')).toBe(a.response.headers.get('etag'));
  });
});

describe('conditional GET and gzip', () => {
  it('answers 304 with no body to If-None-Match with the ETag, and to If-Modified-Since with Last-Modified', async () => {
    const { path } = await createFeed();
    const { response } = await fetchGoodFeed(path);
    const etag = response.headers.get('etag')!;
    const lastModified = response.headers.get('last-modified')!;

    const byEtag = await fetchFeed(path, { 'if-none-match': etag });
    expect(byEtag.response.status).toBe(304);
    expect(byEtag.bytes.byteLength).toBe(0);
    expect(byEtag.response.headers.get('etag')).toBe(etag);

    const byDate = await fetchFeed(path, { 'if-modified-since': lastModified });
    expect(byDate.response.status).toBe(304);
    expect(byDate.bytes.byteLength).toBe(0);

    // An ETag the server never sent, or a date before Last-Modified, gets the calendar.
    expect((await fetchFeed(path, { 'if-none-match': '"0123456789abcdef"' })).response.status).toBe(
      200,
    );
    const before = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await fetchFeed(path, { 'if-modified-since': before })).response.status).toBe(200);
  });

  it('compresses with gzip on request: a -gzip ETag, the compressed length, the same calendar once unzipped', async () => {
    const { path } = await createFeed();
    const identity = await fetchGoodFeed(path);
    const etag = identity.response.headers.get('etag')!;
    const zipped = await fetchFeed(path, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.response.status).toBe(200);
    expect(zipped.response.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const gzipEtag = zipped.response.headers.get('etag')!;
    expect(gzipEtag).toBe(etag.replace(/"$/, '-gzip"'));
    expect(zipped.response.headers.get('content-length')).toBe(String(zipped.bytes.byteLength));
    expect(zipped.bytes.byteLength).toBeLessThan(identity.bytes.byteLength);
    expect(new Uint8Array(gunzipSync(zipped.bytes))).toEqual(identity.bytes);

    const again = await fetchFeed(path, { 'accept-encoding': 'gzip', 'if-none-match': gzipEtag });
    expect(again.response.status).toBe(304);
    expect(again.bytes.byteLength).toBe(0);
    expect(again.response.headers.get('etag')).toBe(gzipEtag);
    // A client that switches to identity with the gzip tag still has the same content.
    expect((await fetchFeed(path, { 'if-none-match': gzipEtag })).response.status).toBe(304);
  });

  // src bug: the gzip check is a bare /\bgzip\b/ on Accept-Encoding, so "gzip;q=0" (RFC 9110: not acceptable) gets gzip.
  it('does not compress for a client that refuses gzip (q=0)', async () => {
    const { path } = await createFeed();
    const answer = await fetchFeed(path, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(answer.response.status).toBe(200);
    expect(answer.response.headers.get('content-encoding')).toBeNull();
    expect(lintIcs(answer.bytes)).toEqual([]);
  });

  // src bug: Last-Modified is the changing second, truncated; a change in the same second as the previous version keeps
  // the old Last-Modified, so a client that only sends If-Modified-Since is told 304 and keeps the stale calendar.
  it('does not answer 304 to If-Modified-Since after a change made in the same second as the previous version', async () => {
    const { path } = await createFeed();
    const first = await fetchGoodFeed(path);
    const lastModified = first.response.headers.get('last-modified')!;
    service.setNow('2024-05-02T01:00:00.500Z');
    await addAbsence();
    const answer = await fetchFeed(path, { 'if-modified-since': lastModified });
    expect(answer.response.status).toBe(200);
    expect(eventOf(answer.text, UID)?.summary).toBe(COVER);
  });
});

describe('a substitution updates the subscribed event in place', () => {
  it('keeps the UID once, bumps SEQUENCE, renews DTSTAMP and LAST-MODIFIED, names the cover, and changes the ETag', async () => {
    const { path } = await createFeed();
    const before = await fetchGoodFeed(path);
    const oldEtag = before.response.headers.get('etag')!;
    const oldLastModified = before.response.headers.get('last-modified')!;
    const oldLines = eventLines(before.text, UID);

    service.setNow(LATER);
    const absenceId = await addAbsence();
    const after = await fetchGoodFeed(path);
    const uids = uidsOf(after.text);
    expect(uids.filter((uid) => uid === UID)).toHaveLength(1);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toEqual(uidsOf(before.text));

    const newLines = eventLines(after.text, UID);
    expect(propertyOf(newLines, 'SUMMARY')).toBe(COVER);
    expect(Number(propertyOf(newLines, 'SEQUENCE'))).toBeGreaterThan(
      Number(propertyOf(oldLines, 'SEQUENCE')),
    );
    expect(propertyOf(newLines, 'DTSTAMP')! > propertyOf(oldLines, 'DTSTAMP')!).toBe(true);
    expect(propertyOf(newLines, 'LAST-MODIFIED')! > propertyOf(oldLines, 'LAST-MODIFIED')!).toBe(
      true,
    );
    expect(propertyOf(newLines, 'CREATED')).toBe(propertyOf(oldLines, 'CREATED'));
    expect(propertyOf(newLines, 'DTSTART')).toBe(propertyOf(oldLines, 'DTSTART'));
    expect(propertyOf(newLines, 'STATUS')).toBe('CONFIRMED');
    // Other days are untouched: same SEQUENCE, same DTSTAMP.
    const tuesday = `${ROSTER_ID}/2024-05-07/backup@lichtruc`;
    expect(eventLines(after.text, tuesday)).toEqual(eventLines(before.text, tuesday));
    expect(readWithVobject(after.text).find((event) => event.uid === UID)).toMatchObject({
      summary: COVER,
      sequence: 1,
      status: 'CONFIRMED',
    });

    const newEtag = after.response.headers.get('etag')!;
    expect(newEtag).not.toBe(oldEtag);
    expect(Date.parse(after.response.headers.get('last-modified')!)).toBeGreaterThan(
      Date.parse(oldLastModified),
    );
    // Clients holding the old copy get the new one.
    expect((await fetchFeed(path, { 'if-none-match': oldEtag })).response.status).toBe(200);
    expect((await fetchFeed(path, { 'if-modified-since': oldLastModified })).response.status).toBe(
      200,
    );
    expect(
      (
        await fetchFeed(path, {
          'accept-encoding': 'gzip',
          'if-none-match': oldEtag.replace(/"$/, '-gzip"'),
        })
      ).response.status,
    ).toBe(200);
    expect((await fetchFeed(path, { 'if-none-match': newEtag })).response.status).toBe(304);

    // Taking the absence back puts Bà Hà back on duty: the same event, bumped again.
    service.setNow('2024-05-02T01:00:10Z');
    expect((await service.request('DELETE', `${ROSTER}/absences/${absenceId}`)).status).toBe(204);
    const restored = await fetchGoodFeed(path);
    const restoredLines = eventLines(restored.text, UID);
    expect(propertyOf(restoredLines, 'SUMMARY')).toBe(REGULAR);
    expect(Number(propertyOf(restoredLines, 'SEQUENCE'))).toBeGreaterThan(
      Number(propertyOf(newLines, 'SEQUENCE')),
    );
    expect(propertyOf(restoredLines, 'DTSTAMP')! > propertyOf(newLines, 'DTSTAMP')!).toBe(true);
    expect(uidsOf(restored.text)).toEqual(uids);
    expect(restored.response.headers.get('etag')).not.toBe(newEtag);
    expect(restored.response.headers.get('etag')).not.toBe(oldEtag);
  });

  it('reads as an update in ical.js: same UID, higher SEQUENCE, newer DTSTAMP', async () => {
    const { path } = await createFeed();
    const first = readWithIcalJs((await fetchGoodFeed(path)).text);
    service.setNow(LATER);
    await addAbsence();
    const second = readWithIcalJs((await fetchGoodFeed(path)).text);

    expect(second.events.map((event) => event.uid)).toEqual(first.events.map((event) => event.uid));
    const [old, current] = [
      first.events.find((event) => event.uid === UID)!,
      second.events.find((event) => event.uid === UID)!,
    ];
    expect(old).toMatchObject({
      summary: REGULAR,
      sequence: 0,
      status: 'CONFIRMED',
      dtstamp: '2024-05-02T01:00:00.000Z',
    });
    expect(current).toMatchObject({
      summary: COVER,
      status: 'CONFIRMED',
      start: old.start,
      end: old.end,
    });
    expect(current.sequence).toBeGreaterThan(old.sequence);
    expect(Date.parse(current.dtstamp)).toBeGreaterThan(Date.parse(old.dtstamp));
    expect(Date.parse(current.lastModified)).toBeGreaterThan(Date.parse(old.lastModified));
    expect(current.dtstamp).toBe('2024-05-02T01:00:05.000Z');
  });

  it('still gives the changed event a strictly newer DTSTAMP when the change lands in the same second', async () => {
    const { path } = await createFeed();
    const first = await fetchGoodFeed(path);
    service.setNow('2024-05-02T01:00:00.400Z');
    await addAbsence();
    const second = await fetchGoodFeed(path);
    const [old, current] = [eventOf(first.text, UID)!, eventOf(second.text, UID)!];
    expect(current.summary).toBe(COVER);
    expect(current.sequence).toBeGreaterThan(old.sequence);
    expect(Date.parse(current.dtstamp)).toBeGreaterThan(Date.parse(old.dtstamp));
    expect(second.response.headers.get('etag')).not.toBe(first.response.headers.get('etag'));
    expect(
      (await fetchFeed(path, { 'if-none-match': first.response.headers.get('etag')! })).response
        .status,
    ).toBe(200);
  });
});

describe('member feeds', () => {
  const haUid = (date: string) => `${ROSTER_ID}/${date}/primary/${HA}@lichtruc`;
  const luyenUid = (date: string, position = 'primary') =>
    `${ROSTER_ID}/${date}/${position}/${LUYEN}@lichtruc`;

  it("show only that member's duties, under the member's name", async () => {
    const feed = await createFeed({ rosterId: ROSTER_ID, memberId: HA });
    expect(feed.memberId).toBe(HA);
    const { text } = await fetchGoodFeed(feed.path);
    const calendar = readWithIcalJs(text);
    expect(calendar.name).toBe('Lịch trực – Bà Nguyễn Mạnh Hà');
    expect(calendar.events.length).toBeGreaterThan(50);
    for (const event of calendar.events) {
      expect(event.uid).toMatch(
        new RegExp(`^${ROSTER_ID}/\\d{4}-\\d{2}-\\d{2}/primary/${HA}@lichtruc$`),
      );
      expect(event.summary).toMatch(/: Bà Nguyễn Mạnh Hà/);
      expect(event.summary).not.toMatch(/Luyện|Hanh/);
      // Monday, Wednesday or Friday in Hà Nội, or a làm bù Saturday standing for one of them.
      const weekday = new Date(Date.parse(event.start) + 7 * 3_600_000).getUTCDay();
      if (weekday === 6) expect(event.summary).toMatch(/Thứ Bảy làm bù/);
      else expect([1, 3, 5]).toContain(weekday);
    }
    expect(eventOf(text, haUid(DAY))).toMatchObject({
      summary: REGULAR,
      status: 'CONFIRMED',
      sequence: 0,
    });
    expect(readWithVobject(text)).toHaveLength(calendar.events.length);
  });

  it("cancel the absent member's event (kept, bumped) and give the day to the covering member's feed", async () => {
    const ha = await createFeed({ rosterId: ROSTER_ID, memberId: HA });
    const luyen = await createFeed({ rosterId: ROSTER_ID, memberId: LUYEN });
    const haBefore = await fetchGoodFeed(ha.path);
    const luyenBefore = await fetchGoodFeed(luyen.path);
    expect(uidsOf(luyenBefore.text)).not.toContain(luyenUid(DAY));
    expect(uidsOf(luyenBefore.text)).toContain(luyenUid('2024-05-07', 'backup'));

    service.setNow(LATER);
    await addAbsence();
    const haAfter = await fetchGoodFeed(ha.path);
    const cancelled = eventLines(haAfter.text, haUid(DAY));
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(Number(propertyOf(cancelled, 'SEQUENCE'))).toBeGreaterThan(
      Number(propertyOf(eventLines(haBefore.text, haUid(DAY)), 'SEQUENCE')),
    );
    expect(
      propertyOf(cancelled, 'DTSTAMP')! >
        propertyOf(eventLines(haBefore.text, haUid(DAY)), 'DTSTAMP')!,
    ).toBe(true);
    // Her duties stay as they were, and her own absence is added beside the cancelled duty (reason-privacy.ts).
    const away = `${ROSTER_ID}/${DAY}/primary/${HA}/away@lichtruc`;
    expect(uidsOf(haAfter.text).filter((uid) => uid !== away)).toEqual(uidsOf(haBefore.text));
    expect(eventOf(haAfter.text, away)).toMatchObject({
      summary: 'Nghỉ phép – Trực thay: Ông Nguyễn Văn Luyện',
      status: 'CONFIRMED',
      sequence: 0,
    });
    expect(readWithVobject(haAfter.text).find((event) => event.uid === haUid(DAY))).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    });
    expect(eventOf(haAfter.text, haUid('2024-05-08'))).toMatchObject({
      status: 'CONFIRMED',
      sequence: 0,
    });
    expect(haAfter.response.headers.get('etag')).not.toBe(haBefore.response.headers.get('etag'));

    const luyenAfter = await fetchGoodFeed(luyen.path);
    expect(eventOf(luyenAfter.text, luyenUid(DAY))).toMatchObject({
      summary: COVER,
      status: 'CONFIRMED',
      sequence: 0,
      start: '2024-05-06T00:00:00.000Z',
    });
    expect(uidsOf(luyenAfter.text).filter((uid) => uid === luyenUid(DAY))).toHaveLength(1);
    expect(luyenAfter.response.headers.get('etag')).not.toBe(
      luyenBefore.response.headers.get('etag'),
    );
  });
});

describe('member feeds across rosters', () => {
  // src bug: a member feed shows that member's duties on every roster (publish-feeds.ts `rostersOf`), but creating a
  // roster (roster-definitions.ts `createRoster`) re-publishes nothing; the member's feed keeps its cached bytes and
  // only gains the new roster's duties when something unrelated re-renders it (another member's absence, the next day).
  it("do not change because of an unrelated absence: a new roster's duties appear when the roster is created", async () => {
    const feed = await createFeed({ rosterId: ROSTER_ID, memberId: HA });
    await fetchGoodFeed(feed.path);
    const { body } = await service.json<{ definition: Record<string, unknown> }>(
      'GET',
      ROSTER,
      200,
    );
    await service.json('POST', '/api/rosters', 201, { ...body.definition, id: 'to-tiep-dan' });
    const otherRoster = (text: string) =>
      uidsOf(text).filter((uid) => uid.startsWith('to-tiep-dan/'));
    const afterCreate = otherRoster((await fetchGoodFeed(feed.path)).text);

    // Ông Hanh's absence on the letter's roster touches nothing on to-tiep-dan.
    service.setNow(LATER);
    await addAbsence('nguyen-van-hanh', '2024-05-09', '2024-05-09');
    const afterAbsence = otherRoster((await fetchGoodFeed(feed.path)).text);
    expect(afterCreate).toEqual(afterAbsence);
  });
});

describe('holiday edits reach subscribed calendars', () => {
  const holiday = (patch: Record<string, unknown> = {}) => ({
    date: DAY,
    kind: 'holiday',
    name: 'Nghỉ lễ đặc biệt',
    status: 'official',
    source: 'bo-luat-lao-dong-2019',
    ...patch,
  });
  const put = (entry: Record<string, unknown>, source?: Record<string, unknown>) => ({
    entry,
    ...(source ? { source } : {}),
  });

  it('a day declared a holiday leaves the roster feed as a cancelled event with a bumped SEQUENCE', async () => {
    const { path } = await createFeed();
    const before = await fetchGoodFeed(path);
    service.setNow(LATER);
    await service.json('PUT', `/api/holidays/days/${DAY}`, 200, put(holiday()));
    const schedule = await service.json<{ slots: unknown[] }>(
      'GET',
      `${ROSTER}/schedule?from=${DAY}&to=${DAY}`,
      200,
    );
    expect(schedule.body.slots).toEqual([]);

    const after = await fetchGoodFeed(path);
    const lines = eventLines(after.text, UID);
    expect(lines).toContain('STATUS:CANCELLED');
    expect(Number(propertyOf(lines, 'SEQUENCE'))).toBe(1);
    expect(propertyOf(lines, 'DTSTAMP')).toBe('20240502T010005Z');
    expect(uidsOf(after.text)).toEqual(uidsOf(before.text));
    expect(eventOf(after.text, UID)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(readWithVobject(after.text).find((event) => event.uid === UID)).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    });
    expect(after.response.headers.get('etag')).not.toBe(before.response.headers.get('etag'));

    // Removing the entry brings the duty back under the same UID.
    service.setNow('2024-05-02T01:00:10Z');
    await service.json('DELETE', `/api/holidays/days/${DAY}`, 200);
    const back = eventOf((await fetchGoodFeed(path)).text, UID);
    expect(back).toMatchObject({ status: 'CONFIRMED', sequence: 2, summary: REGULAR });
  });

  it('an estimated entry needs no source; an official one without a source is refused and changes nothing', async () => {
    const { path } = await createFeed();
    const before = await fetchGoodFeed(path);
    const { source: _source, ...withoutSource } = holiday();
    const refused = await service.request('PUT', `/api/holidays/days/${DAY}`, {
      body: put(withoutSource),
    });
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).errors?.map((error) => error.field)).toContain('source');
    const unchanged = await fetchFeed(path, {
      'if-none-match': before.response.headers.get('etag')!,
    });
    expect(unchanged.response.status).toBe(304);

    service.setNow(LATER);
    await service.json(
      'PUT',
      `/api/holidays/days/${DAY}`,
      200,
      put({ ...withoutSource, status: 'estimated' }),
    );
    expect(eventOf((await fetchGoodFeed(path)).text, UID)).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    });
  });

  it('an official entry citing a notice the table lacks, sent along with it, closes the day too', async () => {
    const { path } = await createFeed();
    await fetchGoodFeed(path);
    service.setNow(LATER);
    const notice = {
      id: 'tb-ubnd-bac-giang-2024',
      number: '12/TB-UBND',
      date: '2024-05-02',
      issuer: 'UBND tỉnh Bắc Giang',
    };
    await service.json(
      'PUT',
      `/api/holidays/days/${DAY}`,
      200,
      put(holiday({ source: notice.id }), notice),
    );
    expect(eventOf((await fetchGoodFeed(path)).text, UID)).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    });
  });
});

describe('revoking a link', () => {
  it('answers 410 from then on, even to a conditional GET for the last copy; other links keep working', async () => {
    const feed = await createFeed();
    const other = await createFeed();
    const { response } = await fetchGoodFeed(feed.path);
    const etag = response.headers.get('etag')!;

    expect((await service.request('DELETE', `/api/feeds/${feed.id}`)).status).toBe(204);
    const conditionals: Record<string, string>[] = [
      {},
      { 'if-none-match': etag },
      { 'if-modified-since': response.headers.get('last-modified')! },
      { 'accept-encoding': 'gzip', 'if-none-match': etag.replace(/"$/, '-gzip"') },
    ];
    for (const headers of conditionals) {
      const gone = await fetchFeed(feed.path, headers);
      expect(gone.response.status, JSON.stringify(headers)).toBe(410);
      expect(gone.response.headers.get('content-type')).toBe(
        'application/problem+json; charset=utf-8',
      );
      expect(JSON.parse(gone.text)).toMatchObject({
        type: 'urn:lichtruc:problem:gone',
        status: 410,
      });
      expect(gone.text).not.toContain('BEGIN:VCALENDAR');
    }

    await fetchGoodFeed(other.path);
    const list = await service.json<{ feeds: { id: string; revokedAt: string | null }[] }>(
      'GET',
      '/api/feeds',
      200,
    );
    expect(list.body.feeds.find((entry) => entry.id === feed.id)?.revokedAt).toEqual(
      expect.any(String),
    );
    expect(list.body.feeds.find((entry) => entry.id === other.id)?.revokedAt).toBeNull();
    const audit = await service.json<{ entries: { action: string; entityId: string }[] }>(
      'GET',
      '/api/audit',
      200,
    );
    expect(audit.body.entries.map((entry) => [entry.action, entry.entityId])).toContainEqual([
      'feed.revoke',
      feed.id,
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(feed.token);

    // Revoking again changes nothing; an unknown id is 404.
    expect((await service.request('DELETE', `/api/feeds/${feed.id}`)).status).toBe(204);
    expect((await fetchFeed(feed.path)).response.status).toBe(410);
    expect(
      (await service.request('DELETE', '/api/feeds/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });

  it('keeps a revoked link revoked when the feed is re-published', async () => {
    const feed = await createFeed({ rosterId: ROSTER_ID, memberId: HA });
    await fetchGoodFeed(feed.path);
    expect((await service.request('DELETE', `/api/feeds/${feed.id}`)).status).toBe(204);
    service.setNow(LATER);
    await addAbsence();
    expect((await fetchFeed(feed.path)).response.status).toBe(410);
  });

  it('answers 404 (problem+json) for an unknown well-formed token and for malformed links', async () => {
    const feed = await createFeed();
    const unknown = `/feeds/${'A'.repeat(43)}.ics`;
    const malformed = [
      `/feeds/${feed.token.slice(1)}.ics`,
      `/feeds/${feed.token}x.ics`,
      `/feeds/${feed.token.slice(0, -1)}!.ics`,
      `/feeds/${feed.token}.ics.ics`,
      '/feeds/.ics',
      `/feeds/${feed.token}.ics/extra`,
      `/feed/${feed.token}.ics`,
    ];
    for (const path of [unknown, ...malformed]) {
      const answer = await fetchFeed(path, { 'if-none-match': '*' });
      expect(answer.response.status, path).toBe(404);
      expect(answer.response.headers.get('content-type'), path).toBe(
        'application/problem+json; charset=utf-8',
      );
      expect(JSON.parse(answer.text), path).toMatchObject({
        type: 'urn:lichtruc:problem:not-found',
        status: 404,
      });
    }
  });
});

describe('text that could break a feed', () => {
  const HOSTILE_UNIT = 'Phòng A, B; C';
  const HOSTILE_NAME = 'Lê Thị Hoa, Lan; Hương';
  const HOSTILE_DESK = 'Tổ tiếp dân, Một cửa; Số 2';

  async function clonedDefinition(): Promise<
    Record<string, unknown> & { members: Record<string, unknown>[] }
  > {
    const { body } = await service.json<{
      definition: Record<string, unknown> & { members: Record<string, unknown>[] };
    }>('GET', ROSTER, 200);
    const definition = structuredClone(body.definition);
    definition.id = 'to-tiep-dan';
    definition.name = 'Lịch trực Tổ tiếp dân, Phòng A; B';
    definition.desk = { ...(definition.desk as object), title: HOSTILE_DESK };
    definition.members[0] = {
      ...definition.members[0],
      fullName: HOSTILE_NAME,
      unit: HOSTILE_UNIT,
    };
    return definition;
  }

  it('refuses a CR/LF in a name (422) and creates nothing', async () => {
    const definition = await clonedDefinition();
    definition.members[0]!.fullName = 'Lê Thị Hoa\r\nX-INJECTED:1';
    const refused = await service.request('POST', '/api/rosters', { body: definition });
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).errors?.map((error) => error.field)).toContain(
      'members.0.fullName',
    );
    expect((await service.request('GET', '/api/rosters/to-tiep-dan')).status).toBe(404);
  });

  it('carries commas and semicolons intact into SUMMARY, DESCRIPTION and the calendar name', async () => {
    await service.json('POST', '/api/rosters', 201, await clonedDefinition());
    const { path } = await createFeed({ rosterId: 'to-tiep-dan' });
    const { text } = await fetchGoodFeed(path);
    const uid = `to-tiep-dan/${DAY}/primary@lichtruc`;
    const title = `Trực ${HOSTILE_DESK} – Trực chính: Bà ${HOSTILE_NAME}`;

    const calendar = readWithIcalJs(text);
    expect(calendar.name).toBe('Lịch trực Tổ tiếp dân, Phòng A; B');
    const event = calendar.events.find((candidate) => candidate.uid === uid)!;
    expect(event.summary).toBe(title);
    expect(event.description.split('\n')[0]).toBe(
      `Người trực: Bà ${HOSTILE_NAME} – Chuyên viên ${HOSTILE_UNIT} – Sở VHTTDL tỉnh Bắc Giang`,
    );
    expect(readWithVobject(text).find((candidate) => candidate.uid === uid)).toMatchObject({
      summary: title,
      status: 'CONFIRMED',
    });
    expect(propertyOf(eventLines(text, uid), 'SUMMARY')).toBe(
      title.replaceAll(',', '\\,').replaceAll(';', '\\;'),
    );
    expect(contentLines(text).filter((line) => line.startsWith('X-INJECTED'))).toEqual([]);
  });
});
