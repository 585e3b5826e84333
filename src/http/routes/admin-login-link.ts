/**
 * One-time sign-in links by e-mail, before any session: asking for one (the same answer whoever asks), opening one
 * (a page with one button: a GET signs nobody in) and using one (a same-site POST, which opens the usual session).
 * The link's own 256-bit token is what a cross-site form could not know; the Origin check refuses other sites too.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Language } from '../../domain/vietnamese.ts';
import { RateLimited } from '../../services/rate-limit.ts';
import {
  deliverSignInLink,
  LINK_MINUTES,
  requestSignInLink,
} from '../../services/send-sign-in-link.ts';
import { linkRefusal, signInWithLink } from '../../services/sign-in-with-link.ts';
import type { HonoEnv } from '../env.ts';
import { languageOf, translator } from '../pages/layout.ts';
import { linkConfirmPage, linkRefusedPage, linkSentPage } from '../pages/login-link-page.ts';
import { clientAddressOf, param, runAfterResponse, serviceContext } from '../request.ts';
import {
  enterAdmin,
  forbidden,
  readForm,
  retryMinutes,
  sameOrigin,
  signInPage,
} from './admin-auth.ts';

export const adminLoginLink = new Hono<HonoEnv>();

/** The actor of the audit entries a link writes is its account; this one only names a request without one. */
const ANONYMOUS = 'anonymous';

const languageOfRequest = (c: Context<HonoEnv>): Language => languageOf(c.req.query('lang'));

function otherSite(c: Context<HonoEnv>) {
  const t = translator(languageOfRequest(c));
  return forbidden(c, t('Yêu cầu đến từ một trang khác.', 'The request came from another site.'));
}

function refused(c: Context<HonoEnv>, refusal: 'unknown' | 'gone') {
  return c.html(linkRefusedPage(languageOfRequest(c), refusal), refusal === 'gone' ? 410 : 404);
}

/** Asks for a link; the answer is the same whether or not a mail goes out, and the mail goes after it. */
adminLoginLink.post('/admin/login/link', async (c) => {
  const language = languageOfRequest(c);
  const t = translator(language);
  if (!sameOrigin(c)) return otherSite(c);
  c.header('cache-control', 'no-store');
  const mail = c.get('deps').signInMail;
  if (!mail) {
    const why = t(
      'Máy chủ chưa cấu hình gửi e-mail (LICHTRUC_SMTP_URL), nên chưa gửi được liên kết đăng nhập.',
      'The server has no e-mail configured (LICHTRUC_SMTP_URL), so it cannot send sign-in links.',
    );
    return c.html(signInPage(c, language, why), 404);
  }
  const who = ((await readForm(c)).who ?? '').trim();
  if (!who || who.length > 254) {
    const why = t(
      'Hãy nhập tài khoản hoặc địa chỉ e-mail.',
      'Enter an account or an e-mail address.',
    );
    return c.html(signInPage(c, language, why), 422);
  }
  try {
    const notice = await requestSignInLink(serviceContext(c, ANONYMOUS), who, clientAddressOf(c));
    if (notice) runAfterResponse(c, deliverSignInLink(mail, notice));
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    const minutes = retryMinutes(c, error);
    const why = t(
      `Đã xin liên kết quá nhiều lần; hãy thử lại sau ${minutes} phút.`,
      `Too many links asked for; try again in ${minutes} minutes.`,
    );
    return c.html(signInPage(c, language, why), 429);
  }
  return c.html(linkSentPage(language, LINK_MINUTES));
});

/** What the link in the mail opens: whether it still works, and one button. Nothing is used up here. */
adminLoginLink.get('/admin/login/link/:token', async (c) => {
  c.header('cache-control', 'no-store');
  const { store, now } = c.get('deps');
  const token = param(c, 'token');
  const refusal = await linkRefusal(store, token, now());
  if (refusal) return refused(c, refusal);
  return c.html(linkConfirmPage(languageOfRequest(c), token));
});

adminLoginLink.post('/admin/login/link/:token', async (c) => {
  if (!sameOrigin(c)) return otherSite(c);
  c.header('cache-control', 'no-store');
  const opened = await signInWithLink(serviceContext(c, ANONYMOUS), param(c, 'token'));
  if (typeof opened === 'string') return refused(c, opened);
  return enterAdmin(c, opened, languageOfRequest(c));
});
