/**
 * What an admin and a member of staff do, in a real browser against the real Node entry, with the calendar push
 * going to the Google stand-in: sign in, record an absence from the month grid and see the cover appear (on the
 * grid and in Google), rotate a feed link, run a resync. The screenshot of the month grid on a phone is saved for
 * the README (the staff page's is saved by staff-page.test.ts).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoogleStandIn, startGoogleStandIn } from '../stand-ins/google-calendar.ts';
import { launchBrowser, newPhonePage, saveScreenshot } from '../support/browser.ts';
import { type RunningService, startService } from '../support/running-service.ts';
import { CALENDARS } from '../support/sample.ts';

const ROSTER = 'so-vhttdl-bac-giang';
const CALENDAR_ID = 'truc-mot-cua@group.calendar.google.com';
const ACCOUNT = 'lichtruc-e2e@du-an.iam.gserviceaccount.com';

let standIn: GoogleStandIn;
let service: RunningService;
let browser: Browser;
let page: Page;
let dutyDate: string;

/** The letter's roster, published to a calendar on the stand-in. */
function calendarsPublishingToGoogle(): string {
  const directory = mkdtempSync(join(tmpdir(), 'lichtruc-e2e-calendars-'));
  cpSync(CALENDARS, directory, { recursive: true });
  const file = join(directory, `${ROSTER}.yaml`);
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}publish:\n  google:\n    calendarId: ${CALENDAR_ID}\n`,
  );
  return directory;
}

async function waitFor<T>(
  probe: () => T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  standIn = await startGoogleStandIn();
  const key = standIn.createServiceAccount(ACCOUNT);
  standIn.createCalendar({ id: CALENDAR_ID, writers: [ACCOUNT] });
  service = await startService({
    env: {
      LICHTRUC_CALENDARS: calendarsPublishingToGoogle(),
      GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(key),
      GOOGLE_API_ROOT_URL: standIn.rootUrl,
    },
  });
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  // A day of Bà Hà's within the next three weeks, wherever the calendar stands when the test runs.
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const schedule = (await (
    await service.api(`/api/rosters/${ROSTER}/schedule?from=${today}&to=${until}`)
  ).json()) as { slots: { date: string; memberId: string }[] };
  dutyDate = schedule.slots.find(
    (slot) => slot.memberId === 'nguyen-manh-ha' && slot.date > today,
  )!.date;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await standIn?.close();
}, 30_000);

describe('an admin on a phone', () => {
  it('signs in with the admin token (a wrong one is refused)', async () => {
    await page.goto(`${service.baseUrl}/admin/login`);
    await page.fill('input[name="token"]', 'not-the-token-at-all-000000');
    await page.press('input[name="token"]', 'Enter');
    expect(await page.locator('.error').count()).toBeGreaterThan(0);
    await page.fill('input[name="token"]', service.adminToken);
    await page.press('input[name="token"]', 'Enter');
    await page.waitForURL(`${service.baseUrl}/admin`);
    expect(await page.textContent('body')).toContain('Lịch trực Bộ phận Một cửa');
  });

  it('records an absence from the month grid, previews the cover, saves it, and the cover reaches Google', async () => {
    await page.goto(`${service.baseUrl}/admin/rosters/${ROSTER}?month=${dutyDate.slice(0, 7)}`);
    await page.click(`td[data-date="${dutyDate}"] a.day`);
    const absenceForm = page.locator('form:has(input[name="kind"][value="absence"])');
    await absenceForm.locator('select[name="memberId"]').selectOption('nguyen-manh-ha');
    await absenceForm.locator('button[type="submit"]').click();
    const preview = await page.textContent('body');
    expect(preview).toMatch(/Trực thay: Ông Nguyễn Văn (Luyện|Hanh)/);
    const absencesBefore = (await (
      await service.api(`/api/rosters/${ROSTER}/absences`)
    ).json()) as { absences: unknown[] };
    expect(absencesBefore.absences).toHaveLength(0);

    await page.click('button:has-text("Xác nhận và lưu")');
    await page.goto(`${service.baseUrl}/admin/rosters/${ROSTER}?month=${dutyDate.slice(0, 7)}`);
    const cell = await page.textContent(`td[data-date="${dutyDate}"]`);
    expect(cell).toMatch(/Nguyễn Văn (Luyện|Hanh)/);
    await saveScreenshot(page, 'month-grid-phone');

    const summary = await waitFor(() => {
      const event = standIn
        .events(CALENDAR_ID)
        .find(
          (candidate) =>
            candidate.extendedProperties?.private?.lichtrucSlot === `${ROSTER}/${dutyDate}/primary`,
        );
      return event?.summary?.includes('Trực thay') ? event.summary : undefined;
    }, 'the cover in Google Calendar');
    expect(summary).toContain('thay Bà Nguyễn Mạnh Hà nghỉ phép');
  });

  it('rotates the feed link: the old one answers 410, the new one opens the staff page', async () => {
    await page.goto(`${service.baseUrl}/admin/feeds`);
    // Rotating ends a live link, so a confirm step comes first.
    await page.click('a:has-text("Đổi mới…")');
    expect(await page.textContent('main')).toContain('Đường liên kết hiện tại sẽ bị thu hồi ngay');
    await page.click('button:has-text("Đổi mới")');
    await page.waitForURL(/\/admin\/feeds\/new$/);
    const staffLink = await page.getAttribute('a.link[href^="/my/"]', 'href');
    expect(staffLink).toMatch(/^\/my\/[A-Za-z0-9_-]{43}$/);
    expect((await fetch(service.feedUrl)).status).toBe(410);
    // Post/Redirect/Get: reloading shows the same link again; it neither re-posts nor creates another.
    await page.reload();
    expect(await page.getAttribute('a.link[href^="/my/"]', 'href')).toBe(staffLink);

    await page.goto(`${service.baseUrl}${staffLink}`);
    const body = await page.textContent('body');
    expect(body).toContain('Bà Nguyễn Mạnh Hà');
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  });

  it('previews a resync as counts, runs it against Google and follows its progress', async () => {
    const event = standIn
      .events(CALENDAR_ID)
      .find(
        (candidate) =>
          candidate.extendedProperties?.private?.lichtrucSlot === `${ROSTER}/${dutyDate}/primary`,
      )!;
    standIn.editEvent(CALENDAR_ID, event.id!, { summary: 'Sửa tay' });
    await page.goto(`${service.baseUrl}/admin/sync`);
    await page.click('button:has-text("Đồng bộ lại…")');
    // The dry run's counts: provider, create, update, …; the hand edit is the one update.
    const counts = await page.locator('tbody tr').first().locator('td').allTextContents();
    expect(counts.slice(0, 3)).toEqual(['Google Calendar', '0', '1']);
    await page.click('button:has-text("Đồng bộ lại ngay")');
    // The resync runs after the response; its progress page reloads itself until every provider is done.
    await page.waitForURL(/\/admin\/sync\/.+\/progress/);
    await page.waitForSelector('h1:has-text("Đã đồng bộ lại")', { timeout: 20_000 });
    expect(await page.textContent('main')).toContain('Google Calendar: xong');
    const repaired = standIn.events(CALENDAR_ID).find((candidate) => candidate.id === event.id)!;
    expect(repaired.summary).toContain('Trực thay');
    expect(service.errors()).toBe('');
  });
});
