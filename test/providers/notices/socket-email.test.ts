/**
 * The Worker's e-mail channel (SMTP over a `cloudflare:sockets`-shaped `connect`), run on Node through a node:net
 * adapter against the real SMTP stand-in: plain, STARTTLS and implicit TLS with AUTH, the MIME a mail client reads
 * back (UTF-8 subject, text and HTML, the attempt id as Message-ID), and the outcome of refusals and timeouts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingNotice } from '../../../src/providers/notices/notice-channel.ts';
import { createSocketEmailChannel } from '../../../src/providers/notices/socket-email-channel.ts';
import { type Certificate, createSelfSignedCertificate } from '../../stand-ins/graph-tls.ts';
import {
  type SmtpStandIn,
  type SmtpStandInOptions,
  startSmtpStandIn,
} from '../../stand-ins/smtp-server.ts';
import { nodeConnect } from '../../support/node-socket.ts';

const SUBJECT =
  'KHẨN: chưa có người trực Bộ phận Một cửa: Thứ Ba 08/12/2026 – Trung tâm Phục vụ hành chính công';
const notice: OutgoingNotice = {
  id: 'delivery-1',
  attemptId: 'attempt-7f3a',
  address: 'luyen@svhttdl.test',
  subject: SUBJECT,
  text: 'Ông Nguyễn Văn Luyện trực thay Bà Nguyễn Mạnh Hà vào Thứ Tư 09/12/2026.\n.\nHết.',
  html: '<p>Ông Nguyễn Văn Luyện trực thay <b>Bà Nguyễn Mạnh Hà</b></p>',
};

let smtp: SmtpStandIn | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

let certificate: Certificate | undefined;
const cert = async () => (certificate ??= await createSelfSignedCertificate());

async function channelTo(options: SmtpStandInOptions, credentials = '', timeoutMs = 2000) {
  smtp = await startSmtpStandIn(options);
  const url = new URL(smtp.url);
  if (credentials) [url.username, url.password] = credentials.split(':') as [string, string];
  return createSocketEmailChannel({
    url: url.toString(),
    from: 'Lịch trực Sở VHTTDL <lichtruc@svhttdl.test>',
    domain: 'lichtruc.test',
    connect: nodeConnect(options.tls?.cert),
    timeoutMs,
    now: () => new Date('2026-12-07T02:00:00Z'),
  });
}

describe('the socket e-mail channel', () => {
  it('writes one MIME message a mail client reads back whole', async () => {
    const channel = await channelTo({});
    expect(await channel.send(notice)).toEqual({ status: 'delivered' });
    const [mail] = smtp!.messages;
    expect(smtp!.messages).toHaveLength(1);
    expect(mail!.to).toEqual(['luyen@svhttdl.test']);
    expect(mail!.subject).toBe(SUBJECT);
    expect(mail!.text.trim()).toBe(notice.text);
    expect(mail!.html.trim()).toBe(notice.html);
    expect(mail!.messageId).toBe('<attempt-7f3a@lichtruc.test>');
    expect(mail!.parsed.from?.value).toEqual([
      { name: 'Lịch trực Sở VHTTDL', address: 'lichtruc@svhttdl.test' },
    ]);
    expect(mail!.parsed.headers.get('x-lichtruc-notice')).toBe('delivery-1');
    expect(mail!.parsed.headers.get('content-type')).toMatchObject({
      value: 'multipart/alternative',
    });
    expect(mail!.parsed.date?.toISOString()).toBe('2026-12-07T02:00:00.000Z');
  });

  it('keeps every header line within 78 characters (RFC 2047 words of at most 75)', async () => {
    const channel = await channelTo({});
    await channel.send(notice);
    const lines = smtp!.messages[0]!.parsed.headerLines.flatMap((header) =>
      header.line.split('\r\n'),
    );
    expect(lines.find((line) => line.startsWith('Subject:'))).toMatch(/^Subject: =\?UTF-8\?B\?/);
    expect(lines.filter((line) => line.length > 78)).toEqual([]);
  });

  it('upgrades with STARTTLS and signs in', async () => {
    const channel = await channelTo(
      { tls: await cert(), auth: { user: 'lichtruc', pass: 'mật khẩu' } },
      'lichtruc:m%E1%BA%ADt%20kh%E1%BA%A9u',
    );
    expect(await channel.send(notice)).toEqual({ status: 'delivered' });
    expect(smtp!.messages.map((mail) => [mail.secure, mail.user])).toEqual([[true, 'lichtruc']]);
  });

  it('speaks TLS from the first byte on smtps://', async () => {
    const channel = await channelTo(
      { tls: await cert(), secure: true, auth: { user: 'lichtruc', pass: 'secret' } },
      'lichtruc:secret',
    );
    expect(await channel.send(notice)).toEqual({ status: 'delivered' });
    expect(smtp!.messages.map((mail) => [mail.secure, mail.user])).toEqual([[true, 'lichtruc']]);
  });

  it('stops on 5xx (unknown mailbox), retries 4xx, silence and a refused sign-in', async () => {
    const channel = await channelTo(
      { auth: { user: 'lichtruc', pass: 'secret' } },
      'lichtruc:secret',
      300,
    );
    smtp!.unknown.add('luyen@svhttdl.test');
    expect(await channel.send(notice)).toMatchObject({
      status: 'permanent',
      error: expect.stringContaining('RCPT TO: 550'),
    });
    smtp!.unknown.clear();
    smtp!.failData({ code: 451, times: 1 });
    expect(await channel.send(notice)).toMatchObject({
      status: 'retry',
      error: expect.stringContaining('451'),
    });
    smtp!.failData({ holdMs: 1000, times: 1 });
    expect(await channel.send(notice)).toMatchObject({
      status: 'retry',
      error: expect.stringContaining('no answer within 300 ms'),
    });
    expect(smtp!.messages).toEqual([]);
    const wrongPassword = createSocketEmailChannel({
      url: smtp!.url.replace('//', '//lichtruc:wrong@'),
      from: 'lichtruc@svhttdl.test',
      domain: 'lichtruc.test',
      connect: nodeConnect(),
    });
    // A wrong password is the server's configuration, not this recipient's: retried, and worded as such.
    expect(await wrongPassword.send(notice)).toMatchObject({
      status: 'retry',
      error: expect.stringMatching(
        /^the mail server refused to sign in .*LICHTRUC_SMTP_URL.*AUTH: 535/,
      ),
    });
    const noPassword = createSocketEmailChannel({
      url: smtp!.url,
      from: 'lichtruc@svhttdl.test',
      domain: 'lichtruc.test',
      connect: nodeConnect(),
    });
    expect(await noPassword.send(notice)).toMatchObject({
      status: 'retry',
      error: expect.stringMatching(/^the mail server refused to sign in .*MAIL FROM: 530/),
    });
    expect(smtp!.messages).toEqual([]);
  });

  it('signs in with AUTH LOGIN when the server offers only that', async () => {
    const channel = await channelTo(
      { tls: await cert(), auth: { user: 'lichtruc', pass: 'secret' }, authMethods: ['LOGIN'] },
      'lichtruc:secret',
    );
    expect(await channel.send(notice)).toEqual({ status: 'delivered' });
    expect(smtp!.messages.map((mail) => mail.user)).toEqual(['lichtruc']);
  });

  it('never sends a password in clear to a server elsewhere that offers no STARTTLS', async () => {
    smtp = await startSmtpStandIn({ auth: { user: 'lichtruc', pass: 'secret' } });
    const port = new URL(smtp.url).port;
    const channel = createSocketEmailChannel({
      url: `smtp://lichtruc:secret@mail.svhttdl.test:${port}`,
      from: 'lichtruc@svhttdl.test',
      domain: 'lichtruc.test',
      // The name is not this machine's, but the connection lands on the stand-in.
      connect: (address, options) => nodeConnect()({ ...address, hostname: '127.0.0.1' }, options),
    });
    expect(await channel.send(notice)).toEqual({
      status: 'retry',
      error:
        'the mail server did not take it: mail.svhttdl.test offers no STARTTLS: the password is not sent in clear (use smtps:// or port 587)',
    });
    expect(smtp.messages).toEqual([]);
  });

  it('retries when nothing listens, and refuses an address with a line break for good', async () => {
    const channel = await channelTo({});
    await smtp!.close();
    smtp = undefined;
    expect(await channel.send(notice)).toMatchObject({ status: 'retry' });
    expect(await channel.send({ ...notice, address: 'a@b.test\r\nBcc: x@y.test' })).toMatchObject({
      status: 'permanent',
    });
  });
});
