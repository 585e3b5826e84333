/**
 * Signing in to the admin pages: an account's password, or the bootstrap admin token, opens a session (cookie HttpOnly, SameSite=Strict, Path=/admin,
 * Secure behind https). Every POST under /admin but the sign-in itself (and its one-time e-mail links,
 * routes/admin-login-link.ts) carries the session's CSRF token in a hidden field, and any POST whose Origin is
 * another site is refused.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  csrfMatches,
  type OpenedSession,
  principalOfSession,
  SESSION_HOURS,
  sessionOf,
  signIn,
  signOut,
} from '../../services/admin-sessions.ts';
import { RateLimited } from '../../services/rate-limit.ts';
import type { Principal } from '../../domain/permissions.ts';
import type { Language } from '../../domain/vietnamese.ts';
import type { AdminSession } from '../../storage/session-store.ts';
import type { HonoEnv } from '../env.ts';
import { type AdminView, adminNav, type Form } from '../pages/admin-view.ts';

export type { Form };
import { languageOf, type Markup, page, translator, withLang } from '../pages/layout.ts';
import { loginPage, refusedPage } from '../pages/login-page.ts';
import { clientAddressOf, parseForm, serviceContext } from '../request.ts';

export const SESSION_COOKIE = 'lichtruc_admin';

export const adminAuth = new Hono<HonoEnv>();

/** Whether a POST comes from this site: its Origin (or Sec-Fetch-Site) must not name another one. */
export function sameOrigin(c: Context<HonoEnv>): boolean {
  const origin = c.req.header('origin');
  // Under our Referrer-Policy: no-referrer, browsers send `Origin: null` on form posts; Sec-Fetch-Site decides then.
  if (origin && origin !== 'null') {
    const allowed = new Set([new URL(c.req.url).origin, new URL(c.get('deps').publicUrl).origin]);
    return allowed.has(origin);
  }
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * The fields of a urlencoded or multipart form, strings only (the app's body limit bounded its size). A body that
 * cannot be parsed as the form it claims to be (a multipart body without its boundary) is a 400, not a 500.
 */
export async function readForm(c: Context<HonoEnv>): Promise<Form> {
  const parsed = await parseForm(c);
  const form: Form = {};
  for (const [key, value] of Object.entries(parsed))
    if (typeof value === 'string') form[key] = value;
  return form;
}

export function sessionOfRequest(c: Context<HonoEnv>): AdminSession {
  const session = c.get('session');
  if (!session) throw new Error('admin route without a session');
  return session;
}

/** The signed-in principal of an admin page (set by requireAdmin). */
export function principalOfRequest(c: Context<HonoEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new Error('admin route without a principal');
  return principal;
}

/** Sets `Retry-After` for a refusal of the rate limit; the whole minutes to wait, for the page's words. */
export function retryMinutes(c: Context<HonoEnv>, error: RateLimited): number {
  c.header('retry-after', String(error.retryAfterSeconds));
  return Math.ceil(error.retryAfterSeconds / 60);
}

export function forbidden(c: Context<HonoEnv>, why: string) {
  return c.html(refusedPage(languageOf(c.req.query('lang')), why), 403);
}

/** Every /admin route but the sign-in page needs a live session; every POST its CSRF token and a same-site Origin. */
export const requireAdmin: MiddlewareHandler<HonoEnv> = async (c, next) => {
  // The sign-in page and its one-time links come before any session.
  if (c.req.path === '/admin/login' || c.req.path.startsWith('/admin/login/')) return next();
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  const store = c.get('deps').store;
  const session = await sessionOf(store, getCookie(c, SESSION_COOKIE), c.get('deps').now());
  const principal = session && (await principalOfSession(store, session));
  if (!session || !principal) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD')
      return c.redirect(withLang('/admin/login', language), 303);
    return forbidden(
      c,
      t(
        'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.',
        'Your session has expired; sign in again.',
      ),
    );
  }
  c.set('session', session);
  c.set('principal', principal);
  if (c.req.method === 'POST') {
    if (!sameOrigin(c))
      return forbidden(
        c,
        t('Yêu cầu đến từ một trang khác.', 'The request came from another site.'),
      );
    if (!csrfMatches(session, (await readForm(c)).csrf))
      return forbidden(
        c,
        t(
          'Biểu mẫu không hợp lệ hoặc đã cũ; hãy tải lại trang và thử lại.',
          'The form is not valid or is stale; reload the page and try again.',
        ),
      );
  }
  c.header('cache-control', 'no-store');
  return next();
};

/** The sign-in page, with the e-mail link form when e-mail is configured. */
export const signInPage = (c: Context<HonoEnv>, language: Language, why?: string) =>
  loginPage(language, why, c.get('deps').signInMail !== undefined);

adminAuth.get('/admin/login', (c) => c.html(signInPage(c, languageOf(c.req.query('lang')))));

/** Opens a session for the sign-in form, or answers the page again: wrong secret (401) or too many tries (429). */
async function openSession(c: Context<HonoEnv>): Promise<OpenedSession | Response> {
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  const deps = c.get('deps');
  const form = await readForm(c);
  const credentials = {
    store: deps.store,
    adminTokenHash: deps.adminTokenHash,
    pepper: deps.passwordPepper,
    now: deps.now(),
    address: clientAddressOf(c),
  };
  try {
    const account = form.account?.trim();
    const opened = await signIn(credentials, {
      token: form.token,
      account,
      password: form.password,
    });
    if (opened) return opened;
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    const minutes = retryMinutes(c, error);
    const why = t(
      `Đã thử sai quá nhiều lần; hãy thử lại sau ${minutes} phút.`,
      `Too many failed attempts; try again in ${minutes} minutes.`,
    );
    return c.html(signInPage(c, language, why), 429);
  }
  const why = form.account
    ? t('Tài khoản hoặc mật khẩu không đúng.', 'Wrong account or password.')
    : t('Mã quản trị không đúng.', 'That is not the admin token.');
  return c.html(signInPage(c, language, why), 401);
}

adminAuth.post('/admin/login', async (c) => {
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  if (!sameOrigin(c))
    return forbidden(c, t('Yêu cầu đến từ một trang khác.', 'The request came from another site.'));
  const opened = await openSession(c);
  if (opened instanceof Response) return opened;
  return enterAdmin(c, opened, language);
});

/** Sets the session cookie of a sign-in (password, admin token or e-mail link) and lands on /admin. */
export function enterAdmin(c: Context<HonoEnv>, opened: OpenedSession, language: Language) {
  setCookie(c, SESSION_COOKIE, opened.token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/admin',
    secure: c.get('deps').publicUrl.startsWith('https:'),
    maxAge: SESSION_HOURS * 3600,
  });
  return c.redirect(withLang('/admin', language), 303);
}

adminAuth.post('/admin/logout', async (c) => {
  await signOut(c.get('deps').store, getCookie(c, SESSION_COOKIE));
  deleteCookie(c, SESSION_COOKIE, {
    path: '/admin',
    secure: c.get('deps').publicUrl.startsWith('https:'),
  });
  return c.redirect(withLang('/admin/login', languageOf(c.req.query('lang'))), 303);
});

/** What the page functions need of a request: its language and the session's CSRF token. */
export function adminView(c: Context<HonoEnv>): AdminView {
  return {
    language: languageOf(c.req.query('lang')),
    csrf: sessionOfRequest(c).csrfToken,
    role: c.get('principal')?.role,
  };
}

/** The service context of an admin request: the signed-in session is the actor. */
export const adminCtx = (c: Context<HonoEnv>) => serviceContext(c, sessionOfRequest(c).actor);

/** An admin page: the navigation (with the sign-out form) around the body. */
export function adminPage(
  c: Context<HonoEnv>,
  title: string,
  body: Markup,
  status: 200 | 401 | 403 | 404 | 409 | 422 | 429 | 500 = 200,
  refreshSeconds?: number,
) {
  const view = adminView(c);
  const nav = adminNav(view);
  return c.html(
    page({ language: view.language, title, path: c.req.path, nav, body, refreshSeconds }),
    status,
  );
}
