/**
 * E-mail over SMTP on a raw socket (the Worker's e-mail; Node uses nodemailer, email-channel.ts): `smtps://` is TLS
 * from the first byte (port 465 by default), `smtp://` upgrades with STARTTLS when the server offers it (587 by
 * default), then AUTH PLAIN or LOGIN with the URL's credentials. One connection per message: a Worker may not keep
 * a socket from one invocation for the next. The outcome mapping is the Node channel's: a 5xx reply stops for that
 * recipient, a 4xx, a refused sign-in (530, 534, 535), a dropped connection or a timeout is retried; the Message-ID
 * is the attempt id.
 */
import { buildMimeMessage, parseMailbox } from './mime-message.ts';
import {
  isSmtpLoginRefusal,
  type NoticeChannel,
  type OutgoingNotice,
  SMTP_LOGIN_REFUSED,
  type SendOutcome,
} from './notice-channel.ts';
import { type SmtpConnect, SmtpReplyError, SmtpSession } from './smtp-session.ts';

export interface SocketEmailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  from: string;
  /** Message-ID domain and EHLO name, e.g. the public host. */
  domain: string;
  connect: SmtpConnect;
  timeoutMs?: number;
  now?: () => Date;
}

interface Server {
  hostname: string;
  port: number;
  secure: boolean;
  credentials: { user: string; pass: string } | undefined;
}

function serverOf(url: string): Server {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return {
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port) || (secure ? 465 : 587),
    secure,
    credentials: user ? { user, pass: decodeURIComponent(parsed.password) } : undefined,
  };
}

/** A password may cross an unencrypted connection only to this machine (tests, a local relay). */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Greeting, EHLO, STARTTLS when offered on a plain connection, then AUTH when there are credentials. */
async function open(session: SmtpSession, server: Server, domain: string): Promise<void> {
  await session.opened();
  await session.command('greeting', null);
  let ehlo = await session.command('EHLO', `EHLO ${domain}\r\n`);
  let encrypted = server.secure;
  if (!encrypted && ehlo.lines.some((line) => /^STARTTLS\b/i.test(line))) {
    await session.command('STARTTLS', 'STARTTLS\r\n');
    session.upgrade();
    encrypted = true;
    ehlo = await session.command('EHLO', `EHLO ${domain}\r\n`);
  }
  if (!server.credentials) return;
  if (!encrypted && !LOOPBACK.test(server.hostname))
    throw new Error(
      `${server.hostname} offers no STARTTLS: the password is not sent in clear (use smtps:// or port 587)`,
    );
  await authenticate(session, server.credentials, ehlo.lines);
}

/** AUTH PLAIN unless the server offers LOGIN only. */
async function authenticate(
  session: SmtpSession,
  credentials: { user: string; pass: string },
  capabilities: string[],
): Promise<void> {
  const auth = capabilities.find((line) => /^AUTH\b/i.test(line)) ?? '';
  if (/\bPLAIN\b/i.test(auth) || !/\bLOGIN\b/i.test(auth)) {
    const token = base64Utf8(`\0${credentials.user}\0${credentials.pass}`);
    await session.command('AUTH', `AUTH PLAIN ${token}\r\n`);
    return;
  }
  await session.command('AUTH', 'AUTH LOGIN\r\n', 3);
  await session.command('AUTH', `${base64Utf8(credentials.user)}\r\n`, 3);
  await session.command('AUTH', `${base64Utf8(credentials.pass)}\r\n`);
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function transmit(session: SmtpSession, from: string, to: string, message: string) {
  await session.command('MAIL FROM', `MAIL FROM:<${from}>\r\n`);
  await session.command('RCPT TO', `RCPT TO:<${to}>\r\n`);
  await session.command('DATA', 'DATA\r\n', 3);
  // The message is 7-bit base64 and headers; a leading dot would still be doubled (RFC 5321 §4.5.2).
  await session.command('end of DATA', `${message.replace(/^\./gm, '..')}\r\n.\r\n`);
  await session.command('QUIT', 'QUIT\r\n').catch(() => undefined);
}

function outcomeOf(error: unknown): SendOutcome {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof SmtpReplyError && isSmtpLoginRefusal(error.code))
    return { status: 'retry', error: `${SMTP_LOGIN_REFUSED}: ${text}` };
  if (error instanceof SmtpReplyError && error.code >= 500 && error.code < 600)
    return { status: 'permanent', error: `the mail server refused it: ${text}` };
  return { status: 'retry', error: `the mail server did not take it: ${text}` };
}

export function createSocketEmailChannel(options: SocketEmailOptions): NoticeChannel {
  const server = serverOf(options.url);
  const sender = parseMailbox(options.from).address;
  const now = options.now ?? (() => new Date());
  const compose = (notice: OutgoingNotice) =>
    buildMimeMessage({
      from: options.from,
      to: notice.address,
      subject: notice.subject,
      text: notice.text,
      html: notice.html,
      messageId: `${notice.attemptId}@${options.domain}`,
      date: now(),
      headers: { 'X-Lichtruc-Notice': notice.id },
    });
  return {
    async send(notice) {
      let message: string;
      try {
        message = compose(notice);
      } catch (error) {
        return { status: 'permanent', error: `the message could not be written: ${error}` };
      }
      const socket = options.connect(
        { hostname: server.hostname, port: server.port },
        { secureTransport: server.secure ? 'on' : 'starttls', allowHalfOpen: false },
      );
      const session = new SmtpSession(socket, options.timeoutMs ?? 30_000);
      try {
        await open(session, server, options.domain);
        await transmit(session, sender, notice.address, message);
        return { status: 'delivered' };
      } catch (error) {
        return outcomeOf(error);
      } finally {
        await session.close();
      }
    },
  };
}
