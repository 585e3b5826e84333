/**
 * The letter import page as a browser meets it (signed in, CSRF token on every form): read, the highlights and the
 * gaps, a draft that is not a roster yet refused line by line, download, a taken id refused, create, and an
 * unreadable letter refused in words. Nothing is stored before "create".
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pagesOf } from '../support/admin-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { letterText } from '../support/letter-corpus.ts';

const LETTER = letterText('01-so-tnmt-ha-nam.txt');
const FOUNDING = letterText();

let service: TestService;
beforeEach(async () => {
  service = await startTestService();
});
const { page, signIn } = pagesOf(() => service);

const yamlOf = (html: string) =>
  /<textarea name="yaml"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!;
const rosterCount = async () =>
  (await service.json<{ rosters: unknown[] }>('GET', '/api/rosters', 200)).body.rosters.length;

describe('admin letter import page', () => {
  it('reads a pasted letter: facts highlighted in it, the draft beside it, nothing stored', async () => {
    const { cookie, csrf } = await signIn();
    const home = await page('GET', '/admin/import', { cookie });
    expect(home.html).toContain('href="/admin/import"');
    const { response, html } = await page('POST', '/admin/import', {
      cookie,
      form: { csrf, action: 'read', text: LETTER },
    });
    expect(response.status).toBe(200);
    expect(html).toMatch(
      /<mark class="" data-field="members\.0\.fullName" title="Họ và tên: Trần Thị Mai \(100%\)">Bà Trần Thị Mai<\/mark>/,
    );
    expect(html).toContain('Không thiếu gì.');
    expect(parse(yamlOf(html))).toMatchObject({
      id: 'so-tnmt-ha-nam',
      basis: { number: '215/STNMT-VP' },
    });
    expect(await rosterCount()).toBe(1);
  });

  it('lists the gaps of the founding letter and refuses its draft line by line until the hours are filled in', async () => {
    const { cookie, csrf } = await signIn();
    const read = await page('POST', '/admin/import', {
      cookie,
      form: { csrf, action: 'read', text: FOUNDING },
    });
    expect(read.html).toMatch(
      /<li class="gap" data-field="workingHours"><strong>Còn thiếu:<\/strong> Công văn không nêu giờ làm việc/,
    );
    const check = await page('POST', '/admin/import', {
      cookie,
      form: { csrf, action: 'check', text: FOUNDING, yaml: yamlOf(read.html) },
    });
    expect(check.response.status).toBe(422);
    expect(check.html).toMatch(/Bản nháp chưa hợp lệ.*<li>dòng 2: workingHours:/s);
    expect(check.html).toContain('<mark');
  });

  it('downloads the checked draft as a roster file, and creates it once', async () => {
    const { cookie, csrf } = await signIn();
    const yaml = yamlOf(
      (
        await page('POST', '/admin/import', {
          cookie,
          form: { csrf, action: 'read', text: LETTER },
        })
      ).html,
    );
    const form = { csrf, text: LETTER, yaml };
    const download = await page('POST', '/admin/import', {
      cookie,
      form: { ...form, action: 'download' },
    });
    expect(download.response.headers.get('content-disposition')).toBe(
      'attachment; filename="so-tnmt-ha-nam.yaml"',
    );
    expect(download.html).toBe(yaml);
    const created = await page('POST', '/admin/import', {
      cookie,
      form: { ...form, action: 'create' },
    });
    expect(created.response.status).toBe(303);
    expect(created.response.headers.get('location')).toBe(
      '/admin/rosters/so-tnmt-ha-nam?month=2025-03&saved=1',
    );
    const stored = await service.json<{ origin: string; definition: { members: unknown[] } }>(
      'GET',
      '/api/rosters/so-tnmt-ha-nam',
      200,
    );
    expect(stored.body).toMatchObject({
      origin: 'api',
      definition: { members: [{ id: 'tran-thi-mai' }, { id: 'pham-quoc-viet' }] },
    });
    const again = await page('POST', '/admin/import', {
      cookie,
      form: { ...form, action: 'create' },
    });
    expect(again.response.status).toBe(409);
    expect(again.html).toContain('Đã có lịch trực mang mã');
    expect(await rosterCount()).toBe(2);
  });

  it('refuses a letter in VNI in words, with the form to try again', async () => {
    const { cookie, csrf } = await signIn();
    const { response, html } = await page('POST', '/admin/import', {
      cookie,
      form: { csrf, action: 'read', text: 'Sôû Vaên hoùa, Theå thao vaø Du lòch tænh Baéc Giang' },
    });
    expect(response.status).toBe(422);
    expect(html).toContain('bảng mã VNI');
    expect(html).toContain('name="file"');
  });
});
