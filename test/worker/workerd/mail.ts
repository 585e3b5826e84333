/**
 * E-mail from the Worker under test (test/worker/email.test.ts): the Worker configured for the SMTP stand-in, the
 * notice worker on the Worker's D1 with workerd's sockets and a clock of the test's, and Bà Hà's duties to change.
 */
import { connect } from 'cloudflare:sockets';
import { expect, inject } from 'vitest';
import { createSocketEmailChannel } from '../../../src/providers/notices/socket-email-channel.ts';
import {
  DEFAULT_NOTICE_SETTINGS,
  type NoticeDeps,
  type NoticeSettings,
} from '../../../src/services/notice-deps.ts';
import type { SqlDatabase } from '../../../src/storage/sql.ts';
import { createStore } from '../../../src/storage/store.ts';
import {
  callAndSettle,
  dayFromToday,
  env,
  json,
  ROSTER_ID,
  type SlotView,
  scheduleOf,
} from './api.ts';
import type { ReceivedMail } from './control.ts';

export const EMAIL: Record<string, string> = {
  'nguyen-manh-ha': 'ha@svhttdl.test',
  'nguyen-van-luyen': 'luyen@svhttdl.test',
  'nguyen-van-hanh': 'hanh@svhttdl.test',
};
const FROM = 'Lịch trực <lichtruc@svhttdl.test>';
export const ROSTER = `/api/rosters/${ROSTER_ID}`;
/** A wider window than the default 14 days: each test changes a duty of its own (the D1 state stays between tests). */
const NOTICE_DAYS = 40;

/** The Worker configured for e-mail (one runtime per bindings object), quiet hours off. */
export const mailEnv = (coalesceSeconds: number) =>
  ({
    ...env,
    LICHTRUC_SMTP_URL: inject('smtpUrl'),
    LICHTRUC_MAIL_FROM: FROM,
    LICHTRUC_NOTICE_COALESCE_SECONDS: String(coalesceSeconds),
    LICHTRUC_QUIET_HOURS: 'off',
    LICHTRUC_NOTICE_DAYS: String(NOTICE_DAYS),
  }) as Cloudflare.Env;
/** Changes through this one are only recorded: its own notice run waits an hour. */
export const recordingEnv = mailEnv(3600);

/** The notice worker on the Worker's D1 and workerd's sockets, at `offsetMs` from now. */
export function depsAt(
  clock: { offsetMs: number },
  settings: Partial<NoticeSettings> = {},
  timeoutMs = 2000,
): NoticeDeps {
  return {
    store: createStore(env.DB as unknown as SqlDatabase),
    now: () => new Date(Date.now() + clock.offsetMs),
    settings: { ...DEFAULT_NOTICE_SETTINGS, days: NOTICE_DAYS, quietHours: null, ...settings },
    channels: {
      email: createSocketEmailChannel({
        url: inject('smtpUrl'),
        from: FROM,
        domain: 'lichtruc.test',
        connect,
        timeoutMs,
      }),
    },
    random: () => 0.5,
  };
}

/**
 * Gives the three members their e-mail address (notice preferences), then lists at least `count` of Bà Hà's regular
 * duties from two days ahead (after "tomorrow") to the window's end, before any test changed one.
 * Each test takes the next one: a cover decided on an earlier day moves the rotation of later covers, so a test
 * changing a day before an earlier test's day would tell a third member too.
 */
export async function haDutiesWithEmails(count: number): Promise<SlotView[]> {
  for (const [memberId, email] of Object.entries(EMAIL))
    await json('PUT', `${ROSTER}/members/${memberId}/notice-preferences`, 200, { email });
  const duties = (
    await scheduleOf(ROSTER_ID, dayFromToday(2), dayFromToday(NOTICE_DAYS - 2))
  ).filter((slot) => slot.memberId === 'nguyen-manh-ha' && slot.kind === 'regular');
  expect(duties.length).toBeGreaterThanOrEqual(count);
  return duties;
}

/** A one-day absence over the API, through `bindings`' runtime. */
export const absent = async (
  bindings: Cloudflare.Env,
  memberId: string,
  date: string,
  reason = 'training',
) => {
  const response = await callAndSettle(bindings, 'POST', `${ROSTER}/absences`, {
    body: { memberId, from: date, to: date, reason },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { absence: { id: string } }).absence;
};
export const recipients = (mails: ReceivedMail[]) => mails.map((mail) => mail.to.join(',')).sort();
export const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
