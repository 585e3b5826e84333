/**
 * The public desk of a roster (no secret link): the page, its ICS feed and the embeddable snippet, as an applicant,
 * a calendar app and the department's website meet them. Only names, titles, hours, place and closed days; never a
 * contact detail or anything about an absence.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import { readWithIcalJs } from '../support/feed-reader.ts';
import { lintIcs } from '../support/ics-lint.ts';
import { CONTACTS, publicDeskFiles, ROSTER_ID } from '../support/public-desk.ts';
import { PUBLIC_URL, startTestService, type TestService } from '../support/service.ts';

const PAGE = `/desks/${ROSTER_ID}`;
const FEED = `${PAGE}.ics`;
const EMBED = `${PAGE}/embed`;
const HA = 'nguyen-manh-ha';
const NOTE = 'Viêm phổi, điều trị tại Bệnh viện Bạch Mai';
/** Friday 26/04/2024, 08:00 in Hà Nội: Bà Hà's day; 29/04–01/05 closed; 02/05 Ông Hanh. */
const FRIDAY = '2024-04-26T01:00:00Z';

let service: TestService;

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await service.request('GET', path, { token: null, headers });
  return { response, text: await response.text() };
}

async function makePublic() {
  const result = await applyCalendars(service.ctx, loadCalendarSet(publicDeskFiles()));
  expect(result.rosters.find((entry) => entry.id === ROSTER_ID)?.result).toBe('updated');
}

beforeEach(async () => {
  service = await startTestService(FRIDAY);
});

describe('a roster whose desk is not public (the default)', () => {
  it('has no public page, feed or snippet, like a roster that does not exist', async () => {
    for (const path of [PAGE, FEED, EMBED, '/desks/khong-co', '/desks/khong-co.ics']) {
      const { response } = await get(path);
      expect(response.status, path).toBe(404);
    }
    expect((await get(PAGE)).text).toContain('Không có lịch trực công khai ở địa chỉ này.');
  });
});

describe('a roster created over the API', () => {
  it('turns its public desk on and off with publish.publicDesk', async () => {
    const { body } = await service.json<{ definition: Record<string, unknown> }>(
      'GET',
      `/api/rosters/${ROSTER_ID}`,
      200,
    );
    const definition = { ...body.definition, id: 'so-tu-phap', publish: { publicDesk: true } };
    await service.json('POST', '/api/rosters', 201, definition);
    const page = await get('/desks/so-tu-phap');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('Bà Nguyễn Mạnh Hà, Chuyên viên');
    expect((await get('/desks/so-tu-phap.ics')).response.status).toBe(200);
    await service.json(
      'PUT',
      '/api/rosters/so-tu-phap',
      200,
      { ...definition, publish: {} },
      {
        'if-match': '"v1"',
      },
    );
    expect((await get('/desks/so-tu-phap')).response.status).toBe(404);
    expect((await get('/desks/so-tu-phap.ics')).response.status).toBe(404);
  });
});

describe('a public desk', () => {
  beforeEach(makePublic);

  it('shows who is on duty today and in the coming days, the hours, the place and the closed days', async () => {
    const { response, text } = await get(PAGE);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(text).toContain(
      '<h1>Bộ phận Một cửa – Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang</h1>',
    );
    expect(text).toContain('Hôm nay, Thứ Sáu 26/04/2024');
    const today = text.slice(text.indexOf('Hôm nay'), text.indexOf('Những ngày tới'));
    expect(today).toContain('Bà Nguyễn Mạnh Hà, Chuyên viên');
    expect(today).toContain(
      '07h00–11h30, 13h30–17h00 (dự kiến) · Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
    );
    const coming = text.slice(text.indexOf('Những ngày tới'), text.indexOf('Theo dõi lịch trực'));
    expect(coming).toContain('Thứ Ba 30/04/2024</div>\n<div>Nghỉ: Ngày Chiến thắng');
    expect(coming).toContain('Thứ Tư 01/05/2024</div>\n<div>Nghỉ: Ngày Quốc tế Lao động');
    expect(coming).toContain('Thứ Năm 02/05/2024</div>\n<div>Ông Nguyễn Văn Hanh, Chuyên viên');
    expect(text).toContain(`href="webcal://lichtruc.test${FEED}"`);
    expect(text).toMatch(/<svg[^>]*viewBox/);
    expect(text).toContain(`&lt;iframe src=&quot;${PUBLIC_URL}${EMBED}&quot;`);
    expect(text).not.toMatch(/<script/i);
    for (const contact of CONTACTS) expect(text).not.toContain(contact);
  });

  it('answers 304 to a conditional GET of the same page, and a new ETag once the day changes', async () => {
    const first = await get(PAGE);
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get(PAGE, { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe('');
    service.setNow('2024-04-29T01:00:00Z');
    const monday = await get(PAGE, { 'if-none-match': etag });
    expect(monday.response.status).toBe(200);
    expect(monday.text).toContain('Hôm nay, Thứ Hai 29/04/2024');
  });

  it('publishes the same content as a feed that calendar apps read, with ETag and 304', async () => {
    const { response, text } = await get(FEED);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(lintIcs(new TextEncoder().encode(text))).toEqual([]);
    const events = readWithIcalJs(text).events;
    const summaries = new Map(events.map((event) => [event.start.slice(0, 10), event.summary]));
    expect(summaries.get('2024-04-26')).toBe(
      'Trực Bộ phận Một cửa: Bà Nguyễn Mạnh Hà, Chuyên viên',
    );
    expect(summaries.get('2024-05-01')).toBe('Bộ phận Một cửa nghỉ: Ngày Quốc tế Lao động');
    expect(summaries.get('2024-05-02')).toBe(
      'Trực Bộ phận Một cửa: Ông Nguyễn Văn Hanh, Chuyên viên',
    );
    for (const contact of CONTACTS) expect(text).not.toContain(contact);
    const etag = response.headers.get('etag')!;
    expect((await get(FEED, { 'if-none-match': etag })).response.status).toBe(304);
  });

  it('lets any website frame the snippet, and no site frame the other pages', async () => {
    const embed = await get(EMBED);
    expect(embed.response.status).toBe(200);
    expect(embed.response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.response.headers.get('x-frame-options')).toBeNull();
    expect(embed.text).toContain('Bà Nguyễn Mạnh Hà, Chuyên viên');
    expect(embed.text).toContain(`href="${PUBLIC_URL}${PAGE}" target="_blank"`);
    const page = await get(PAGE);
    expect(page.response.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    );
    expect(page.response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('shows the officer who covers a sick absence, and nothing of the absence', async () => {
    const before = await get(FEED);
    service.setNow('2024-04-26T01:00:05Z');
    await service.json('POST', `/api/rosters/${ROSTER_ID}/absences`, 201, {
      memberId: HA,
      from: '2024-04-26',
      to: '2024-04-26',
      reason: 'sick',
      note: NOTE,
    });
    const page = await get(PAGE);
    const today = page.text.slice(
      page.text.indexOf('Hôm nay'),
      page.text.indexOf('Những ngày tới'),
    );
    expect(today).toMatch(/Ông Nguyễn Văn (Luyện|Hanh), Chuyên viên/);
    const feed = await get(FEED, { 'if-none-match': before.response.headers.get('etag')! });
    expect(feed.response.status).toBe(200);
    for (const text of [
      page.text,
      feed.text,
      (await get(EMBED)).text,
      (await get(`${PAGE}?lang=en`)).text,
    ]) {
      for (const secret of ['nghỉ ốm', 'sick', 'vắng', 'away', 'thay', NOTE, ...CONTACTS])
        expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(text).not.toContain('Bà Nguyễn Mạnh Hà, Chuyên viên');
    }
  });
});
