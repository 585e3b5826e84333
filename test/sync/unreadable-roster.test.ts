/**
 * One roster whose stored definition no longer reads (a schema tightened since, a hand edit) stops no one else: the
 * drain pushes the good roster to the Google stand-in, the notice run tells its members by e-mail, each logs one line
 * for the broken one and keeps its waiting changes, and the admin sync page names it with what to do.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import {
  createEmailChannel,
  type EmailChannel,
} from '../../src/providers/notices/email-channel.ts';
import { drainOutbox } from '../../src/services/drain-outbox.ts';
import { DEFAULT_NOTICE_SETTINGS, type NoticeDeps } from '../../src/services/notice-deps.ts';
import { startSmtpStandIn, type SmtpStandIn } from '../stand-ins/smtp-server.ts';
import { pagesOf } from '../support/admin-pages.ts';
import {
  apiCalls,
  CALENDAR_ID,
  type GoogleSyncFixture,
  publishedRosterFiles,
  ROSTER_ID,
  startGoogleSync,
} from '../support/google-sync.ts';
import { EMAIL } from '../support/notices.ts';
import { applyPublishedFiles } from '../support/sync-fixture.ts';

const BROKEN = 'so-vhttdl-ban-sao';
const BROKEN_CALENDAR = 'ban-sao@group.calendar.google.com';

let fixture: GoogleSyncFixture;
let smtp: SmtpStandIn;
let email: EmailChannel;
const { page, signIn } = pagesOf(() => fixture.service);

function withEmails(text: string) {
  for (const [id, address] of Object.entries(EMAIL))
    text = text.replace(`- id: ${id}\n`, `- id: ${id}\n    email: ${address}\n`);
  return text;
}

beforeEach(async () => {
  fixture = await startGoogleSync({ now: '2024-05-06T01:00:00Z', editRoster: withEmails });
  fixture.standIn.createCalendar({
    id: BROKEN_CALENDAR,
    summary: 'Bản sao',
    writers: ['lichtruc-sync@du-an.iam.gserviceaccount.com'],
  });
  // A second roster, the same file under another id and calendar, applied next to the first.
  const files = publishedRosterFiles(withEmails);
  const copy = files.find((file) => file.path === `${ROSTER_ID}.yaml`)!;
  files.push({
    path: `${BROKEN}.yaml`,
    text: copy.text
      .replace(`id: ${ROSTER_ID}`, `id: ${BROKEN}`)
      .replace(CALENDAR_ID, BROKEN_CALENDAR),
  });
  await applyPublishedFiles(fixture.service, files);
  smtp = await startSmtpStandIn();
  email = createEmailChannel({
    url: smtp.url,
    from: 'lichtruc@svhttdl.test',
    domain: 'lichtruc.test',
    timeoutMs: 1500,
  });
});

afterEach(async () => {
  email.close();
  await smtp.close();
  await fixture.close();
});

/** The same absence in both rosters, then the second roster's stored definition broken for the schema. */
async function absentInBothThenBreak() {
  for (const roster of [ROSTER_ID, BROKEN])
    await fixture.service.json('POST', `/api/rosters/${roster}/absences`, 201, {
      memberId: 'nguyen-manh-ha',
      from: '2024-05-08',
      to: '2024-05-08',
      reason: 'training',
    });
  await fixture.service.ctx.store.db
    .prepare(
      "UPDATE rosters SET definition = json_set(definition, '$.timeZone', 7), definition_hash = 'broken' WHERE id = ?",
    )
    .bind(BROKEN)
    .run();
}

describe('a roster whose stored definition no longer reads', () => {
  it('is set aside by the drain and the notice run, which go on with the others', async () => {
    await absentInBothThenBreak();
    const lines: string[] = [];
    fixture.deps.log = (line) => lines.push(line);
    const results = await drainOutbox(fixture.deps);
    expect(results.map((result) => [result.rosterId, result.pending])).toEqual([[ROSTER_ID, 0]]);
    expect(apiCalls(fixture.standIn).writes).toBeGreaterThan(0);
    expect(fixture.standIn.events(BROKEN_CALENDAR)).toEqual([]);
    expect(lines).toEqual([
      `the stored definition of roster "${BROKEN}" no longer reads: timeZone: Invalid input: expected string, received number; set aside until it is stored again`,
    ]);
    const pending = await fixture.service.ctx.store.sync.pendingRosters();
    expect(pending.map((entry) => entry.rosterId)).toEqual([BROKEN]);

    const notices: NoticeDeps = {
      store: fixture.service.ctx.store,
      now: () => new Date('2024-05-06T01:05:00Z'),
      settings: { ...DEFAULT_NOTICE_SETTINGS, quietHours: null },
      channels: { email },
      random: () => 0.5,
      log: (line) => lines.push(line),
    };
    const run = await runNotices(notices);
    // The good roster's notices (the absent member and who covers) are delivered; the broken one's wait.
    expect(run).toMatchObject({ failed: 0, retried: 0 });
    expect(run.delivered).toBeGreaterThan(0);
    expect(smtp.messages).toHaveLength(run.delivered);
    expect(smtp.messages.map((mail) => mail.to[0])).toContain(EMAIL['nguyen-manh-ha']);
    const told = await fixture.service.ctx.store.notices.list({ rosterId: ROSTER_ID, limit: 50 });
    expect(told.map((row) => row.status)).toEqual(told.map(() => 'delivered'));
    expect(await fixture.service.ctx.store.notices.list({ rosterId: BROKEN, limit: 50 })).toEqual(
      [],
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`roster "${BROKEN}" no longer reads`);
    const waiting = await fixture.service.ctx.store.notices.pendingChanges();
    expect(new Set(waiting.map((change) => change.rosterId))).toEqual(new Set([BROKEN]));
  });

  it('is named on the admin sync page with what waits and what to do', async () => {
    await absentInBothThenBreak();
    fixture.deps.log = () => undefined;
    await drainOutbox(fixture.deps);
    const { cookie } = await signIn();
    const sync = await page('GET', '/admin/sync', { cookie });
    expect(sync.response.status).toBe(200);
    const card = new RegExp(
      `<div class="card" data-roster="${BROKEN}" data-unreadable>(.*?)</div>`,
      's',
    ).exec(sync.html)![1]!;
    expect(card).toContain('<h2>Lịch trực Bộ phận Một cửa – Sở Văn hóa, Thể thao và Du lịch</h2>');
    expect(card).toContain(
      'Không đọc được định nghĩa đã lưu của lịch trực này (timeZone: Invalid input: expected string, received number)',
    );
    expect(card).toMatch(/; [1-9]\d* thay đổi đang chờ\./);
    expect(sync.html).toContain(`data-roster="${ROSTER_ID}"`);
    const status = await fixture.service.json<{ unreadable: { id: string }[] }>(
      'GET',
      '/api/sync/status',
      200,
    );
    expect(status.body.unreadable.map((roster) => roster.id)).toEqual([BROKEN]);
  });
});

describe('storing the roster again', () => {
  it('answers 409 with how to mend it, and a PUT of the whole definition mends it', async () => {
    await absentInBothThenBreak();
    const lines: string[] = [];
    fixture.deps.log = (line) => lines.push(line);
    await drainOutbox(fixture.deps);
    const read = await fixture.service.request('GET', `/api/rosters/${BROKEN}`);
    expect(read.status).toBe(409);
    expect(((await read.json()) as { detail: string }).detail).toContain(
      `no longer reads: timeZone: Invalid input: expected string, received number: correct ${BROKEN}.yaml and apply it again`,
    );
    // Turned into an API roster (the file ones are mended by their file), then replaced whole.
    await fixture.service.ctx.store.db
      .prepare("UPDATE rosters SET origin = 'api', source_path = NULL WHERE id = ?")
      .bind(BROKEN)
      .run();
    const good = (await fixture.service.ctx.store.getRoster(ROSTER_ID))!.roster;
    const row = await fixture.service.ctx.store.db
      .prepare('SELECT version FROM rosters WHERE id = ?')
      .bind(BROKEN)
      .first<{ version: number }>();
    const definition = {
      ...good,
      id: BROKEN,
      publish: { google: { calendarId: BROKEN_CALENDAR } },
    };
    await fixture.service.json('PUT', `/api/rosters/${BROKEN}`, 200, definition, {
      'if-match': `"v${row!.version}"`,
    });
    expect(await fixture.service.ctx.store.unreadableRosters()).toEqual([]);
    await drainOutbox(fixture.deps);
    expect(lines).toHaveLength(1);
    expect(fixture.standIn.events(BROKEN_CALENDAR).length).toBeGreaterThan(0);
    expect(await fixture.service.ctx.store.sync.pendingRosters()).toEqual([]);
  });
});
