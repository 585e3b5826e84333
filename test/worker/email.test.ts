/**
 * E-mail from the Worker inside workerd: SMTP over `cloudflare:sockets` to the real SMTP stand-in on 127.0.0.1, read
 * back with mailparser. The letter's story goes the whole way (API change → waitUntil → socket); coalescing, quiet
 * hours and the crash matrix run the notice worker on the Worker's D1 with the same channel and a clock of the
 * test's (workerd's own cannot be set), with the Node tests' cases (test/notices/). A one-time sign-in link goes out
 * through the same channel within its request's `waitUntil`.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { dying, Killed } from '../support/dying-notices.ts';
import {
  callAndSettle,
  json,
  ROSTER_ID,
  runScheduled,
  type SlotView,
  scheduleOf,
} from './workerd/api.ts';
import {
  failSmtpData,
  forgetSmtpMessages,
  type ReceivedMail,
  smtpMessages,
} from './workerd/control.ts';
import {
  absent,
  ddmmyyyy,
  depsAt,
  EMAIL,
  haDutiesWithEmails,
  mailEnv,
  recordingEnv,
  ROSTER,
  recipients,
} from './workerd/mail.ts';

/** Bà Hà's duties, one per test in order (see haDutiesWithEmails). */
let duties: SlotView[];
beforeAll(async () => {
  duties = await haDutiesWithEmails(9);
});
beforeEach(() => forgetSmtpMessages());

describe('e-mail from the Worker', () => {
  it("tells the letter's story: one message to the cover, one to Bà Hà, over a socket from workerd", async () => {
    const storyEnv = mailEnv(0);
    const slot = duties[0]!;
    await absent(storyEnv, 'nguyen-manh-ha', slot.date);
    const cover = (await scheduleOf(ROSTER_ID, slot.date, slot.date)).find(
      (candidate) => candidate.key === slot.key,
    )!.memberId;
    expect(cover).not.toBe('nguyen-manh-ha');
    const mails = await smtpMessages();
    expect(recipients(mails)).toEqual([EMAIL['nguyen-manh-ha'], EMAIL[cover]].sort());
    const toCover = mails.find((mail) => mail.to[0] === EMAIL[cover])!;
    expect(toCover.subject).toMatch(/[ạ-ỹ]/u);
    expect(toCover.subject).toContain(ddmmyyyy(slot.date));
    expect(toCover.text).toContain(`trực thay Bà Nguyễn Mạnh Hà`);
    expect(toCover.text).toContain(ddmmyyyy(slot.date));
    expect(toCover.html).toContain('Bà Nguyễn Mạnh Hà');
    expect(toCover.messageId).toMatch(/^<[0-9a-f-]{36}@lichtruc\.test>$/);
    expect(toCover.from).toBe('"Lịch trực" <lichtruc@svhttdl.test>');
    // The cron afterwards finds nothing left to send.
    await runScheduled('*/5 * * * *', storyEnv);
    expect(await smtpMessages()).toHaveLength(2);
  });

  it('sends nothing for an absence removed within the window', async () => {
    const absence = await absent(recordingEnv, 'nguyen-manh-ha', duties[1]!.date);
    const deleted = await callAndSettle(recordingEnv, 'DELETE', `${ROSTER}/absences/${absence.id}`);
    expect(deleted.status).toBe(204);
    const clock = { offsetMs: 60_000 };
    expect(await runNotices(depsAt(clock))).toMatchObject({ planned: 0 });
    clock.offsetMs = 121_000;
    expect(await runNotices(depsAt(clock))).toEqual({
      planned: 0,
      delivered: 0,
      retried: 0,
      failed: 0,
    });
    expect(await depsAt(clock).store.notices.pendingChanges()).toEqual([]);
    expect(await smtpMessages()).toEqual([]);
  });

  it('tells only the net result of two changes to the same slot', async () => {
    const slot = duties[2]!;
    await absent(recordingEnv, 'nguyen-manh-ha', slot.date);
    const cover = (await scheduleOf(ROSTER_ID, slot.date, slot.date)).find(
      (candidate) => candidate.key === slot.key,
    )!.memberId;
    // The admin then picks the other colleague: only that one and Bà Hà hear of it, not the rotation's first pick.
    const chosen = cover === 'nguyen-van-hanh' ? 'nguyen-van-luyen' : 'nguyen-van-hanh';
    const override = await callAndSettle(recordingEnv, 'POST', `${ROSTER}/overrides`, {
      body: { date: slot.date, memberId: chosen },
    });
    expect(override.status).toBe(201);
    await runNotices(depsAt({ offsetMs: 121_000 }));
    const mails = await smtpMessages();
    expect(recipients(mails)).toEqual([EMAIL['nguyen-manh-ha'], EMAIL[chosen]].sort());
    expect(mails.find((mail) => mail.to[0] === EMAIL[chosen])!.text).toContain(
      `được phân công trực thay Bà Nguyễn Mạnh Hà vào`,
    );
  });
});

describe('quiet hours in workerd', () => {
  it('holds a change made at 22:00 until 06:30, but sends an uncovered day for tomorrow at once', async () => {
    const date = duties[3]!.date;
    // 22:00 in Hà Nội the evening before the duty: the clock the notice worker is given.
    const clock = { offsetMs: Date.parse(`${date}T15:00:00Z`) - 86_400_000 - Date.now() };
    const deps = () => depsAt(clock, { quietHours: { start: '21:00', end: '06:30' } });
    await json('POST', `${ROSTER}/notice-contacts`, 201, {
      role: 'admin',
      channel: 'email',
      address: 'vanphong@svhttdl.test',
    });
    for (const memberId of Object.keys(EMAIL)) await absent(recordingEnv, memberId, date, 'sick');
    expect(await runNotices(deps())).toMatchObject({ delivered: 1 });
    const [urgent] = await smtpMessages();
    expect(recipients([urgent!])).toEqual(['vanphong@svhttdl.test']);
    expect(urgent!.subject).toMatch(
      /^KHẨN: chưa có người trực Bộ phận Một cửa: .* \d\d\/\d\d\/\d{4}$/,
    );
    expect(urgent!.subject).toContain(ddmmyyyy(date));

    clock.offsetMs += 8 * 3600_000 + 2 * 60_000; // 06:02
    expect(await runNotices(deps())).toMatchObject({ delivered: 0 });
    clock.offsetMs += 30 * 60_000; // 06:32
    expect(await runNotices(deps())).toMatchObject({ delivered: 1 });
    const morning = (await smtpMessages()).slice(1);
    expect(recipients(morning)).toEqual([EMAIL['nguyen-manh-ha']]);
    expect(morning[0]!.text).toContain(ddmmyyyy(date));
  });
});

describe('the crash matrix in workerd', () => {
  const twoMessagesPending = async (index: number) => {
    await absent(recordingEnv, 'nguyen-manh-ha', duties[index]!.date);
    return { offsetMs: 121_000 };
  };
  const distinct = (mails: ReceivedMail[]) =>
    new Set(mails.map((mail) => `${mail.to[0]} ${mail.messageId}`)).size;

  it('(a) killed while planning: the changes are still there and planned once on restart', async () => {
    const clock = await twoMessagesPending(4);
    await expect(runNotices(dying(depsAt(clock), 'plan'))).rejects.toThrow(Killed);
    expect(await smtpMessages()).toEqual([]);
    expect(await runNotices(depsAt(clock))).toMatchObject({ planned: 2, delivered: 2 });
    clock.offsetMs += 600_000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ planned: 0, delivered: 0 });
    expect(await smtpMessages()).toHaveLength(2);
  });

  it('(b) killed after claiming, before sending: sent once, when the lease runs out', async () => {
    const clock = await twoMessagesPending(5);
    await expect(runNotices(dying(depsAt(clock), 'claim', true))).rejects.toThrow(Killed);
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 1 }); // the claimed one is leased
    clock.offsetMs += 5 * 60_000 + 1000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 1 });
    clock.offsetMs += 3600_000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 0 });
    const mails = await smtpMessages();
    expect(mails).toHaveLength(2);
    expect(distinct(mails)).toBe(2);
  });

  it('(c) killed after the SMTP server took it, before recording: sent again with the same Message-ID', async () => {
    const clock = await twoMessagesPending(6);
    await expect(runNotices(dying(depsAt(clock), 'finish'))).rejects.toThrow(Killed);
    expect(await smtpMessages()).toHaveLength(1);
    await expect(runNotices(dying(depsAt(clock), 'finish'))).rejects.toThrow(Killed);
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 0 }); // both leased
    clock.offsetMs += 5 * 60_000 + 1000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 2 });
    clock.offsetMs += 3600_000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 0 });
    const mails = await smtpMessages();
    expect(mails).toHaveLength(4); // each sent twice …
    expect(distinct(mails)).toBe(2); // … as one message each for a mail client
  });
});

describe('SMTP refusals and silence in workerd', () => {
  it('retries a 451 and stops for the recipient on a 554', async () => {
    await absent(recordingEnv, 'nguyen-manh-ha', duties[7]!.date);
    const clock = { offsetMs: 121_000 };
    await failSmtpData({ code: 451, times: 1 });
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 1, retried: 1 });
    await failSmtpData({ code: 554, times: 1 });
    clock.offsetMs += 3600_000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 0, failed: 1 });
    const log = await depsAt(clock).store.notices.list({ rosterId: ROSTER_ID, limit: 100 });
    const failed = log.filter((row) => row.status === 'failed');
    expect(failed.map((row) => [row.channel, row.attempts])).toEqual([['email', 2]]);
    expect(failed[0]!.lastError).toMatch(/refused it: end of DATA: 554/);
    expect(await smtpMessages()).toHaveLength(1);
  });

  it('retries a server that holds its answer past the timeout', async () => {
    await absent(recordingEnv, 'nguyen-manh-ha', duties[8]!.date);
    const clock = { offsetMs: 121_000 };
    await failSmtpData({ holdMs: 1000, times: 1 });
    expect(await runNotices(depsAt(clock, {}, 300))).toMatchObject({ delivered: 1, retried: 1 });
    const log = await depsAt(clock).store.notices.list({ rosterId: ROSTER_ID, limit: 100 });
    expect(log.find((row) => row.status === 'pending')?.lastError).toMatch(
      /end of DATA: no answer within 300 ms/,
    );
    clock.offsetMs += 3600_000;
    expect(await runNotices(depsAt(clock))).toMatchObject({ delivered: 1 });
    expect(await smtpMessages()).toHaveLength(2);
  });
});

const ADDRESS = 'lien-ket@svhttdl.test';
const LINK = /\/admin\/login\/link\/([A-Za-z0-9_-]{43})/;
const form = (fields: Record<string, string>) => ({
  token: null,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

// In this file, not one of its own: the SMTP stand-in's messages are shared, and the tests above count them.
describe('sign-in links from the Worker', () => {
  it('mails a link over a socket, shows a button on GET, and signs in once on POST', async () => {
    await json('POST', '/api/accounts', 201, {
      id: 'can-bo-lien-ket',
      name: 'Cán bộ liên kết',
      role: 'roster-manager',
      organisationId: 'so-vhttdl',
      rosters: [ROSTER_ID],
      email: ADDRESS,
    });
    const bindings = mailEnv(3600);
    const login = await callAndSettle(bindings, 'GET', '/admin/login', { token: null });
    expect(await login.text()).toContain('Gửi liên kết đăng nhập qua e-mail');
    const asked = await callAndSettle(
      bindings,
      'POST',
      '/admin/login/link',
      form({ who: ADDRESS }),
    );
    expect(asked.status).toBe(200);
    const mail = (await smtpMessages()).find((message) => message.to.includes(ADDRESS));
    expect(mail?.subject).toBe('Liên kết đăng nhập lịch trực');
    const path = `/admin/login/link/${LINK.exec(mail!.text)![1]}`;

    const shown = await callAndSettle(bindings, 'GET', path, { token: null });
    expect(shown.status).toBe(200);
    expect(shown.headers.get('set-cookie')).toBeNull();
    const signedIn = await callAndSettle(bindings, 'POST', path, form({}));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toMatch(/^lichtruc_admin=[\w-]{43};/);
    expect((await callAndSettle(bindings, 'POST', path, form({}))).status).toBe(410);
  });
});
