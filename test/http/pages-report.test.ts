/**
 * The duty report in the admin area, as an office admin meets it for the annual evaluation: signed in (no bearer
 * token), a period picked by a quarter shortcut or by dates, the table and figures, and the downloads.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const REPORT = `/admin/rosters/${ROSTER_ID}/report`;

let service: TestService;

beforeEach(async () => {
  service = await startTestService('2024-07-01T02:00:00Z');
});

const { page, signIn } = pagesOf(() => service);

/** The cells of the table row whose header names `who`. */
const rowOf = (html: string, who: string) => {
  const row = new RegExp(
    `<tr><td class="number">\\d+</td><th scope="row">${who}</th>([\\s\\S]*?)</tr>`,
  ).exec(html);
  return [...(row?.[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1]);
};

describe('admin duty report page', () => {
  it('needs the session, not a bearer token: without it the browser goes to sign in', async () => {
    const anonymous = await page('GET', REPORT);
    expect(anonymous.response.status).toBe(303);
    expect(anonymous.response.headers.get('location')).toBe('/admin/login');
  });

  it("shows the letter's period with Bà Hà's leave covered in rotation, with quarter and year shortcuts", async () => {
    await service.json('POST', `/api/rosters/${ROSTER_ID}/absences`, 201, {
      memberId: 'nguyen-manh-ha',
      from: '2024-05-06',
      to: '2024-05-10',
      reason: 'leave',
    });
    const { cookie } = await signIn();
    const home = await page('GET', '/admin', { cookie });
    expect(home.html).toContain(`href="${REPORT}"`);
    const year = await page('GET', REPORT, { cookie });
    expect(year.response.status).toBe(200);
    expect(year.html).toContain('value="2024-01-01"');
    expect(year.html).toContain('value="2024-12-31"');
    expect(year.html).toContain(`href="${REPORT}?from=2024-04-01&to=2024-06-30">Quý II/2024</a>`);
    expect(year.html).toContain(`href="${REPORT}?from=2024-07-01&to=2024-09-30">Quý III/2024</a>`);
    expect(year.html).toContain(`href="${REPORT}?from=2023-01-01&to=2023-12-31">← 2023</a>`);

    const letter = await page('GET', `${REPORT}?from=2024-04-15&to=2024-06-30`, { cookie });
    expect(letter.response.status).toBe(200);
    expect(letter.html).toContain('<caption>Kết quả trực 15/04/2024 – 30/06/2024</caption>');
    // Scheduled, served, covers given, covers received.
    expect(rowOf(letter.html, 'Bà Nguyễn Mạnh Hà').slice(1, 5)).toEqual(['32', '29', '0', '3']);
    expect(rowOf(letter.html, 'Ông Nguyễn Văn Luyện').slice(1, 5)).toEqual(['10', '12', '2', '0']);
    expect(rowOf(letter.html, 'Ông Nguyễn Văn Hanh').slice(1, 5)).toEqual(['10', '11', '1', '0']);
    expect(letter.html).toContain(
      'Chênh lệch số lần trực thay giữa các công chức cùng có thể trực thay mọi ngày cần thay (Ông Nguyễn Văn Luyện, Ông Nguyễn Văn Hanh): 1.',
    );
    const quarter = await page('GET', `${REPORT}?from=2024-04-01&to=2024-06-30`, { cookie });
    expect(quarter.html).toMatch(
      /<a class="button" aria-current="true" href="[^"]+">Quý II\/2024<\/a>/,
    );
  });

  it('downloads the same report as CSV, Excel and a printable page with the session', async () => {
    const { cookie } = await signIn();
    const letter = await page('GET', `${REPORT}?from=2024-04-15&to=2024-06-30`, { cookie });
    const file = (format: string) =>
      `${REPORT}/file?format=${format}&from=2024-04-15&to=2024-06-30`;
    for (const format of ['csv', 'xlsx', 'html'])
      expect(letter.html).toContain(`href="${file(format)}"`);

    const csv = await service.request('GET', file('csv'), { token: null, headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="bao-cao-truc-${ROSTER_ID}-2024-04-15-2024-06-30.csv"`,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('Bà Nguyễn Mạnh Hà');

    const xlsx = await service.request('GET', file('xlsx'), { token: null, headers: { cookie } });
    expect(xlsx.status).toBe(200);
    // A zip archive (PK\x03\x04), as every .xlsx is.
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 4)]).toEqual([0x50, 0x4b, 3, 4]);

    const print = await page('GET', file('html'), { cookie });
    expect(print.html).toContain('BÁO CÁO KẾT QUẢ TRỰC BỘ PHẬN MỘT CỬA');

    service.appDeps.renderWorkbook = undefined;
    const noWriter = await page('GET', `${REPORT}?from=2024-04-15&to=2024-06-30`, { cookie });
    expect(noWriter.html).not.toContain('format=xlsx');
    const refused = await page('GET', file('xlsx'), { cookie });
    expect(refused.response.status).toBe(501);
    expect(refused.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refused.html).toContain('hãy tải tệp CSV');
  });

  it('says next to the field that the end is before the start, and shows no table', async () => {
    const { cookie } = await signIn();
    const bad = await page('GET', `${REPORT}?from=2024-06-30&to=2024-04-15`, { cookie });
    expect(bad.response.status).toBe(422);
    expect(bad.html).toContain(
      '<span class="field-error" id="error-to">ngày kết thúc trước ngày bắt đầu (30/06/2024)</span>',
    );
    expect(bad.html).not.toContain('<table class="report">');
    const notADate = await page('GET', `${REPORT}?from=2024-02-30&to=2024-04-15`, { cookie });
    expect(notADate.response.status).toBe(422);
    expect(notADate.html).toContain(
      'id="error-from">không phải một ngày có thật (YYYY-MM-DD)</span>',
    );
  });
});
