/** Driving the admin pages of an in-memory service as a browser would: form posts, the session cookie, CSRF. */
import { expect } from 'vitest';
import { ADMIN_TOKEN, type TestService } from './service.ts';

/** `&amp;` and friends back to text, enough for assertions on attribute values. */
export const decode = (text: string) =>
  text
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');

export interface PageOptions {
  cookie?: string;
  form?: Record<string, string>;
  /** A raw body, sent with the Content-Type of `headers` (for bodies no browser would send). */
  body?: string;
  headers?: Record<string, string>;
}

export function pagesOf(service: () => TestService) {
  async function page(method: string, path: string, options: PageOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    let body = options.body;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await service().request(method, path, {
      token: null,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    return { response, html: decode(await response.text()) };
  }

  /** Signs in with the admin token: the session cookie and the CSRF token its forms carry. */
  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const { response } = await page('POST', '/admin/login', { form: { token: ADMIN_TOKEN } });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const home = await page('GET', '/admin', { cookie });
    expect(home.response.status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(home.html)![1]!;
    return { cookie, csrf };
  }

  /** Signs in with an account's password: the session cookie, its CSRF token, and the home page. */
  async function signInAs(account: { id: string; password: string }) {
    const form = { account: account.id, password: account.password };
    const { response } = await page('POST', '/admin/login', { form });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const home = await page('GET', '/admin', { cookie });
    return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(home.html)![1]!, home: home.html };
  }

  /** Follows the redirect after creating or rotating a link, with the cookie that carries the new token. */
  async function followNewFeed(session: string, posted: Response) {
    const flash = posted.headers.get('set-cookie')!.split(';')[0]!;
    return page('GET', posted.headers.get('location')!, { cookie: `${session}; ${flash}` });
  }

  return { page, signIn, signInAs, followNewFeed };
}
