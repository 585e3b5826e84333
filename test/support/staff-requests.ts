/** Driving an officer's staff page as a browser would: their secret link, the page's form token, form posts. */
import { expect } from 'vitest';
import { decode } from './admin-pages.ts';
import type { TestService } from './service.ts';

export const ROSTER_ID = 'so-vhttdl-bac-giang';
export const HA = 'nguyen-manh-ha';
export const LUYEN = 'nguyen-van-luyen';

export interface StaffLink {
  token: string;
  page: string;
  feed: string;
}

export async function staffLink(service: TestService, memberId?: string): Promise<StaffLink> {
  const { body } = await service.json<{ url: string }>('POST', '/api/feeds', 201, {
    rosterId: ROSTER_ID,
    ...(memberId ? { memberId } : {}),
  });
  const token = /\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(body.url)![1]!;
  return { token, page: `/my/${token}`, feed: `/feeds/${token}.ics` };
}

export function staffPages(service: TestService) {
  async function open(link: StaffLink, query = '') {
    const response = await service.request('GET', `${link.page}${query}`, { token: null });
    return { response, html: decode(await response.text()) };
  }

  /** The form token the page's forms carry. */
  async function formToken(link: StaffLink): Promise<string> {
    const { html } = await open(link);
    const token = /name="form" value="([0-9a-f]{64})"/.exec(html)?.[1];
    expect(token, 'the page has request forms').toBeDefined();
    return token!;
  }

  async function post(
    link: StaffLink,
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = { origin: 'https://lichtruc.test' },
  ) {
    const response = await service.request('POST', `${link.page}/requests/${path}`, {
      token: null,
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    return { response, html: decode(await response.text()) };
  }

  /** Posts with the page's own form token and expects the redirect back to the page. */
  async function submit(link: StaffLink, path: string, form: Record<string, string>) {
    const sent = await post(link, path, { form: await formToken(link), ...form });
    expect(sent.response.status, sent.html).toBe(303);
    return sent.response.headers.get('location');
  }

  return { open, formToken, post, submit };
}
