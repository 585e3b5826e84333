/**
 * A new API token in Chromium against the real Node entry: an account signs in with its password, creates a token
 * on /admin/tokens, and the page shows it once with a copy button that works under the page's CSP (the script is
 * allowed by its hash; no violation is reported) and puts the secret on the clipboard; a reload shows it no more.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RunningService, startService } from '../support/running-service.ts';

const ACCOUNT = { id: 'can-bo-e2e', password: 'mat-khau-cua-can-bo-e2e' };

let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  service = await startService({
    env: { LICHTRUC_PASSWORD_PEPPER: 'e2e-pepper-0123456789abcdefghijklmnopqrstuv' },
  });
  const created = await service.api('/api/accounts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...ACCOUNT,
      name: 'Cán bộ kiểm thử',
      role: 'viewer',
      organisationId: 'so-vhttdl',
    }),
  });
  expect(created.status).toBe(201);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
}, 30_000);

describe('a new API token in the browser', () => {
  it('is shown once, and its copy button copies it under the page’s CSP', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: service.baseUrl,
    });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${service.baseUrl}/admin/login`);
    await page.fill('input[name="account"]', ACCOUNT.id);
    await page.fill('input[name="password"]', ACCOUNT.password);
    await page.click('button:has-text("Đăng nhập") >> nth=0');
    await page.waitForURL(/\/admin$/);
    await page.click('a:has-text("Mã API")');
    await page.fill('input[name="label"]', 'Bảng tin phòng Một cửa');
    await page.click('button:has-text("Tạo mã")');
    await page.waitForURL(/\/admin\/tokens\/new$/);
    const secret = await page.inputValue('#token-secret');
    expect(secret).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
    expect(page.url()).not.toContain(secret);
    const button = page.locator('button[data-copy="token-secret"]');
    expect(await button.isVisible()).toBe(true);
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Đã sao chép');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    expect(violations).toEqual([]);
    const used = await fetch(`${service.baseUrl}/api/rosters`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(used.status).toBe(200);
    await page.reload();
    expect(await page.textContent('main')).toContain('Mã mới chỉ hiện một lần');
    expect(await page.content()).not.toContain(secret);
    await context.close();
  });
});
