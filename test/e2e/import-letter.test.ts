/**
 * An admin imports the founding letter in a real browser against the real Node entry: pastes it, sees the facts
 * highlighted in the letter and the gaps listed, fixes the draft (a new id, since the sample roster already has the
 * letter's; the working hours the letter does not give), creates the roster and sees its month grid; then
 * uploads the letter as a .docx.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, saveScreenshot } from '../support/browser.ts';
import { type RunningService, startService } from '../support/running-service.ts';

const LETTER = readFileSync(
  join(import.meta.dirname, '../fixtures/letters/00-cong-van-phan-cong-truc-mot-cua-2024.txt'),
  'utf8',
);
const HOURS = `workingHours:
  - seasons:
      - name: Cả năm
        from: "01-01"
        to: "12-31"
        sessions:
          - { start: "07:30", end: "12:00" }
          - { start: "13:00", end: "16:30" }
`;

let service: RunningService;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  service = await startService();
  browser = await launchBrowser();
  page = await newPhonePage(browser, { viewport: { width: 1280, height: 900 }, isMobile: false });
  await page.goto(`${service.baseUrl}/admin/login`);
  await page.fill('input[name="token"]', service.adminToken);
  await page.press('input[name="token"]', 'Enter');
  await page.waitForURL(`${service.baseUrl}/admin`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
}, 30_000);

describe('importing an assignment letter', () => {
  it('shows the letter with what was read highlighted, and the gaps in words', async () => {
    await page.click('a:has-text("Nhập công văn")');
    await page.fill('textarea[name="text"]', LETTER);
    await page.click('button:has-text("Đọc công văn")');
    expect(await page.textContent('mark[data-field="members.0.fullName"]')).toBe(
      'Bà Nguyễn Mạnh Hà',
    );
    expect(await page.textContent('mark[data-field="periods.0.from"]')).toBe('15/4/2024');
    expect(await page.locator('pre.letter mark').count()).toBeGreaterThanOrEqual(15);
    const gaps = await page.locator('li.gap').allTextContents();
    expect(gaps.join('\n')).toMatch(/giờ làm việc.*phải điền trước khi tạo lịch/);
    expect(gaps.join('\n')).toContain('Số văn bản để trống');
    await saveScreenshot(page, 'import-letter');
  });

  it('refuses to create the draft as read (no working hours), in words, and stores nothing', async () => {
    await page.click('button:has-text("Tạo lịch trực")');
    expect(await page.textContent('.error')).toContain('workingHours');
    const list = (await (await service.api('/api/rosters')).json()) as { rosters: unknown[] };
    expect(list.rosters).toHaveLength(1);
  });

  it('creates the roster once the draft is fixed, and shows its month grid', async () => {
    const draft = await page.inputValue('textarea[name="yaml"]');
    const fixed = draft
      .replace('id: so-vhttdl-bac-giang\n', 'id: so-vhttdl-bac-giang-2024\n')
      .replace('members:\n', `${HOURS}members:\n`);
    await page.fill('textarea[name="yaml"]', fixed);
    await page.click('button:has-text("Tạo lịch trực")');
    await page.waitForURL(/\/admin\/rosters\/so-vhttdl-bac-giang-2024\?month=2024-04/);
    expect(await page.textContent('td[data-date="2024-04-15"]')).toContain('Bà Nguyễn Mạnh Hà');
    expect(await page.textContent('td[data-date="2024-04-16"]')).toContain('Ông Nguyễn Văn Luyện');
    expect(await page.textContent('td[data-date="2024-04-18"]')).not.toContain('Nguyễn Văn Hanh');
    const stored = (await (await service.api('/api/rosters/so-vhttdl-bac-giang-2024')).json()) as {
      origin: string;
      definition: { basis: { number: string } };
    };
    expect(stored.origin).toBe('api');
    expect(stored.definition.basis.number).toBe('/SVHTTDL-VP');
    expect(service.errors()).toBe('');
  });

  it('reads an uploaded .docx the same way', async () => {
    await page.goto(`${service.baseUrl}/admin/import`);
    await page.setInputFiles(
      'input[name="file"]',
      join(import.meta.dirname, '../fixtures/letters/founding.docx'),
    );
    await page.click('button:has-text("Đọc công văn")');
    expect(await page.textContent('mark[data-field="members.2.fullName"]')).toBe(
      'Ông Nguyễn Văn Hanh',
    );
    expect(await page.textContent('mark[data-field="basis.signer"]')).toBe('Trương Quang Hải');
  });
});
