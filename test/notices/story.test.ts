/**
 * The founding letter's story as the acceptance test: Bà Hà is away for training on Wednesday 09/12/2026, entered on
 * Monday morning. The covering officer gets exactly one e-mail naming the day, the hours and the place; Bà Hà gets one
 * saying she is relieved; Ông Hanh gets nothing; the webhook receives one `duty.changed` for the one changed slot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { EMAIL, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;

beforeEach(async () => {
  h = await startNoticeHarness('2026-12-07T02:00:00Z'); // Monday 09:00 in Hà Nội
  await h.registerWebhook();
});
afterEach(() => h.close());

describe("the letter's story", () => {
  it('tells Ông Luyện and Bà Hà once each, Ông Hanh nothing, and the webhook one duty.changed', async () => {
    await h.absent('nguyen-manh-ha', '2026-12-09', 'training');
    expect(await runNotices(h.deps)).toMatchObject({ planned: 0, delivered: 0 }); // coalescing window
    h.advance(121);
    expect(await runNotices(h.deps)).toEqual({ planned: 3, delivered: 3, retried: 0, failed: 0 });
    h.advance(600);
    expect(await runNotices(h.deps)).toEqual({ planned: 0, delivered: 0, retried: 0, failed: 0 });

    const byRecipient: Record<string, typeof h.smtp.messages> = {};
    for (const mail of h.smtp.messages)
      byRecipient[mail.to.join(',')] = [...(byRecipient[mail.to.join(',')] ?? []), mail];
    expect(Object.keys(byRecipient).sort()).toEqual([
      EMAIL['nguyen-manh-ha'],
      EMAIL['nguyen-van-luyen'],
    ]);
    const [luyen] = byRecipient[EMAIL['nguyen-van-luyen']]!;
    expect(byRecipient[EMAIL['nguyen-van-luyen']]).toHaveLength(1);
    expect(luyen!.subject).toBe('Thay đổi lịch trực Bộ phận Một cửa: Thứ Tư 09/12/2026');
    expect(luyen!.text).toContain(
      'Ông Nguyễn Văn Luyện trực thay Bà Nguyễn Mạnh Hà (đi học tập, bồi dưỡng) vào Thứ Tư 09/12/2026, ' +
        '07:30–12:00, 13:00–16:30, tại Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh.',
    );
    expect(luyen!.html).toContain('<li>Ông Nguyễn Văn Luyện trực thay');
    expect(luyen!.messageId).toMatch(/^<[0-9a-f-]{36}@lichtruc\.test>$/);
    const [ha] = byRecipient[EMAIL['nguyen-manh-ha']]!;
    expect(byRecipient[EMAIL['nguyen-manh-ha']]).toHaveLength(1);
    expect(ha!.text).toContain(
      'Bà Nguyễn Mạnh Hà được nghỉ trực Thứ Tư 09/12/2026 (07:30–12:00, 13:00–16:30); Ông Nguyễn Văn Luyện trực thay.',
    );

    expect(h.receiver.refused).toBe(0);
    expect(
      h.receiver.events.map((event) => [event.type, (event.data.slot as { key: string }).key]),
    ).toEqual([['duty.changed', 'so-vhttdl-bac-giang/2026-12-09/primary']]);
    expect(h.receiver.events[0]!.data).toMatchObject({
      before: { memberId: 'nguyen-manh-ha', kind: 'regular' },
      after: {
        memberId: 'nguyen-van-luyen',
        kind: 'cover',
        coversFor: 'nguyen-manh-ha',
        reason: 'training',
      },
    });
  });
});
