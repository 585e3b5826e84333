/**
 * Webhooks beyond duty.changed: a `duty.reminder` per member and slot of tomorrow and a `digest.weekly` per roster and
 * week, verified by a receiver using the standardwebhooks library, each sent once however often the worker plans;
 * and a webhook failing for a day is paused, gets nothing more, shows on the admin pages in words, and once turned
 * back on gets the next event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;
afterEach(() => h.close());
const { page, signIn } = pagesOf(() => h.service);

interface EventSlot {
  key: string;
  date: string;
  hours: string;
  member: { memberId: string | null; coversFor: string | null; reason: string | null };
}

describe('duty.reminder', () => {
  it('sends one event per member and slot of tomorrow at 16:30, whether or not the member asked', async () => {
    h = await startNoticeHarness('2026-12-07T09:00:00Z'); // Monday 16:00 in Hà Nội
    await h.registerWebhook(['duty.reminder']);
    await h.absent('nguyen-van-luyen', '2026-12-08', 'sick'); // Tuesday: someone covers Ông Luyện
    h.advance(121);
    await runNotices(h.deps);
    expect(h.receiver.events).toEqual([]); // not subscribed to duty.changed, and not 16:30 yet
    h.advance(30 * 60); // 16:32
    await runNotices(h.deps);
    await runNotices({ ...h.deps }); // another process, as after a restart
    h.advance(3600);
    await runNotices(h.deps);
    expect(h.receiver.events.map((event) => event.type)).toEqual(['duty.reminder']);
    const { data } = h.receiver.events[0]!;
    expect(data.rosterId).toBe('so-vhttdl-bac-giang');
    expect(data.slot).toMatchObject({
      key: 'so-vhttdl-bac-giang/2026-12-08/backup',
      date: '2026-12-08',
      hours: '07:30–12:00, 13:00–16:30',
    });
    expect(data.member).toMatchObject({ coversFor: 'nguyen-van-luyen', reason: 'other' });
    expect(['nguyen-manh-ha', 'nguyen-van-hanh']).toContain(
      (data.member as EventSlot['member']).memberId,
    );
    expect(JSON.stringify(data)).not.toContain('sick');
    expect(h.smtp.messages.filter((mail) => mail.subject.startsWith('Nhắc'))).toEqual([]);
    expect(h.receiver.refused).toBe(0);
  });
});

describe('digest.weekly', () => {
  it("sends next week's desk once per roster and week, private reasons as other", async () => {
    h = await startNoticeHarness('2026-12-11T07:00:00Z'); // Friday 14:00 in Hà Nội
    await h.registerWebhook(['digest.weekly']);
    await h.absent('nguyen-manh-ha', '2026-12-14', 'sick');
    h.advance(121);
    await runNotices(h.deps);
    expect(h.receiver.events).toEqual([]);
    h.advance(3600); // 15:02
    await runNotices(h.deps);
    h.advance(600);
    await runNotices({ ...h.deps });
    h.advance(24 * 3600); // Saturday: no second digest for the same week
    await runNotices(h.deps);
    expect(h.receiver.events.map((event) => event.type)).toEqual(['digest.weekly']);
    const { data } = h.receiver.events[0]!;
    expect(data.week).toEqual({ from: '2026-12-14', to: '2026-12-20' });
    const slots = data.slots as EventSlot[];
    expect(slots.map((slot) => slot.date)).toEqual([
      '2026-12-14',
      '2026-12-15',
      '2026-12-16',
      '2026-12-17',
      '2026-12-18',
    ]);
    expect(slots[0]!.member).toMatchObject({ coversFor: 'nguyen-manh-ha', reason: 'other' });
    expect(slots[1]!.member).toMatchObject({ memberId: 'nguyen-van-luyen', coversFor: null });
    expect(JSON.stringify(data)).not.toContain('sick');
  });
});

interface Hook {
  id: string;
  failingSince: string | null;
  failures: number;
  disabledAt: string | null;
  lastError: string | null;
}
const hooks = async () =>
  (await h.service.json<{ webhooks: Hook[] }>('GET', `${ROSTER}/webhooks`, 200)).body.webhooks;
const webhookRows = async () =>
  (await h.service.ctx.store.notices.list({ rosterId: 'so-vhttdl-bac-giang', limit: 100 })).filter(
    (row) => row.channel === 'webhook',
  );

describe('a webhook failing for a day', () => {
  it('is paused, gets nothing more, shows on the pages, and once turned back on gets the next event', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z'); // Monday 09:00
    await h.registerWebhook(['duty.changed']);
    h.receiver.answer(500, 9); // eight attempts of the first event, the first of the next day's
    await h.absent('nguyen-manh-ha', '2026-12-09');
    h.advance(121);
    for (let hour = 0; hour < 8; hour++) {
      await runNotices(h.deps);
      h.advance(3600);
    }
    const [failing] = await hooks();
    expect(failing).toMatchObject({
      failingSince: '2026-12-07T02:02:01.000Z',
      failures: 8,
      disabledAt: null,
      lastError: 'the endpoint answered HTTP 500',
    });
    expect((await webhookRows()).map((row) => row.status)).toEqual(['failed']);

    h.advance(17 * 3600); // Tuesday 10:02, a day after the first failure
    await h.absent('nguyen-manh-ha', '2026-12-11');
    h.advance(121);
    await runNotices(h.deps);
    const [paused] = await hooks();
    expect(paused!.failures).toBe(9);
    expect(paused!.disabledAt).toBe(h.deps.now().toISOString());

    // The receiver answers again, but nothing reaches it: neither the waiting retry nor a new change.
    h.advance(3600);
    await runNotices(h.deps);
    expect(h.receiver.events).toEqual([]);
    const rows = await webhookRows();
    expect(rows.map((row) => row.status)).toEqual(['failed', 'failed']);
    expect(rows[0]!.lastError).toMatch(
      /^the webhook was paused at .* turn it back on, then resend$/,
    );
    const later = await h.absent('nguyen-van-hanh', '2026-12-17');
    h.advance(121);
    await runNotices(h.deps);
    expect(await webhookRows()).toHaveLength(2);
    expect(h.receiver.events).toEqual([]);

    const { cookie, csrf } = await signIn();
    const words =
      /Webhook http:\/\/127\.0\.0\.1:\d+\/hooks\/lichtruc bị tạm dừng vì lỗi liên tục từ 07\/12\/2026 09:02 \(lỗi cuối: the endpoint answered HTTP 500\); không tin nào được gửi tới nó nữa\. Kiểm tra URL và máy nhận \(phải trả lời 2xx trong 10 giây\) rồi bấm Bật lại/;
    expect((await page('GET', '/admin/sync', { cookie })).html).toMatch(words);
    const notices = await page('GET', '/admin/notices', { cookie });
    expect(notices.html).toMatch(words);
    const enable = /action="(\/admin\/notices\/so-vhttdl-bac-giang\/webhooks\/[^/]+\/enable)"/.exec(
      notices.html,
    )![1]!;
    const posted = await page('POST', enable, { cookie, form: { csrf } });
    expect(posted.response.status).toBe(303);
    expect(await hooks()).toMatchObject([{ disabledAt: null, failures: 0, failingSince: null }]);
    expect((await page('GET', '/admin/notices', { cookie })).html).not.toContain('tạm dừng');
    const again = await h.service.request('POST', `${ROSTER}/webhooks/${paused!.id}/enable`);
    expect(again.status).toBe(409);

    await h.service.json('DELETE', `${ROSTER}/absences/${later.id}`, 204);
    h.advance(121);
    await runNotices(h.deps);
    expect(
      h.receiver.events.map((event) => [event.type, (event.data.slot as EventSlot).date]),
    ).toEqual([['duty.changed', '2026-12-17']]);
    const { body } = await h.service.json<{ entries: { action: string; actor: string }[] }>(
      'GET',
      '/api/audit?rosterId=so-vhttdl-bac-giang',
      200,
    );
    const actions = body.entries.filter((entry) => entry.action.startsWith('webhook.'));
    expect(actions.map((entry) => [entry.action, entry.actor])).toEqual([
      ['webhook.enable', 'admin'],
      ['webhook.pause', 'notices'],
      ['webhook.create', 'admin'],
    ]);
  });
});
