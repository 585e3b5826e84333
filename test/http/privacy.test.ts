/**
 * A sick absence, as every output shows it: the reason and the note reach nobody but the absent officer (their own
 * feed and page) and the admins; colleagues, the roster feed and exported reports read "vắng". The bytes of each
 * output are searched for the reason's words in both languages, its code and the note.
 */
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { gradeSlot, MANAGER, OTHERS, shownReason } from '../../src/domain/reason-privacy.ts';
import type { DutySlot } from '../../src/domain/slot.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const ROSTER = `/api/rosters/${ROSTER_ID}`;
const HA = 'nguyen-manh-ha';
const DAY = '2024-05-06';
const NOTE = 'Viêm phổi, điều trị tại Bệnh viện Bạch Mai';
/** What must not leak: the reason in Vietnamese and English, its code, and the note. */
const SECRETS = ['nghỉ ốm', 'on sick leave', 'sick', NOTE];

let service: TestService;
let coverId: string;

beforeEach(async () => {
  service = await startTestService('2024-05-02T01:00:00Z');
  await service.json('POST', `${ROSTER}/absences`, 201, {
    memberId: HA,
    from: DAY,
    to: DAY,
    reason: 'sick',
    note: NOTE,
  });
  const { body } = await service.json<{ slots: { memberId: string; coversFor: string }[] }>(
    'GET',
    `${ROSTER}/schedule?from=${DAY}&to=${DAY}`,
    200,
  );
  expect(body.slots[0]!.coversFor).toBe(HA);
  coverId = body.slots[0]!.memberId;
});

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
}

async function feedLink(memberId?: string): Promise<{ feed: string; page: string }> {
  const { body } = await service.json<{ url: string }>('POST', '/api/feeds', 201, {
    rosterId: ROSTER_ID,
    ...(memberId ? { memberId } : {}),
  });
  const token = /\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(body.url)![1]!;
  return { feed: `/feeds/${token}.ics`, page: `/my/${token}` };
}

async function text(path: string): Promise<string> {
  const response = await service.request('GET', path, { token: null });
  expect(response.status).toBe(200);
  return response.text();
}

describe('feeds and staff pages', () => {
  it('the roster feed and its page say "vắng", never why', async () => {
    const link = await feedLink();
    const feed = await text(link.feed);
    expect(feed).toContain('(thay Bà Nguyễn Mạnh Hà vắng)');
    expectNoSecret(feed);
    const page = await text(`${link.page}`);
    expect(page).toContain('thay Bà Nguyễn Mạnh Hà vắng');
    expectNoSecret(page);
    expectNoSecret(await text(`${link.page}?lang=en`));
  });

  it("the covering colleague's feed and page say 'vắng' / 'away'", async () => {
    const link = await feedLink(coverId);
    const feed = await text(link.feed);
    expect(feed).toContain('(thay Bà Nguyễn Mạnh Hà vắng)');
    expectNoSecret(feed);
    expectNoSecret(await text(link.page));
    const english = await text(`${link.page}?lang=en`);
    expect(english).toContain('(for Nguyễn Mạnh Hà away)');
    expectNoSecret(english);
  });

  it("the absent officer's own feed carries her absence with its reason, and her page says who covers", async () => {
    const link = await feedLink(HA);
    const feed = await text(link.feed);
    const away = feed.split('BEGIN:VEVENT').find((event) => event.includes('/away@lichtruc'));
    expect(away).toContain(`UID:${ROSTER_ID}/${DAY}/primary/${HA}/away@lichtruc`);
    expect(away).toMatch(/SUMMARY:Nghỉ ốm – Trực thay: (Ông|Bà) /);
    expect(away).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240506T070000');
    // Her copy of the duty itself is not in the feed: she does not serve it.
    expect(feed).not.toContain(`UID:${ROSTER_ID}/${DAY}/primary/${HA}@lichtruc`);
    const page = await text(link.page);
    expect(page).toContain('thay Bà Nguyễn Mạnh Hà nghỉ ốm');
  });

  it('an officer with no part in it sees nothing of it in their feed', async () => {
    const other = ['nguyen-van-luyen', 'nguyen-van-hanh'].find((id) => id !== coverId)!;
    const link = await feedLink(other);
    expectNoSecret(await text(link.feed));
    expectNoSecret(await text(link.page));
  });
});

describe('exported reports', () => {
  const range = `from=2024-05-01&to=2024-05-31`;

  it('JSON, CSV and the printable page count the cover and say "vắng"', async () => {
    for (const format of ['json', 'csv', 'html']) {
      const response = await service.request('GET', `${ROSTER}/report?${range}&format=${format}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expectNoSecret(body);
      if (format !== 'json') expect(body).toContain('vắng');
    }
  });

  it('corrections to a closed month read "vắng" too', async () => {
    await service.json('POST', `${ROSTER}/months/2024-04/close`, 201);
    await service.json('POST', `${ROSTER}/absences`, 201, {
      memberId: HA,
      from: '2024-04-26',
      to: '2024-04-26',
      reason: 'sick',
      note: NOTE,
      correctionReason: 'Bổ sung giấy nghỉ',
    });
    const { body } = await service.json<{
      corrections: { after: { text: string; reason: string } }[];
    }>('GET', `${ROSTER}/report?from=2024-04-01&to=2024-04-30`, 200);
    expect(body.corrections).toHaveLength(1);
    expect(body.corrections[0]!.after).toMatchObject({ reason: 'other' });
    expect(body.corrections[0]!.after.text).toContain('(thay Bà Nguyễn Mạnh Hà vắng)');
    const printable = await service.request(
      'GET',
      `${ROSTER}/report?from=2024-04-01&to=2024-04-30&format=html`,
    );
    expectNoSecret(await printable.text());
  });

  it('the XLSX workbook has no cell with the reason', async () => {
    const response = await service.request('GET', `${ROSTER}/report?${range}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await response.arrayBuffer()) as unknown as Parameters<
        typeof workbook.xlsx.load
      >[0],
    );
    const cells: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.some((cell) => cell.includes('vắng'))).toBe(true);
    expectNoSecret(cells.join('\n'));
  });
});

describe('admins', () => {
  it('see the reason and the note on the absences page and the month grid', async () => {
    const { page, signIn } = pagesOf(() => service);
    const { cookie } = await signIn();
    const absences = await page('GET', `/admin/rosters/${ROSTER_ID}/absences`, { cookie });
    expect(absences.html).toContain('nghỉ ốm');
    expect(absences.html).toContain(NOTE);
    const day = await page('GET', `/admin/rosters/${ROSTER_ID}/days/${DAY}`, { cookie });
    expect(day.html).toContain('nghỉ ốm');
  });
});

describe('the grading rule', () => {
  const slot = { reason: 'sick', coversFor: HA } as DutySlot;

  it('shows public reasons to everyone and sensitive ones to the absent member and managers only', () => {
    expect(shownReason('leave', HA, OTHERS)).toBe('leave');
    expect(shownReason('training', HA, OTHERS)).toBe('training');
    expect(shownReason('business', HA, OTHERS)).toBe('business');
    for (const reason of ['sick', 'personal', 'other'] as const) {
      expect(shownReason(reason, HA, OTHERS)).toBe('other');
      expect(shownReason(reason, HA, { kind: 'member', memberId: 'nguyen-van-luyen' })).toBe(
        'other',
      );
      expect(shownReason(reason, HA, { kind: 'member', memberId: HA })).toBe(reason);
      expect(shownReason(reason, HA, MANAGER)).toBe(reason);
    }
    expect(gradeSlot(slot, OTHERS).reason).toBe('other');
    expect(gradeSlot(slot, MANAGER)).toBe(slot);
  });
});
