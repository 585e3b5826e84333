/**
 * The letter import page inside workerd, where the yaml library is left out of the bundle: the draft is edited as
 * JSON (a roster file too), a broken draft is refused line by line, and "create" stores the roster on D1.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { ADMIN_TOKEN } from './provided.ts';
import { json, requestOf } from './workerd/api.ts';

const LETTER = inject('importLetter');

async function page(path: string, cookie: string | null, form: Record<string, string>) {
  const request = requestOf('POST', path, {
    token: null,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  const response = await exports.default.fetch(new Request(request, { redirect: 'manual' }));
  const html = (await response.text()).replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  return { response, html };
}

const draftOf = (html: string) =>
  /<textarea name="yaml"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!;

describe('the letter import page in workerd', () => {
  it('edits the draft as JSON, refuses a broken one with its line, and creates the roster', async () => {
    const login = await page('/admin/login', null, { token: ADMIN_TOKEN });
    const cookie = login.response.headers.get('set-cookie')!.split(';')[0]!;
    const home = await exports.default.fetch(
      requestOf('GET', '/admin/import', { token: null, headers: { cookie } }),
    );
    const csrf = /name="csrf" value="([^"]+)"/.exec(await home.text())![1]!;

    /** A step of the import form, carrying the letter and the draft as the page does. */
    const step = (action: string, draft?: string) =>
      page('/admin/import', cookie, {
        csrf,
        action,
        text: LETTER,
        ...(draft === undefined ? {} : { yaml: draft }),
      });

    const read = await step('read');
    expect(read.response.status).toBe(200);
    expect(read.html).toContain('aria-label="Bản nháp (JSON)"');
    const draft = draftOf(read.html);
    expect(JSON.parse(draft)).toMatchObject({ id: 'so-tnmt-ha-nam' });

    const broken = draft.replace(/"honorific": "(Ông|Bà)"/, '"honorific": "Cô"');
    const line = broken.split('\n').findIndex((text) => text.includes('"Cô"')) + 1;
    const check = await step('check', broken);
    expect(check.response.status).toBe(422);
    expect(check.html).toContain(`<li>dòng ${line}: members.0.honorific:`);

    const download = await step('download', draft);
    expect(download.response.headers.get('content-disposition')).toBe(
      'attachment; filename="so-tnmt-ha-nam.json"',
    );
    const created = await step('create', draft);
    expect(created.response.status).toBe(303);
    const stored = await json<{ definition: { members: { id: string }[] } }>(
      'GET',
      '/api/rosters/so-tnmt-ha-nam',
      200,
    );
    expect(stored.definition.members.map((member) => member.id)).toEqual([
      'tran-thi-mai',
      'pham-quoc-viet',
    ]);
  });
});
