/**
 * The public desk in a real browser against the real Node entry: an applicant opens the page on a phone (nothing
 * wider than the screen, the coming officers and the QR code visible), and the department's website, on another
 * origin, frames the snippet. A phone screenshot is saved for the README.
 */
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, saveScreenshot } from '../support/browser.ts';
import { publicDeskText, ROSTER_ID } from '../support/public-desk.ts';
import { type RunningService, startService } from '../support/running-service.ts';
import { CALENDARS } from '../support/sample.ts';
import { freePort } from '../support/spawned-entry.ts';

let service: RunningService;
let browser: Browser;
let page: Page;
let website: Server;
let websiteUrl: string;
/** The officers of the next seven days, as the schedule API names them. */
let officers: string[];

function publicCalendars(): string {
  const directory = mkdtempSync(join(tmpdir(), 'lichtruc-e2e-public-'));
  cpSync(CALENDARS, directory, { recursive: true });
  const file = join(directory, `${ROSTER_ID}.yaml`);
  writeFileSync(file, publicDeskText(readFileSync(file, 'utf8')));
  return directory;
}

/** The department's website: another origin, framing the snippet as the page's iframe code says. */
async function startWebsite(snippet: string): Promise<void> {
  const port = await freePort();
  website = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html><body><h1>Sở VHTTDL</h1>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => website.listen(port, '127.0.0.1', resolve));
  websiteUrl = `http://127.0.0.1:${port}/`;
}

beforeAll(async () => {
  service = await startService({ env: { LICHTRUC_CALENDARS: publicCalendars() } });
  browser = await launchBrowser();
  page = await newPhonePage(browser);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(),
  );
  const until = new Date(Date.parse(today) + 6 * 86_400_000).toISOString().slice(0, 10);
  const schedule = (await (
    await service.api(`/api/rosters/${ROSTER_ID}/schedule?from=${today}&to=${until}`)
  ).json()) as { slots: { memberName: string | null }[] };
  officers = [...new Set(schedule.slots.flatMap((slot) => slot.memberName ?? []))];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await new Promise((resolve) => (website ? website.close(resolve) : resolve(undefined)));
}, 30_000);

describe('an applicant on a phone', { timeout: 60_000 }, () => {
  it('reads who is on duty in the coming days, with nothing wider than the screen', async () => {
    const response = await page.goto(`${service.baseUrl}/desks/${ROSTER_ID}`);
    expect(response?.status()).toBe(200);
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: /^Hôm nay, / }).isVisible())
      .toBe(true);
    expect(officers.length).toBeGreaterThan(0);
    for (const officer of officers)
      expect(await page.getByText(`${officer}, Chuyên viên`).first().isVisible()).toBe(true);
    expect(await page.locator('.qr svg').isVisible()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'desk-phone');
    expect(service.errors()).toBe('');
  });

  it("sees the snippet framed by the department's website, on another origin", async () => {
    await page.goto(`${service.baseUrl}/desks/${ROSTER_ID}`);
    const snippet = await page.locator('pre code').textContent();
    expect(snippet).toContain(`src="${service.baseUrl}/desks/${ROSTER_ID}/embed"`);
    await startWebsite(snippet!);
    await page.goto(websiteUrl);
    const frame = page.frameLocator('iframe');
    await expect
      .poll(() => frame.getByRole('heading', { level: 2, name: /^Hôm nay, / }).isVisible())
      .toBe(true);
    expect(await frame.getByText(`${officers[0]}, Chuyên viên`).first().isVisible()).toBe(true);
  });
});
