/**
 * A real SMTP server on 127.0.0.1 (`smtp-server`), whose accepted messages the tests read back with `mailparser`
 * (MIME, encoded-word subjects, quoted-printable). Faults: refuse a recipient (550), answer DATA with a temporary
 * or permanent error a number of times, or hold DATA back so the client times out. Optionally with a certificate
 * (STARTTLS offered, or TLS from the first byte with `secure`) and one account that must sign in.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Whether the session was TLS when the message came, and who signed in. */
  secure: boolean;
  user: string | undefined;
  receivedAt: number;
  parsed: ParsedMail;
}

export interface SmtpFault {
  /** SMTP code for DATA (e.g. 451 or 554); with `holdMs`, the answer is held back instead. */
  code?: number;
  holdMs?: number;
  times: number;
}

export interface SmtpStandIn {
  url: string;
  messages: ReceivedMail[];
  /** Addresses whose RCPT TO is refused with 550 (unknown mailbox). */
  unknown: Set<string>;
  failData(fault: SmtpFault): void;
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

const smtpError = (message: string, code: number) =>
  Object.assign(new Error(message), { responseCode: code });

export interface SmtpStandInOptions {
  tls?: { key: string; cert: string };
  /** TLS from the first byte (smtps://); otherwise STARTTLS is offered when `tls` is given. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** What EHLO advertises (smtp-server's default: PLAIN and LOGIN). */
  authMethods?: string[];
}

export async function startSmtpStandIn(options: SmtpStandInOptions = {}): Promise<SmtpStandIn> {
  const messages: ReceivedMail[] = [];
  const unknown = new Set<string>();
  const faults: SmtpFault[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  const server = new SMTPServer({
    authOptional: !options.auth,
    ...(options.authMethods ? { authMethods: options.authMethods } : {}),
    disabledCommands: options.tls ? [] : ['STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    secure: options.secure ?? false,
    logger: false,
    onAuth(auth, _session, callback) {
      const { user, pass } = options.auth ?? {};
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      callback(smtpError('5.7.8 authentication failed', 535));
    },
    onRcptTo(address, _session, callback) {
      if (unknown.has(address.address.toLowerCase()))
        return callback(smtpError(`5.1.1 <${address.address}>: mailbox unknown`, 550));
      callback();
    },
    onData(stream, session, callback) {
      const fault = faults[0];
      if (fault && --fault.times <= 0) faults.shift();
      simpleParser(stream).then((parsed) => {
        if (fault?.holdMs) return void setTimeout(() => callback(), fault.holdMs).unref();
        if (fault?.code) return callback(smtpError('scripted failure', fault.code));
        messages.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          messageId: parsed.messageId ?? '',
          secure: session.secure,
          user: session.user as string | undefined,
          receivedAt: performance.now(),
          parsed,
        });
        for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  server.server.unref();
  return {
    url: `${options.secure ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    messages,
    unknown,
    failData: (fault) => void faults.push(fault),
    waitFor: (count) =>
      messages.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => void waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
