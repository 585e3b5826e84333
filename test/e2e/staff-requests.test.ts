/**
 * The request flow on a 390 × 844 phone, in Chromium against the real Node entry: an officer asks for an absence on
 * her staff page (the form posts, the page comes back with the request pending), a manager approves it, her page
 * shows it approved and who covers; a second request is withdrawn with its button. Saves the phone screenshot.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, saveScreenshot } from '../support/browser.ts';
import { memberStaffPath, type RunningService, startService } from '../support/running-service.ts';

const ROSTER_ID = 'so-vhttdl-bac-giang';
const SCREEN = { width: 390, height: 844 };

let service: RunningService;
let browser: Browser;
let staffPath: string;

beforeAll(async () => {
  service = await startService();
  browser = await launchBrowser();
  staffPath = await memberStaffPath(service, ROSTER_ID, 'nguyen-manh-ha');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
}, 30_000);

/** Fills and sends the absence form for the day of the officer's `index`-th coming duty; returns that day. */
async function askForAbsence(page: Page, index: number): Promise<string> {
  const mine = await page.locator('select[name="mine"] option').nth(index).getAttribute('value');
  const day = mine!.slice(0, 10);
  await page.click('a.button:has-text("Đề nghị nghỉ")');
  await page.waitForURL(/\/requests\/absence$/);
  await page.fill('input[name="from"]', day);
  await page.fill('input[name="to"]', day);
  await page.selectOption('select[name="reason"]', 'training');
  await page.fill('input[name="note"]', 'Lớp bồi dưỡng chuyển đổi số');
  await page.click('button:has-text("Gửi đề nghị nghỉ")');
  await page.waitForURL(/done=absence/);
  return day;
}

async function pendingRequestIds(): Promise<string[]> {
  const listed = await service.api(`/api/rosters/${ROSTER_ID}/requests?state=pending`);
  return ((await listed.json()) as { requests: { id: string }[] }).requests.map((r) => r.id);
}

describe('staff requests on a 390 × 844 phone', () => {
  it('asks for an absence, sees it pending, then approved with who covers', async () => {
    const page = await newPhonePage(browser, { viewport: SCREEN });
    await page.goto(`${service.baseUrl}${staffPath}`);
    const day = await askForAbsence(page, 0);
    const [d, m, y] = [day.slice(8), day.slice(5, 7), day.slice(0, 4)];
    expect(await page.textContent('[role="status"]')).toBe('Đã gửi đề nghị nghỉ; xin chờ duyệt.');
    const item = page.locator('li.request').first();
    expect(await item.textContent()).toContain(`Nghỉ ${d}/${m}/${y}: đi học tập, bồi dưỡng`);
    expect(await item.textContent()).toContain('Chờ duyệt');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      SCREEN.width,
    );
    const withdraw = (await item.locator('button').boundingBox())!;
    expect(withdraw.height).toBeGreaterThanOrEqual(44);
    await saveScreenshot(page, 'staff-requests-phone', { fullPage: false });

    const [id] = await pendingRequestIds();
    const approved = await service.api(`/api/rosters/${ROSTER_ID}/requests/${id}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Đồng ý' }),
    });
    expect(approved.status).toBe(200);
    await page.goto(`${service.baseUrl}${staffPath}`);
    expect(await page.locator('li.request').first().textContent()).toContain('Đã duyệt');
    expect(await page.textContent('main')).toContain(
      `thay Bà Nguyễn Mạnh Hà đi học tập, bồi dưỡng`,
    );
  });

  it('withdraws a request with its button', async () => {
    const page = await newPhonePage(browser, { viewport: SCREEN });
    await page.goto(`${service.baseUrl}${staffPath}`);
    await askForAbsence(page, 1);
    await page.locator('li.request.pending button:has-text("Rút đề nghị")').click();
    await page.waitForURL(/done=withdraw/);
    expect(await page.textContent('[role="status"]')).toBe('Đã rút đề nghị.');
    expect(await page.locator('li.request.withdrawn').count()).toBe(1);
    expect(await pendingRequestIds()).toEqual([]);
  });
});
