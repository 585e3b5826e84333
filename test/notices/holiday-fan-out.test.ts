/**
 * A holiday edit's notices leave the request (issues 11 and 12): with 61 rosters the edit reads no roster's facts and
 * writes one job row with the edit; the notice worker then tells every roster, and each officer who loses a day gets
 * exactly one e-mail. Killed in the middle of the fan-out and run again, it tells nobody twice and skips nobody.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runNotices } from '../../src/jobs/notice-worker.ts';
import { fanOutHolidayNotices, ROSTER_PAGE } from '../../src/services/fan-out-holiday-notices.ts';
import type { SqlDatabase, SqlStatement } from '../../src/storage/sql.ts';
import { createStore } from '../../src/storage/store.ts';
import { type CountingDb, countingDb } from '../support/counting-db.ts';
import {
  calendarsWithEmails,
  EMAIL,
  type NoticeHarness,
  startNoticeHarness,
} from '../support/notices.ts';

const LETTER = 'so-vhttdl-bac-giang';
// More than one page of rosters (ROSTER_PAGE), so a restart meets a moved cursor.
const COPIES = 60;
const WEDNESDAY = '2026-12-09';
const HOLIDAY = {
  entry: {
    date: WEDNESDAY,
    kind: 'holiday',
    name: 'Ngày nghỉ giả định',
    status: 'official',
    source: 'bo-luat-lao-dong-2019',
  },
};

/** The letter's roster with e-mails, and `COPIES` copies under new roster ids, member ids and addresses. */
function rosterFiles() {
  const files = calendarsWithEmails();
  const letter = files.find((file) => file.path === `${LETTER}.yaml`)!;
  const copies = Array.from({ length: COPIES }, (_, index) => {
    let text = letter.text.replaceAll(LETTER, `${LETTER}-${index}`);
    for (const member of Object.keys(EMAIL)) text = text.replaceAll(member, `${member}-${index}`);
    return {
      path: `${LETTER}-${index}.yaml`,
      text: text.replaceAll('@svhttdl', `-${index}@svhttdl`),
    };
  });
  return [...files, ...copies];
}

const ROSTERS = [
  LETTER,
  ...Array.from({ length: COPIES }, (_, index) => `${LETTER}-${index}`),
].sort();

/** Every Bà Hà (of the letter and of each copy): the officers the Wednesday holiday relieves. */
const relieved = [
  EMAIL['nguyen-manh-ha'],
  ...Array.from({ length: COPIES }, (_, index) =>
    EMAIL['nguyen-manh-ha'].replace('@', `-${index}@`),
  ),
].sort();

let h: NoticeHarness;
afterEach(() => h.close());

async function harness(wrap: (db: SqlDatabase) => SqlDatabase = (db) => db) {
  let db!: CountingDb;
  h = await startNoticeHarness('2026-12-07T02:00:00Z', {
    calendars: rosterFiles(),
    wrapDb: (plain) => {
      db = countingDb(wrap(plain));
      return db;
    },
  });
  return db;
}

const noticeRows = async () =>
  (
    await h.service.ctx.store.db
      .prepare('SELECT roster_id, slot_key FROM notice_changes ORDER BY roster_id, slot_key')
      .all<{ roster_id: string; slot_key: string }>()
  ).results;

describe('a holiday edit with 61 rosters', () => {
  it('reads no roster in the request, then tells every Bà Hà once through the notice worker', async () => {
    const db = await harness();
    db.reset();
    await h.service.json('PUT', `/api/holidays/days/${WEDNESDAY}`, 200, HOLIDAY);
    expect(db.count(/INSERT INTO holiday_notice_jobs/)).toBe(1);
    expect(
      db.count(/FROM (absences|overrides|swaps)|FROM rosters ORDER BY id|notice_changes/),
    ).toBe(0);

    db.reset();
    h.advance(121);
    const run = await runNotices(h.deps);
    // Each roster read and compared once in the background, and each Bà Hà told once.
    expect(db.count(/^SELECT \* FROM absences WHERE roster_id/)).toBe(COPIES + 1);
    expect(run).toMatchObject({ planned: COPIES + 1, delivered: COPIES + 1 });
    expect(h.smtp.messages.map((mail) => mail.to[0]).sort()).toEqual(relieved);
    for (const mail of h.smtp.messages)
      expect(mail.text).toContain(
        'không còn ca trực Thứ Tư 09/12/2026 (07:30–12:00, 13:00–16:30).',
      );

    h.advance(121);
    expect(await runNotices(h.deps)).toMatchObject({ planned: 0, delivered: 0 });
    expect(h.smtp.messages).toHaveLength(COPIES + 1);
    expect(await h.service.ctx.store.holidayNotices.pending(10)).toEqual([]);
  });

  it('tells nobody when the edit changes nothing, and nothing is written for it', async () => {
    const db = await harness();
    await h.service.json('PUT', `/api/holidays/days/${WEDNESDAY}`, 200, HOLIDAY);
    db.reset();
    await h.service.json('PUT', `/api/holidays/days/${WEDNESDAY}`, 200, HOLIDAY);
    expect(db.count(/holiday_notice_jobs/)).toBe(0);
  });
});

/**
 * The database as a process killed at the `nth` write (a batch, or a statement run) matching `pattern` would leave
 * it: that write fails, the others land. The counting wrapper's statements carry their SQL.
 */
function killedAt(db: SqlDatabase, pattern: RegExp, nth: number): SqlDatabase {
  let seen = 0;
  const kill = () => ++seen === nth;
  const killable = (statement: SqlStatement): SqlStatement => ({
    ...statement,
    bind: (...values) => killable(statement.bind(...values)),
    run: () => (kill() ? Promise.reject(new Error('killed')) : statement.run()),
  });
  return {
    prepare: (sql) => (pattern.test(sql) ? killable(db.prepare(sql)) : db.prepare(sql)),
    exec: (sql) => db.exec(sql),
    batch(statements) {
      const sqls = statements.map((statement) => (statement as { sql?: string }).sql ?? '');
      if (sqls.some((sql) => pattern.test(sql)) && kill())
        return Promise.reject(new Error('killed'));
      return db.batch(statements);
    },
  };
}

describe('a fan-out killed midway', () => {
  it.each([
    // The failing roster holds up neither the rest of its page nor the error: the page throws after trying them all.
    ['when telling the 55th roster fails (second page)', /holiday_notice_rosters/, 55, COPIES],
    [
      'after telling the first page, before its cursor moved',
      /UPDATE holiday_notice_jobs/,
      1,
      ROSTER_PAGE,
    ],
  ])('resumes %s: every roster told once, none skipped', async (_, pattern, nth, toldBefore) => {
    const db = await harness();
    await h.service.json('PUT', `/api/holidays/days/${WEDNESDAY}`, 200, HOLIDAY);
    const killed = { store: createStore(killedAt(db, pattern, nth)), now: h.service.ctx.now };
    await expect(fanOutHolidayNotices(killed, 1000)).rejects.toThrow('killed');
    expect(await noticeRows()).toHaveLength(toldBefore);

    // Restarted: the page under way is done again, its rosters already told are skipped.
    expect(await fanOutHolidayNotices(h.service.ctx, 1000)).toEqual({
      rosters: expect.any(Number),
      more: false,
    });
    const rows = await noticeRows();
    expect(rows.map((row) => row.roster_id)).toEqual(ROSTERS);
    expect(new Set(rows.map((row) => row.slot_key.replace(/^[^/]+\//, '')))).toEqual(
      new Set([`${WEDNESDAY}/primary`]),
    );
  });
});
