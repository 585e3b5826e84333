/**
 * A feed link served by the Worker from D1: the calendar with a strong ETag, 304 to a conditional GET, and after an
 * absence a new ETag and the covered event updated in place (same UID, higher SEQUENCE, the cover's title).
 */
import { describe, expect, it } from 'vitest';
import { PUBLIC_URL } from './provided.ts';
import { call, json, ROSTER_ID, upcomingDutyOf } from './workerd/api.ts';
import { eventLines, propertyOf } from './workerd/ics.ts';

const HA = 'nguyen-manh-ha';

async function createFeed(): Promise<string> {
  const created = await json<{ url: string; webcalUrl: string }>('POST', '/api/feeds', 201, {
    rosterId: ROSTER_ID,
  });
  expect(created.url).toMatch(new RegExp(`^${PUBLIC_URL}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
  expect(created.webcalUrl).toBe(created.url.replace(/^https:/, 'webcal:'));
  return new URL(created.url).pathname;
}

/** A calendar client's GET: no Authorization header. */
async function fetchFeed(path: string, headers: Record<string, string> = {}) {
  const response = await call('GET', path, { token: null, headers });
  return { response, text: await response.text() };
}

describe('GET /feeds/{token}.ics in workerd', () => {
  it('serves the calendar with a strong ETag and answers 304 to If-None-Match with it', async () => {
    const path = await createFeed();
    const first = await fetchFeed(path);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(first.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(first.response.headers.get('content-length')).toBe(
      String(new TextEncoder().encode(first.text).byteLength),
    );
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"\s]+"$/);

    const again = await fetchFeed(path, { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.response.headers.get('etag')).toBe(etag);
    expect((await fetchFeed(path, { 'if-none-match': '"0123456789abcdef"' })).response.status).toBe(
      200,
    );
  });

  it('after an absence: a new ETag, and the same event with a higher SEQUENCE naming the cover', async () => {
    const path = await createFeed();
    const duty = await upcomingDutyOf(HA);
    const uid = `${duty.key}@lichtruc`;
    const before = await fetchFeed(path);
    const oldEtag = before.response.headers.get('etag')!;
    const oldEvent = eventLines(before.text, uid);
    expect(propertyOf(oldEvent, 'SUMMARY')).toBe(
      'Trực Bộ phận Một cửa – Trực chính: Bà Nguyễn Mạnh Hà',
    );

    const { changedSlots } = await json<{
      changedSlots: { key: string; after: { memberId: string; title: string } }[];
    }>('POST', `/api/rosters/${ROSTER_ID}/absences`, 201, {
      memberId: HA,
      from: duty.date,
      to: duty.date,
      reason: 'leave',
    });
    expect(changedSlots.map((change) => change.key)).toEqual([duty.key]);

    const after = await fetchFeed(path, { 'if-none-match': oldEtag });
    expect(after.response.status).toBe(200);
    expect(after.response.headers.get('etag')).not.toBe(oldEtag);
    const newEvent = eventLines(after.text, uid);
    expect(after.text.split(`UID:${uid}\r\n`)).toHaveLength(2);
    expect(propertyOf(newEvent, 'SUMMARY')).toBe(changedSlots[0]!.after.title);
    expect(propertyOf(newEvent, 'SUMMARY')).toMatch(
      /^Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn (Luyện|Hanh) \(thay Bà Nguyễn Mạnh Hà nghỉ phép\)$/,
    );
    expect(Number(propertyOf(newEvent, 'SEQUENCE'))).toBeGreaterThan(
      Number(propertyOf(oldEvent, 'SEQUENCE')),
    );
    expect(propertyOf(newEvent, 'DTSTART')).toBe(propertyOf(oldEvent, 'DTSTART'));
  });
});
