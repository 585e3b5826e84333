/**
 * The crash matrix: the process killed (a) after the change landed but while planning, (b) after a delivery was
 * claimed but before it was sent, (c) after the SMTP server accepted it but before it was recorded. A restart (fresh
 * notice dependencies on the same database) loses nothing and tells nobody twice; in (c) the copy sent again carries
 * the same Message-ID and webhook-id, so receivers can recognise it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import type { NoticeDeps } from '../../src/services/notice-deps.ts';
import type { NoticeStore } from '../../src/storage/notice-store.ts';
import { dying as dyingOf, Killed } from '../support/dying-notices.ts';
import { EMAIL, startNoticeHarness, type NoticeHarness } from '../support/notices.ts';

let h: NoticeHarness;

beforeEach(async () => {
  h = await startNoticeHarness('2026-12-07T02:00:00Z');
  await h.registerWebhook();
  await h.absent('nguyen-manh-ha', '2026-12-09', 'training');
  h.advance(121);
});
afterEach(() => h.close());

/** The notice dependencies of a process that dies when `step` of the store is reached. */
const dying = (step: keyof NoticeStore, after = false): NoticeDeps => dyingOf(h.deps, step, after);

const distinct = (values: string[]) => [...new Set(values)].sort();

describe('killed and restarted', () => {
  it('(a) while planning: the changes are still there and planned once on restart', async () => {
    await expect(runNotices(dying('plan'))).rejects.toThrow(Killed);
    expect(h.smtp.messages).toEqual([]);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 3, delivered: 3 });
    h.advance(600);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 0, delivered: 0 });
    expect(h.smtp.messages.map((mail) => mail.to[0]).sort()).toEqual([
      EMAIL['nguyen-manh-ha'],
      EMAIL['nguyen-van-luyen'],
    ]);
    expect(h.receiver.events).toHaveLength(1);
  });

  it('(b) after claiming, before sending: sent once, when the lease runs out', async () => {
    await expect(runNotices(dying('claim', true))).rejects.toThrow(Killed);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 2 }); // the claimed one is leased
    h.advance(5 * 60 + 1);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 1 });
    expect(h.smtp.messages.length + h.receiver.events.length).toBe(3);
  });

  it('(c) after the send, before recording: sent again with the same Message-ID and webhook-id', async () => {
    await expect(runNotices(dying('finish'))).rejects.toThrow(Killed);
    const first = h.smtp.messages.length + h.receiver.events.length;
    expect(first).toBe(1);
    await expect(runNotices(dying('finish'))).rejects.toThrow(Killed);
    await expect(runNotices(dying('finish'))).rejects.toThrow(Killed);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 0 }); // all three leased
    h.advance(5 * 60 + 1);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 3 });
    h.advance(3600);
    expect(await runNotices(h.deps)).toMatchObject({ delivered: 0 });
    const byMail = h.smtp.messages.map((mail) => `${mail.to[0]} ${mail.messageId}`);
    const byHook = h.receiver.events.map((event) => event.id);
    expect(byMail.length + byHook.length).toBe(6); // each sent twice
    expect(distinct(byMail)).toHaveLength(2); // … as one message each for a receiver
    expect(distinct(byHook)).toHaveLength(1);
  });
});
