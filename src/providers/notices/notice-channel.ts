/**
 * A notice channel is a provider like Google or Outlook: it sends one message and says what became of it.
 * `retry`: try again later (4xx-temporary, 5xx, timeouts, rate limits); `permanent`: stop for this recipient (bad
 * address, unlinked chat, a refused webhook URL), said in words an admin can act on.
 */
import type { NoticeEvent } from '../../domain/notice-events.ts';

export interface OutgoingNotice {
  /** The delivery's id: stable per (notice, recipient, channel). */
  id: string;
  /** Recorded before the send: the e-mail's Message-ID and the webhook's `webhook-id`, the same on a resend. */
  attemptId: string;
  address: string;
  subject: string;
  text: string;
  html: string;
  /** Webhooks: the event, and the endpoint's secret that signs it. */
  event?: NoticeEvent | undefined;
  secret?: string | undefined;
}

export type SendOutcome =
  | { status: 'delivered' }
  | { status: 'retry'; error: string; retryAfterMs?: number | undefined }
  | { status: 'permanent'; error: string };

/**
 * How an e-mail channel words a refused sign-in (SMTP 530, 534, 535): the server's configuration, not the recipient,
 * so it is retried like any temporary failure and the notice health names LICHTRUC_SMTP_URL.
 */
export const SMTP_LOGIN_REFUSED = 'the mail server refused to sign in (check LICHTRUC_SMTP_URL)';

/** SMTP replies that mean the credentials (or their absence) were refused: 530 auth required, 534, 535. */
export const isSmtpLoginRefusal = (code: number | undefined) =>
  code === 530 || code === 534 || code === 535;

export interface NoticeChannel {
  send(notice: OutgoingNotice): Promise<SendOutcome>;
}
