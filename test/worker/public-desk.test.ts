/**
 * The public desk served by the Worker from D1: a roster created with publish.publicDesk has its page and feed with
 * ETag and 304, and a sick absence shows only the officer who covers it.
 */
import { describe, expect, it } from 'vitest';
import { call, json, ROSTER_ID, upcomingDutyOf } from './workerd/api.ts';

const DESK = 'so-tu-phap';
const HA = 'nguyen-manh-ha';

async function makePublicDesk(): Promise<void> {
  const { definition } = await json<{ definition: Record<string, unknown> }>(
    'GET',
    `/api/rosters/${ROSTER_ID}`,
    200,
  );
  await json('POST', '/api/rosters', 201, {
    ...definition,
    id: DESK,
    publish: { publicDesk: true },
  });
}

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await call('GET', path, { token: null, headers });
  return { response, text: await response.text() };
}

describe('GET /desks/{id} in workerd', () => {
  it('serves the page and the feed with ETags, 304, and nothing of a sick absence', async () => {
    expect((await get(`/desks/${ROSTER_ID}`)).response.status).toBe(404);
    await makePublicDesk();
    const page = await get(`/desks/${DESK}`);
    expect(page.response.status).toBe(200);
    expect(page.text).toContain(', Chuyên viên</div>');
    const etag = page.response.headers.get('etag')!;
    expect((await get(`/desks/${DESK}`, { 'if-none-match': etag })).response.status).toBe(304);
    const feed = await get(`/desks/${DESK}.ics`);
    expect(feed.response.status).toBe(200);
    expect(feed.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const feedTag = feed.response.headers.get('etag')!;
    expect((await get(`/desks/${DESK}.ics`, { 'if-none-match': feedTag })).response.status).toBe(
      304,
    );

    const duty = await upcomingDutyOf(HA, DESK);
    await json('POST', `/api/rosters/${DESK}/absences`, 201, {
      memberId: HA,
      from: duty.date,
      to: duty.date,
      reason: 'sick',
      note: 'Nằm viện',
    });
    const after = await get(`/desks/${DESK}.ics`, { 'if-none-match': feedTag });
    expect(after.response.status).toBe(200);
    const event = after.text.split('BEGIN:VEVENT').find((text) => text.includes(duty.key))!;
    expect(event).toMatch(/SUMMARY:Trực Bộ phận Một cửa: Ông Nguyễn Văn (Luyện|Hanh)/);
    for (const secret of ['nghỉ ốm', 'sick', 'vắng', 'Nằm viện'])
      expect(after.text).not.toContain(secret);
  });
});
