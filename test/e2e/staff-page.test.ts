/**
 * The staff page as an officer opens it on a 390 × 844 phone (an iPhone 12–15) and as it shows on a desktop, in
 * Chromium against the real Node entry: the next duties without scrolling, then the subscribe buttons, the QR code
 * folded on the phone and shown on the desktop. Saves the phone screenshot the README shows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, saveScreenshot } from '../support/browser.ts';
import { memberStaffPath, type RunningService, startService } from '../support/running-service.ts';

const SCREEN = { width: 390, height: 844 };

let service: RunningService;
let browser: Browser;
let staffPath: string;

beforeAll(async () => {
  service = await startService();
  browser = await launchBrowser();
  staffPath = await memberStaffPath(service, 'so-vhttdl-bac-giang', 'nguyen-manh-ha');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
}, 30_000);

async function phonePage(): Promise<Page> {
  const page = await newPhonePage(browser, { viewport: SCREEN });
  await page.goto(`${service.baseUrl}${staffPath}`);
  return page;
}

describe('the staff page on a 390 × 844 phone', () => {
  it('shows the next duties without scrolling, then the subscribe buttons', async () => {
    const page = await phonePage();
    const duties = page.locator('ul.duty > li');
    expect(await duties.count()).toBeGreaterThanOrEqual(3);
    // The first three duties lie wholly inside the first screen.
    for (const index of [0, 1, 2]) {
      const box = (await duties.nth(index).boundingBox())!;
      expect(box.y + box.height, `duty ${index + 1}`).toBeLessThanOrEqual(SCREEN.height);
    }
    expect(await duties.first().textContent()).toContain('Trực Bộ phận Một cửa');
    expect(await duties.first().textContent()).toContain('Vai trò: trực chính');

    const buttons = page.locator('.subscribe a.button');
    expect(await buttons.allTextContents()).toEqual([
      'iPhone / iPad',
      'Android – Google Calendar',
      'Outlook (cơ quan)',
      'Outlook.com',
      'Tải tệp .ics',
    ]);
    const firstButton = (await buttons.first().boundingBox())!;
    const thirdDuty = (await duties.nth(2).boundingBox())!;
    expect(firstButton.y).toBeGreaterThan(thirdDuty.y);
    // Every button is a comfortable tap target.
    for (const box of await Promise.all(
      (await buttons.all()).map((button) => button.boundingBox()),
    ))
      expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      SCREEN.width,
    );
    expect(await page.textContent('main')).not.toMatch(/\bbạn\b/i);
    await saveScreenshot(page, 'staff-phone', { fullPage: false });
  });

  it('jumps to the subscribe buttons from the top, and offers the https link where webcal is refused', async () => {
    const page = await phonePage();
    await page.click('a[href="#dang-ky"]');
    expect(await page.locator('.subscribe a.button').first().isVisible()).toBe(true);
    const link = page.locator('.subscribe input[readonly]');
    expect(await link.inputValue()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/feeds\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    expect(await page.getAttribute('.subscribe a.button >> nth=0', 'href')).toBe(
      (await link.inputValue()).replace(/^http:/, 'webcal:'),
    );
  });

  it('folds the QR code on the phone and opens it on request', async () => {
    const page = await phonePage();
    expect(await page.locator('.qr-wide').isVisible()).toBe(false);
    expect(await page.locator('.qr-fold .qr svg').isVisible()).toBe(false);
    await page.click('.qr-fold summary');
    expect(await page.locator('.qr-fold .qr svg').isVisible()).toBe(true);
  });
});

describe('the staff page on a desktop', () => {
  it('shows the QR code to scan with a phone, without a click', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${service.baseUrl}${staffPath}`);
    expect(await page.locator('.qr-wide .qr svg').isVisible()).toBe(true);
    expect(await page.locator('.qr-fold').isVisible()).toBe(false);
    await context.close();
  });
});
