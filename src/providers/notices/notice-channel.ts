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

export interface NoticeChannel {
  send(notice: OutgoingNotice): Promise<SendOutcome>;
}
