/**
 * Smoke test in a real browser: the Node entry as `npm start` runs it, its API docs page opened in headless Chromium
 * on a phone viewport, and the feed link it printed fetched from that page.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, saveScreenshot } from '../support/browser.ts';
import { type RunningService, startService } from '../support/running-service.ts';

describe('the running service in Chromium', { timeout: 60_000 }, () => {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    service = await startService();
    browser = await launchBrowser();
    page = await newPhonePage(browser);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  }, 30_000);

  it('shows the API docs with the route list', async () => {
    const response = await page.goto(`${service!.baseUrl}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('lichtruc API');
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'lichtruc API' }).isVisible())
      .toBe(true);
    const routes = page.locator('li', { has: page.locator('code') });
    expect(await routes.count()).toBeGreaterThan(5);
    expect(await routes.first().isVisible()).toBe(true);
    expect(await page.locator('li', { hasText: '/api/rosters' }).first().isVisible()).toBe(true);
  });

  it('serves the printed feed link as text/calendar', async () => {
    // From the node side of the context (same cookies and locale)...
    const feed = await page.request.get(service!.feedUrl);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    // ...and as Chromium itself gets it when the link is opened (the docs page's CSP forbids fetch from it, rightly):
    // a calendar is not a page, so Chromium downloads it rather than rendering it.
    const seen = page.waitForResponse(service!.feedUrl);
    const download = page.waitForEvent('download');
    await page
      .goto(service!.feedUrl)
      .catch((error: Error) => expect(error.message).toContain('Download is starting'));
    const response = await seen;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect((await download).suggestedFilename()).toMatch(/\.ics$/);
  });

  it('renders the docs page on a phone, in Vietnamese locale', async () => {
    await page.goto(`${service!.baseUrl}/api/docs`);
    const path = await saveScreenshot(page, 'docs-phone');
    expect(existsSync(path)).toBe(true);
    expect(page.viewportSize()).toEqual({ width: 360, height: 740 });
    // Nothing wider than the phone: long route paths wrap instead of pushing the page sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => navigator.language)).toBe('vi-VN');
    expect(service!.errors()).toBe('');
  });
});
