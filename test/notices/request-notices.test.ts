/**
 * Notices of staff requests, read back from the real SMTP stand-in: the admins are told of a request waiting for
 * them, the colleague asked to take a swap is told, the requester hears of the decision with the manager's note;
 * nobody else gets anything, a colleague reads someone's sensitive reason as "vắng", quiet hours hold them, and
 * planning a step again sends nothing twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { requestNoticeStatement } from '../../src/storage/request-notice-store.ts';
import { EMAIL, ROSTER, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';
import { HA, type StaffLink, staffLink, staffPages } from '../support/staff-requests.ts';

const OFFICE = 'vanphong@svhttdl.test';
const ROSTER_ID = 'so-vhttdl-bac-giang';

let h: NoticeHarness;
afterEach(() => h.close());

async function start(now: string) {
  h = await startNoticeHarness(now);
  await h.service.json('POST', `${ROSTER}/notice-contacts`, 201, {
    role: 'admin',
    channel: 'email',
    address: OFFICE,
  });
  return staffPages(h.service);
}

/** The request notices sent so far (not the duty changes an approval also tells), as [to, subject]. */
const requestMail = () =>
  h.smtp.messages
    .filter((mail) => mail.subject.startsWith('Đề nghị'))
    .map((mail) => [mail.to.join(','), mail.subject]);
const textTo = (address: string) =>
  h.smtp.messages.filter((mail) => mail.to[0] === address).map((mail) => mail.text);

async function requestIdOf(state: string) {
  const { body } = await h.service.json<{ requests: { id: string }[] }>(
    'GET',
    `${ROSTER}/requests?state=${state}`,
    200,
  );
  return body.requests[0]!.id;
}

async function askAbsence(
  pages: ReturnType<typeof staffPages>,
  ha: StaffLink,
  date: string,
  reason: string,
) {
  await pages.submit(ha, 'absence', { rosterId: ROSTER_ID, from: date, to: date, reason });
  return requestIdOf('pending');
}

describe('an absence request', () => {
  it('tells the admins once, then the requester of the decline and of the approval, with the note', async () => {
    const pages = await start('2026-12-07T02:00:00Z'); // Monday 09:00
    const ha = await staffLink(h.service, HA);
    const first = await askAbsence(pages, ha, '2026-12-16', 'sick');
    await runNotices(h.deps);
    await runNotices({ ...h.deps });
    expect(requestMail()).toEqual([
      [OFFICE, 'Đề nghị nghỉ trực chờ duyệt: Bà Nguyễn Mạnh Hà (Bộ phận Một cửa)'],
    ]);
    expect(textTo(OFFICE)[0]).toContain(
      '- Bà Nguyễn Mạnh Hà đề nghị nghỉ Thứ Tư 16/12/2026 (nghỉ ốm). Xin duyệt hoặc từ chối trên trang quản trị, mục Đề nghị.',
    );

    await h.service.json('POST', `${ROSTER}/requests/${first}/decline`, 200, {
      reason: 'Tuần này thiếu người',
    });
    await runNotices(h.deps);
    expect(requestMail().slice(1)).toEqual([
      [EMAIL[HA], 'Đề nghị không được duyệt: Bà Nguyễn Mạnh Hà (Bộ phận Một cửa)'],
    ]);
    expect(textTo(EMAIL[HA])[0]).toContain(
      '- Đề nghị nghỉ Thứ Tư 16/12/2026 (nghỉ ốm) không được duyệt. Ghi chú của người duyệt: Tuần này thiếu người',
    );

    const second = await askAbsence(pages, ha, '2026-12-18', 'training');
    await h.service.json('POST', `${ROSTER}/requests/${second}/approve`, 200, { reason: 'Đồng ý' });
    await runNotices(h.deps);
    expect(requestMail().slice(2)).toEqual([
      [OFFICE, 'Đề nghị nghỉ trực chờ duyệt: Bà Nguyễn Mạnh Hà (Bộ phận Một cửa)'],
      [EMAIL[HA], 'Đề nghị đã được duyệt: Bà Nguyễn Mạnh Hà (Bộ phận Một cửa)'],
    ]);
    expect(textTo(EMAIL[HA]).at(-1)).toContain(
      '- Đề nghị nghỉ Thứ Sáu 18/12/2026 (đi học tập, bồi dưỡng) đã được duyệt. Ghi chú của người duyệt: Đồng ý',
    );
    const colleagues = [EMAIL['nguyen-van-luyen'], EMAIL['nguyen-van-hanh']];
    expect(requestMail().filter(([to]) => colleagues.includes(to!))).toEqual([]);
  });

  it('waits for the end of quiet hours, and planning a step again sends nothing twice', async () => {
    const pages = await start('2026-12-07T15:00:00Z'); // Monday 22:00
    const ha = await staffLink(h.service, HA);
    await askAbsence(pages, ha, '2026-12-16', 'leave');
    const [step] = await h.service.ctx.store.requestNotices.pending(10);
    await runNotices(h.deps);
    expect(h.smtp.messages).toEqual([]);
    // As if the step's row had come back after planning (a crash before its removal): same delivery ids.
    await requestNoticeStatement(h.service.ctx.store.db, step!, '2026-12-07T15:00:00Z').run();
    h.advance(9 * 3600); // 07:00
    await runNotices(h.deps);
    await runNotices(h.deps);
    expect(requestMail()).toEqual([
      [OFFICE, 'Đề nghị nghỉ trực chờ duyệt: Bà Nguyễn Mạnh Hà (Bộ phận Một cửa)'],
    ]);
    expect(await h.service.ctx.store.requestNotices.pending(10)).toEqual([]);
  });
});

describe('a swap', () => {
  it('tells the colleague (a private reason as "vắng"), then the admins and the requester once accepted', async () => {
    const pages = await start('2026-12-07T02:00:00Z');
    await h.absent(HA, '2026-12-09', 'sick');
    const { body } = await h.service.json<{ slots: { memberId: string }[] }>(
      'GET',
      `${ROSTER}/schedule?from=2026-12-09&to=2026-12-09`,
      200,
    );
    const cover = body.slots[0]!.memberId as 'nguyen-van-luyen' | 'nguyen-van-hanh';
    const other = cover === 'nguyen-van-luyen' ? 'nguyen-van-hanh' : 'nguyen-van-luyen';
    const theirs = other === 'nguyen-van-hanh' ? '2026-12-10' : '2026-12-15';
    h.advance(121);
    await runNotices(h.deps); // the absence itself: Bà Hà and her cover
    const before = h.smtp.messages.length;

    await pages.submit(await staffLink(h.service, cover), 'swap', {
      rosterId: ROSTER_ID,
      mine: '2026-12-09/primary',
      colleagueId: other,
      theirs,
    });
    await runNotices(h.deps);
    const proposed = h.smtp.messages.slice(before);
    expect(proposed.map((mail) => mail.to[0])).toEqual([EMAIL[other]]);
    expect(proposed[0]!.subject).toMatch(/^Đề nghị đổi ca trực: Ông Nguyễn Văn (Luyện|Hanh)/);
    expect(proposed[0]!.text).toContain(
      'đề nghị đổi ca trực Thứ Tư 09/12/2026 (07:30–12:00, 13:00–16:30; trực thay Bà Nguyễn Mạnh Hà (vắng)) của',
    );
    expect(proposed[0]!.text).toContain(
      'Nếu đồng ý, xin bấm Đồng ý trên trang lịch trực của mình.',
    );
    expect(proposed[0]!.text).not.toContain('ốm');

    const id = await requestIdOf('proposed');
    await pages.submit(await staffLink(h.service, other), `${id}/accept`, {});
    await runNotices(h.deps);
    const accepted = h.smtp.messages.slice(before + 1);
    expect(accepted.map((mail) => mail.to[0]).sort()).toEqual([EMAIL[cover], OFFICE].sort());
    const office = accepted.find((mail) => mail.to[0] === OFFICE)!;
    expect(office.subject).toMatch(/^Đề nghị đổi ca trực chờ duyệt: /);
    expect(office.text).toContain('thay Bà Nguyễn Mạnh Hà (nghỉ ốm)'); // admins read the reason
    const requester = accepted.find((mail) => mail.to[0] === EMAIL[cover])!;
    expect(requester.text).toContain('đã đồng ý đề nghị đổi ca trực');
    expect(requester.text).toContain('đề nghị đang chờ duyệt.');

    await pages.submit(await staffLink(h.service, cover), `${id}/withdraw`, {});
    await runNotices(h.deps);
    const withdrawn = h.smtp.messages.slice(before + 3);
    expect(withdrawn.map((mail) => mail.to[0]).sort()).toEqual([EMAIL[other], OFFICE].sort());
    expect(withdrawn[0]!.text).toContain('đã rút lại đề nghị đổi ca trực');
    expect(h.smtp.messages.slice(before).filter((mail) => mail.to[0] === EMAIL[HA])).toEqual([]);
  });

  it('tells the requester when the colleague declines it, with the note, and nobody else', async () => {
    const pages = await start('2026-12-07T02:00:00Z');
    const luyen = await staffLink(h.service, 'nguyen-van-luyen');
    const hanh = await staffLink(h.service, 'nguyen-van-hanh');
    await pages.submit(luyen, 'swap', {
      rosterId: ROSTER_ID,
      mine: '2026-12-08/backup',
      colleagueId: 'nguyen-van-hanh',
      theirs: '2026-12-10',
    });
    await runNotices(h.deps);
    await pages.submit(hanh, `${await requestIdOf('proposed')}/decline`, {
      note: 'Hôm đó tôi đi họp',
    });
    await runNotices(h.deps);
    expect(requestMail()).toEqual([
      [EMAIL['nguyen-van-hanh'], 'Đề nghị đổi ca trực: Ông Nguyễn Văn Luyện (Bộ phận Một cửa)'],
      [
        EMAIL['nguyen-van-luyen'],
        'Đề nghị đổi ca trực không được đồng ý: Ông Nguyễn Văn Luyện (Bộ phận Một cửa)',
      ],
    ]);
    expect(textTo(EMAIL['nguyen-van-luyen'])[0]).toContain(
      '- Ông Nguyễn Văn Hanh không đồng ý đề nghị đổi ca trực Thứ Ba 08/12/2026 (07:30–12:00, 13:00–16:30) của Ông Nguyễn Văn Luyện lấy ca Thứ Năm 10/12/2026 (07:30–12:00, 13:00–16:30) của Ông Nguyễn Văn Hanh. Ghi chú: Hôm đó tôi đi họp',
    );
  });
});
