/**
 * calendars/ at start-up: only new or changed files are parsed and applied; a broken file (here a YAML alias bomb)
 * is reported with its location, on the admin pages too, while the other files are applied and its roster keeps
 * its last good state; once fixed it is applied like any changed file.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { applyCalendarFiles } from '../../src/services/apply-calendar-files.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { readCalendarFiles } from '../support/sample.ts';
import { startTestService, type TestService } from '../support/service.ts';

const LETTER = 'so-vhttdl-bac-giang.yaml';
let service: TestService;
const { page, signIn } = pagesOf(() => service);

beforeEach(async () => {
  service = await startTestService();
});

/** A billion laughs in YAML: nine levels of nine aliases each. */
function aliasBomb(): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < 9; level++) {
    const previous = `*l${level - 1}`;
    lines.push(`l${level}: &l${level} [${Array(9).fill(previous).join(', ')}]`);
  }
  return lines.join('\n');
}

const letterText = () => readCalendarFiles().find((file) => file.path === LETTER)!.text;

/** The shipped files plus a second roster (a copy of the letter's under another id). */
function files(edit: (text: string) => string = (text) => text) {
  const shipped = readCalendarFiles();
  const letter = shipped.find((file) => file.path === LETTER)!;
  const second = letter.text.replaceAll('so-vhttdl-bac-giang', 'so-tu-phap-bac-giang');
  return [
    ...shipped.map((file) => (file.path === LETTER ? { ...file, text: edit(file.text) } : file)),
    { path: 'so-tu-phap-bac-giang.yaml', text: second },
  ];
}

describe('applying calendars/ at start-up', () => {
  it('parses and applies only the files that changed since the last start', async () => {
    const first = await applyCalendarFiles(service.ctx, files());
    // The letter's roster and the holiday tables were applied by the test service, not recorded as files.
    expect(first.unchanged).toBe(0);
    expect(first.rosters.map((roster) => [roster.id, roster.result])).toEqual([
      ['so-vhttdl-bac-giang', 'unchanged'],
      ['so-tu-phap-bac-giang', 'created'],
    ]);

    const again = await applyCalendarFiles(service.ctx, files());
    expect(again).toMatchObject({ rosters: [], holidayTables: [], missing: [], broken: [] });
    expect(again.unchanged).toBe(files().length);

    const renamed = (text: string) => text.replace(/^name: .*$/m, 'name: Lịch trực mới');
    const edited = await applyCalendarFiles(service.ctx, files(renamed));
    expect(edited.rosters).toEqual([
      { id: 'so-vhttdl-bac-giang', path: LETTER, result: 'updated' },
    ]);
    expect(edited.unchanged).toBe(files().length - 1);
    expect((await service.ctx.store.getRoster('so-vhttdl-bac-giang'))!.roster.name).toBe(
      'Lịch trực mới',
    );
  });

  it('skips an alias bomb, applies the other files, keeps its roster, and lists it for the admins', async () => {
    await applyCalendarFiles(service.ctx, files());
    const before = await service.ctx.store.getRoster('so-vhttdl-bac-giang');
    const report = await applyCalendarFiles(service.ctx, [
      ...files(() => aliasBomb()),
      {
        path: 'so-noi-vu.yaml',
        text: letterText().replaceAll('so-vhttdl-bac-giang', 'so-noi-vu'),
      },
    ]);
    expect(report.broken).toEqual([
      {
        path: LETTER,
        issues: ['1:1 Excessive alias count indicates a resource exhaustion attack'],
      },
    ]);
    expect(report.rosters).toEqual([
      { id: 'so-noi-vu', path: 'so-noi-vu.yaml', result: 'created' },
    ]);
    expect(report.missing).toEqual([]);
    expect(await service.ctx.store.getRoster('so-vhttdl-bac-giang')).toEqual(before);

    const { cookie } = await signIn();
    const home = await page('GET', '/admin', { cookie });
    expect(home.html).toContain('Tệp lịch không áp dụng được');
    expect(home.html).toContain(
      `${LETTER}:1:1 Excessive alias count indicates a resource exhaustion attack`,
    );

    // Fixed: applied again like any changed file, and no longer listed.
    const fixed = await applyCalendarFiles(service.ctx, files());
    expect(fixed.broken).toEqual([]);
    expect((await page('GET', '/admin', { cookie })).html).not.toContain(
      'Tệp lịch không áp dụng được',
    );
  });

  it('refuses a changed file that takes the id of a roster defined by an unchanged file', async () => {
    await applyCalendarFiles(service.ctx, files());
    const clash = files()[files().length - 1]!.text;
    const report = await applyCalendarFiles(service.ctx, [
      ...files(),
      { path: 'a-copy.yaml', text: clash },
    ]);
    expect(report.broken).toEqual([
      {
        path: 'a-copy.yaml',
        issues: [
          '1:1 roster id "so-tu-phap-bac-giang" is already defined in so-tu-phap-bac-giang.yaml',
        ],
      },
    ]);
    expect(report.rosters).toEqual([]);
  });
});
