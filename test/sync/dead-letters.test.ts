/**
 * Dead letters (Workers' queue messages that failed every retry, recorded in D1 by the dead-letter consumers) on the
 * admin sync page of the Node app, with rows inserted through the store as the consumers write them: each says in
 * words what did not happen for which roster, and Chạy lại re-runs it (a feed rendered, a push resynced to the Google
 * stand-in) and clears it. Node's own workers never write any: its page shows none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../support/admin-pages.ts';
import {
  CALENDAR_ID,
  type GoogleSyncFixture,
  ROSTER_ID,
  startGoogleSync,
} from '../support/google-sync.ts';

let fixture: GoogleSyncFixture;
const { page, signIn } = pagesOf(() => fixture.service);
const NAME = 'Lịch trực Bộ phận Một cửa – Sở Văn hóa, Thể thao và Du lịch';

beforeEach(async () => {
  fixture = await startGoogleSync();
});
afterEach(() => fixture.close());

const record = (scope: string | null, body: unknown, attempts = 5) =>
  fixture.service.ctx.store.feeds.recordDeadLetter(
    scope,
    JSON.stringify(body),
    attempts,
    '2024-05-02T00:30:00Z',
  );

const seqOf = (html: string, text: string) => {
  const at = html.indexOf(text);
  expect(at).toBeGreaterThan(-1);
  return /data-dead-letter="(\d+)"/.exec(
    html.slice(html.lastIndexOf('data-dead-letter', at) - 1),
  )![1]!;
};

describe('dead letters on the admin sync page', () => {
  it('shows none when there are none (Node writes none)', async () => {
    const { cookie } = await signIn();
    const sync = await page('GET', '/admin/sync', { cookie });
    expect(sync.response.status).toBe(200);
    expect(sync.html).not.toContain('data-dead-letter');
    expect(sync.html).not.toContain('id="dead-letters"');
  });

  it('says what did not happen per roster, and re-runs a feed render and a push', async () => {
    const scope = `roster:${ROSTER_ID}`;
    await record(scope, { kind: 'render', scope });
    await fixture.service.ctx.store.sync.saveState({
      provider: 'google',
      rosterId: ROSTER_ID,
      lastStartedAt: '2024-05-02T00:20:00Z',
      lastFinishedAt: '2024-05-02T00:21:00Z',
      lastResult: null,
      lastError: 'Google trả lời 503 Service Unavailable',
      blocked: false,
      progress: null,
    });
    await record(`push:${ROSTER_ID}`, { kind: 'push', rosterId: ROSTER_ID, band: 0 }, 4);
    await record(null, { kind: 'refresh' }, 3);
    const { cookie, csrf } = await signIn();
    const sync = (await page('GET', '/admin/sync', { cookie })).html;
    const card = sync.slice(sync.indexOf(`data-roster="${ROSTER_ID}"`));
    const feedText = `Lịch của ${NAME} (đường liên kết ICS) không được cập nhật sau 5 lần thử; bấm Chạy lại.`;
    const pushText = `Lịch của ${NAME} không được đẩy lên Google Calendar hay Outlook sau 4 lần thử (lỗi cuối: Google trả lời 503 Service Unavailable); bấm Chạy lại.`;
    expect(card).toContain(feedText);
    expect(card).toContain(pushText);
    const general = sync.slice(sync.indexOf('id="dead-letters"'), sync.indexOf('data-roster='));
    expect(general).toContain(
      'Một lượt chia việc nền không thành công sau 3 lần thử; bấm Chạy lại. Lịch chạy định kỳ sẽ tự làm lại.',
    );

    // The feed renders at once and its letter is gone.
    expect(await fixture.service.ctx.store.feeds.cached(scope)).toBeNull();
    const feedSeq = seqOf(sync, feedText);
    const rerun = await page('POST', `/admin/sync/dead-letters/${feedSeq}/rerun`, {
      cookie,
      form: { csrf },
    });
    expect(rerun.response.status).toBe(303);
    expect(rerun.response.headers.get('location')).toBe('/admin/sync');
    expect(await fixture.service.ctx.store.feeds.cached(scope)).not.toBeNull();

    // The push becomes a resync of the roster, followed on its progress page.
    expect(fixture.standIn.events(CALENDAR_ID)).toEqual([]);
    const pushSeq = seqOf(sync, pushText);
    const pushed = await page('POST', `/admin/sync/dead-letters/${pushSeq}/rerun`, {
      cookie,
      form: { csrf },
    });
    expect(pushed.response.headers.get('location')).toBe(`/admin/sync/${ROSTER_ID}/progress`);
    let progress = '';
    for (let poll = 0; poll < 500 && !progress.includes('Đã đồng bộ lại'); poll++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      progress = (await page('GET', `/admin/sync/${ROSTER_ID}/progress`, { cookie })).html;
    }
    expect(progress).toContain('Đã đồng bộ lại');
    expect(fixture.standIn.events(CALENDAR_ID).length).toBeGreaterThan(0);

    const after = (await page('GET', '/admin/sync', { cookie })).html;
    expect(after).not.toContain(feedText);
    expect(after).not.toContain(pushText);
    expect(after).toContain('Một lượt chia việc nền');
    // A second click on a letter re-run already does nothing more; a made-up one is not found.
    const again = await page('POST', `/admin/sync/dead-letters/${feedSeq}/rerun`, {
      cookie,
      form: { csrf },
    });
    expect(again.response.headers.get('location')).toBe('/admin/sync');
    const bogus = await page('POST', '/admin/sync/dead-letters/abc/rerun', {
      cookie,
      form: { csrf },
    });
    expect(bogus.response.status).toBe(404);
  });

  it('names the rosters of a holiday notice page and tells them again', async () => {
    const { cookie, csrf } = await signIn();
    await fixture.service.json('PUT', '/api/holidays/days/2024-05-08', 200, {
      entry: {
        date: '2024-05-08',
        kind: 'holiday',
        name: 'Ngày nghỉ giả định',
        status: 'official',
        source: 'bo-luat-lao-dong-2019',
      },
    });
    const store = fixture.service.ctx.store;
    const [job] = await store.holidayNotices.pending(1);
    expect(job).toBeDefined();
    await record(null, { kind: 'holiday-rosters', job: job!.id, rosters: [ROSTER_ID, 'gone'] });
    const sync = (await page('GET', '/admin/sync', { cookie })).html;
    const text = `Thông báo đổi ngày nghỉ lễ cho ${NAME}, gone không được tạo sau 5 lần thử; bấm Chạy lại.`;
    expect(sync.slice(sync.indexOf('id="dead-letters"'))).toContain(text);
    const told = async () =>
      (await store.notices.pendingChanges()).filter((change) => change.rosterId === ROSTER_ID);
    expect(await told()).toEqual([]);
    const rerun = await page('POST', `/admin/sync/dead-letters/${seqOf(sync, text)}/rerun`, {
      cookie,
      form: { csrf },
    });
    expect(rerun.response.status).toBe(303);
    for (let poll = 0; poll < 500 && (await told()).length === 0; poll++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    // Bà Hà's Wednesday is now a holiday: the roster's change is recorded for its notices.
    expect((await told()).length).toBeGreaterThan(0);
    expect(await store.feeds.deadLetters(10)).toEqual([]);
  });
});
