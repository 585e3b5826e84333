/**
 * E-mail over SMTP with nodemailer (Node only: the Node entry loads this file; the Worker never imports it).
 * UTF-8 subjects and a text + HTML body; the Message-ID is the attempt id recorded before sending, so a message sent
 * again after a crash carries the same Message-ID. SMTP 5xx (unknown mailbox, refused address) stops for that
 * recipient; 4xx, connection errors and timeouts are retried, and so is a refused sign-in (530, 534, 535): a wrong
 * LICHTRUC_SMTP_URL would otherwise drop every notice, one recipient after another.
 */
import nodemailer from 'nodemailer';
import {
  isSmtpLoginRefusal,
  type NoticeChannel,
  SMTP_LOGIN_REFUSED,
  type SendOutcome,
} from './notice-channel.ts';

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  from: string;
  /** Message-ID domain, e.g. the public host. */
  domain: string;
  timeoutMs?: number;
}

export interface EmailChannel extends NoticeChannel {
  close(): void;
}

function failureOf(error: unknown): SendOutcome {
  const { responseCode, message, code } = error as {
    responseCode?: number;
    message?: string;
    code?: string;
  };
  const text = message ?? String(error);
  if (code === 'EAUTH' || isSmtpLoginRefusal(responseCode))
    return { status: 'retry', error: `${SMTP_LOGIN_REFUSED}: ${text}` };
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600)
    return { status: 'permanent', error: `the mail server refused it: ${text}` };
  return { status: 'retry', error: `the mail server did not take it: ${text}` };
}

export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(notice) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: notice.address,
          subject: notice.subject,
          text: notice.text,
          html: notice.html,
          messageId: `<${notice.attemptId}@${options.domain}>`,
          headers: { 'X-Lichtruc-Notice': notice.id },
        });
        if (info.rejected.length > 0)
          return { status: 'permanent', error: `the mail server refused ${notice.address}` };
        return { status: 'delivered' };
      } catch (error) {
        return failureOf(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
