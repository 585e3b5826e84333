/**
 * Delivery you can trust: the coalescing window and undo, quiet hours and the urgent "uncovered", SMTP temporary and
 * permanent failures and timeouts, and giving up. Against a real SMTP server and a verifying webhook receiver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { EMAIL, ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;
afterEach(() => h.close());

const absent = (memberId: string, date: string, reason?: string) =>
  h.absent(memberId, date, reason);
const recipients = () => h.smtp.messages.map((mail) => mail.to.join(',')).sort();
const log = async () =>
  (await h.service.ctx.store.notices.list({ rosterId: 'so-vhttdl-bac-giang', limit: 50 })).map(
    (row) => [row.channel, row.address, row.status, row.attempts, row.lastError],
  );

describe('coalescing', () => {
  it('sends nothing for an absence removed within the window, and clears what it waited on', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    await h.registerWebhook();
    const absence = await absent('nguyen-manh-ha', '2026-12-09');
    h.advance(60);
    await h.service.json('DELETE', `${ROSTER}/absences/${absence.id}`, 204);
    h.advance(60);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 0 }); // the removal restarted the window
    h.advance(61);
    expect(await runNotices(h.deps)).toEqual({ planned: 0, delivered: 0, retried: 0, failed: 0 });
    expect(await h.service.ctx.store.notices.pendingChanges()).toEqual([]);
    expect(h.smtp.messages).toEqual([]);
    expect(h.receiver.events).toEqual([]);
  });

  it('tells only the net result of two changes to the same slot', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    await absent('nguyen-manh-ha', '2026-12-09');
    h.advance(30);
    await h.service.json('POST', `${ROSTER}/overrides`, 201, {
      date: '2026-12-09',
      memberId: 'nguyen-van-hanh',
    });
    h.advance(121);
    await runNotices(h.deps);
    expect(recipients()).toEqual([EMAIL['nguyen-manh-ha'], EMAIL['nguyen-van-hanh']]);
    const hanh = h.smtp.messages.find((mail) => mail.to[0] === EMAIL['nguyen-van-hanh'])!;
    expect(hanh.text).toContain(
      'Ông Nguyễn Văn Hanh được phân công trực thay Bà Nguyễn Mạnh Hà vào Thứ Tư 09/12/2026, 07:30–12:00',
    );
  });
});

describe('quiet hours', () => {
  it('holds a change made at 22:00 until 06:30, but sends an uncovered day for tomorrow at once', async () => {
    h = await startNoticeHarness('2026-12-07T15:00:00Z'); // Monday 22:00 in Hà Nội
    await h.service.ctx.store.noticeSettings.addContact({
      id: 'office',
      rosterId: 'so-vhttdl-bac-giang',
      role: 'admin',
      channel: 'email',
      address: 'vanphong@svhttdl.test',
      createdAt: '2026-12-01T00:00:00Z',
    });
    await absent('nguyen-van-luyen', '2026-12-08', 'sick');
    await absent('nguyen-van-hanh', '2026-12-08', 'business');
    await absent('nguyen-manh-ha', '2026-12-08', 'leave');
    h.advance(121);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 2, delivered: 1 });
    expect(recipients()).toEqual(['vanphong@svhttdl.test']);
    const urgent = h.smtp.messages[0]!;
    expect(urgent.subject).toBe('KHẨN: chưa có người trực Bộ phận Một cửa: Thứ Ba 08/12/2026');
    expect(urgent.text).toContain('(Ông Nguyễn Văn Luyện nghỉ ốm); cần phân công người trực.');

    h.advance(8 * 3600); // 06:02
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 0 });
    h.advance(30 * 60); // 06:32
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 1 });
    const luyen = h.smtp.messages[1]!;
    expect(luyen.to).toEqual([EMAIL['nguyen-van-luyen']]);
    expect(luyen.text).toContain(
      'Ông Nguyễn Văn Luyện được nghỉ trực Thứ Ba 08/12/2026 (07:30–12:00, 13:00–16:30); hiện chưa có người trực thay.',
    );
  });
});

describe('SMTP failures', () => {
  it('retries a 451 and a timeout with backoff, then delivers once', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    h.smtp.failData({ code: 451, times: 1 });
    h.smtp.failData({ holdMs: 2500, times: 1 });
    await absent('nguyen-manh-ha', '2026-12-09');
    h.advance(121);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 2, delivered: 0, retried: 2 });
    const waiting = await log();
    expect(waiting.map((row) => row[2])).toEqual(['pending', 'pending']);
    expect(waiting.map((row) => row[4]).join(' ')).toMatch(
      /451[\s\S]*(timeout|Timeout|timed out)/i,
    );
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 0 }); // backing off
    h.advance(60);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 2, retried: 0 });
    expect(recipients()).toEqual([EMAIL['nguyen-manh-ha'], EMAIL['nguyen-van-luyen']]);
  });

  it('stops at once for an unknown mailbox, and gives up after the last attempt', async () => {
    h = await startNoticeHarness('2026-12-07T02:00:00Z');
    h.deps.settings.maxAttempts = 2;
    h.smtp.unknown.add(EMAIL['nguyen-van-luyen']);
    h.smtp.failData({ code: 421, times: 5 });
    await absent('nguyen-manh-ha', '2026-12-09');
    h.advance(121);
    await runNotices(h.deps);
    h.advance(3600);
    await runNotices(h.deps);
    h.advance(3600);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 0, retried: 0, failed: 0 });
    const rows = await log();
    expect(rows.map((row) => [row[1], row[2], row[3]]).sort()).toEqual([
      [EMAIL['nguyen-manh-ha'], 'failed', 2],
      [EMAIL['nguyen-van-luyen'], 'failed', 1],
    ]);
    expect(rows.find((row) => row[1] === EMAIL['nguyen-van-luyen'])![4]).toMatch(
      /^the mail server refused it: .*550/,
    );
    expect(rows.find((row) => row[1] === EMAIL['nguyen-manh-ha'])![4]).toMatch(
      /gave up after 2 attempts/,
    );
    expect(h.smtp.messages).toEqual([]);
  });
});
