/**
 * No fan-out inside a request: a holiday edit with many rosters does the same work as with one (statements counted,
 * no feed rendered), and every feed fetched right after the answer shows the edit, each rendered once on its GET
 * (or before it, by the in-process feed worker).
 */
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import { createFeedWorker } from '../../src/jobs/feed-worker.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import { type CountingDb, countingDb } from '../support/counting-db.ts';
import { eventLines, uidsOf } from '../support/feed-reader.ts';
import { readCalendarFiles } from '../support/sample.ts';
import { startTestService, type TestService } from '../support/service.ts';

const DAY = '2024-05-06';
const LETTER = 'so-vhttdl-bac-giang';
const MEMBERS = ['nguyen-manh-ha', 'nguyen-van-luyen', 'nguyen-van-hanh'];
const HOLIDAY = {
  entry: {
    date: DAY,
    kind: 'holiday',
    name: 'Nghỉ lễ đặc biệt',
    status: 'official',
    source: 'bo-luat-lao-dong-2019',
  },
};
// Every render reads the scope's published events once: the count of renders.
const RENDER = /^SELECT \* FROM feed_events WHERE scope = \?/;

/** The letter's roster copied `count` times under new roster and member ids (each copy its own officers). */
function copies(count: number) {
  const letter = readCalendarFiles().find((file) => file.path === `${LETTER}.yaml`)!;
  return Array.from({ length: count }, (_, index) => {
    let text = letter.text.replaceAll(LETTER, `${LETTER}-${index}`);
    for (const member of MEMBERS) text = text.replaceAll(member, `${member}-${index}`);
    return { path: `${LETTER}-${index}.yaml`, text };
  });
}

interface Fixture {
  service: TestService;
  db: CountingDb;
  /** A roster feed and a member feed per roster. */
  paths: string[];
}

async function withRosters(extra: number): Promise<Fixture> {
  let db!: CountingDb;
  const service = await startTestService('2024-05-02T01:00:00Z', readCalendarFiles(), {
    wrapDb: (plain) => {
      db = countingDb(plain);
      return db;
    },
  });
  await applyCalendars(service.ctx, loadCalendarSet(copies(extra)));
  const rosters = [LETTER, ...Array.from({ length: extra }, (_, index) => `${LETTER}-${index}`)];
  const paths: string[] = [];
  for (const [index, rosterId] of rosters.entries()) {
    const memberId = index === 0 ? MEMBERS[0] : `${MEMBERS[0]}-${index - 1}`;
    for (const body of [{ rosterId }, { rosterId, memberId }]) {
      const { url } = (await service.json<{ url: string }>('POST', '/api/feeds', 201, body)).body;
      paths.push(new URL(url).pathname);
    }
  }
  return { service, db, paths };
}

async function getAll(fixture: Fixture): Promise<Response[]> {
  const answers = [];
  for (const path of fixture.paths)
    answers.push(await fixture.service.request('GET', path, { token: null }));
  return answers;
}

/** The statements of one holiday edit, after every feed was fetched once (so each has a rendered copy). */
async function holidayEdit(fixture: Fixture): Promise<string[]> {
  expect((await getAll(fixture)).map((answer) => answer.status)).toEqual(
    fixture.paths.map(() => 200),
  );
  fixture.service.setNow('2024-05-02T01:00:05Z');
  fixture.db.reset();
  await fixture.service.json('PUT', `/api/holidays/days/${DAY}`, 200, HOLIDAY);
  return [...fixture.db.log];
}

describe('a holiday edit with many rosters', () => {
  it('runs the same statements with 13 rosters as with one, and renders no feed in the request', async () => {
    const one = await withRosters(0);
    const many = await withRosters(12);
    const alone = await holidayEdit(one);
    const crowded = await holidayEdit(many);
    expect(crowded).toEqual(alone);
    // Change notices: one job row with the edit; no roster's facts read, no notice row written in the request.
    expect(crowded.filter((sql) => /INSERT INTO holiday_notice_jobs/.test(sql))).toHaveLength(1);
    expect(
      crowded.filter((sql) => /FROM (absences|overrides|swaps)|notice_changes/.test(sql)),
    ).toEqual([]);
    expect(crowded.filter((sql) => RENDER.test(sql))).toEqual([]);
    expect(crowded.filter((sql) => /feed_cache/.test(sql))).toEqual([]);
  });

  it('serves every feed with the edit right after the answer, each rendered once, then from its stored copy', async () => {
    const fixture = await withRosters(12);
    await holidayEdit(fixture);
    fixture.db.reset();
    const after = await getAll(fixture);
    expect(fixture.db.count(RENDER)).toBe(fixture.paths.length);
    for (const [index, answer] of after.entries()) {
      const text = await answer.text();
      expect(answer.status).toBe(200);
      // Monday 06/05 is Bà Hà's day in every copy: her feed and the roster's show it cancelled, SEQUENCE bumped.
      const uid = uidsOf(text).find((candidate) => candidate.includes('/2024-05-06/primary'));
      expect(uid, fixture.paths[index]).toBeDefined();
      const lines = eventLines(text, uid!);
      expect(lines).toContain('STATUS:CANCELLED');
      expect(lines).toContain('SEQUENCE:1');
    }
    fixture.db.reset();
    const again = await getAll(fixture);
    expect(again.map((answer) => answer.status)).toEqual(fixture.paths.map(() => 200));
    expect(fixture.db.count(RENDER)).toBe(0);
  });

  it('is rendered by the feed worker before the GETs, which then render nothing', async () => {
    const fixture = await withRosters(10);
    const worker = createFeedWorker(fixture.service.ctx, {
      onError: (error) => {
        throw error;
      },
    });
    fixture.service.appDeps.feedsChanged = () => worker.kick();
    await holidayEdit(fixture);
    await worker.idle();
    expect(await fixture.service.ctx.store.feeds.staleScopes(100)).toEqual([]);
    fixture.db.reset();
    const after = await getAll(fixture);
    expect(fixture.db.count(RENDER)).toBe(0);
    for (const answer of after) expect(await answer.text()).toMatch(/STATUS:CANCELLED/);
    worker.stop();
  });

  it('reaches a phone that polled before two edits as one new version: SEQUENCE one above what it saw', async () => {
    const fixture = await withRosters(0);
    const [rosterFeed] = fixture.paths;
    const uidOf = (text: string) =>
      uidsOf(text).find((candidate) => candidate.includes(`/${DAY}/primary`))!;
    const before = await (
      await fixture.service.request('GET', rosterFeed!, { token: null })
    ).text();
    expect(eventLines(before, uidOf(before))).toContain('SEQUENCE:0');
    fixture.service.setNow('2024-05-02T01:00:05Z');
    await fixture.service.json('PUT', `/api/holidays/days/${DAY}`, 200, HOLIDAY);
    fixture.service.setNow('2024-05-02T01:00:06Z');
    const renamed = { entry: { ...HOLIDAY.entry, name: 'Nghỉ lễ đặc biệt (đính chính)' } };
    await fixture.service.json('PUT', `/api/holidays/days/${DAY}`, 200, renamed);
    const after = await (await fixture.service.request('GET', rosterFeed!, { token: null })).text();
    const lines = eventLines(after, uidOf(after));
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:1');
  });
});
