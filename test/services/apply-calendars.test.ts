import { beforeEach, describe, expect, it } from 'vitest';
import { loadCalendarSet, type SourceFile } from '../../src/domain/calendar-set.ts';
import { addAbsence } from '../../src/services/add-absence.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import { createRoster } from '../../src/services/roster-definitions.ts';
import { readCalendarFiles } from '../support/sample.ts';
import { startTestService, type TestService } from '../support/service.ts';

let service: TestService;
let files: SourceFile[];

beforeEach(async () => {
  service = await startTestService();
  files = readCalendarFiles();
});

const withRoster = (edit: (text: string) => string) =>
  files.map((file) =>
    file.path === 'so-vhttdl-bac-giang.yaml' ? { ...file, text: edit(file.text) } : file,
  );

describe('applying calendars/ at start-up', () => {
  it('is idempotent: applying the same files again changes nothing, not even the audit log', async () => {
    const auditBefore = await service.ctx.store.audit({ limit: 500 });
    const report = await applyCalendars(service.ctx, loadCalendarSet(files));
    expect(report.rosters).toEqual([
      { id: 'so-vhttdl-bac-giang', path: 'so-vhttdl-bac-giang.yaml', result: 'unchanged' },
    ]);
    expect(report.holidayTables.map((table) => table.result)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(await service.ctx.store.audit({ limit: 500 })).toEqual(auditBefore);
  });

  it('applies a changed file, keeps the absences admins entered, and audits the change', async () => {
    await addAbsence(service.ctx, 'so-vhttdl-bac-giang', {
      memberId: 'nguyen-van-luyen',
      from: '2024-05-07',
      to: '2024-05-07',
      reason: 'leave',
    });
    const edited = withRoster((text) =>
      text.replace('unit: Phòng Quản lý TDTT', 'unit: Phòng Quản lý Thể dục thể thao'),
    );
    const report = await applyCalendars(service.ctx, loadCalendarSet(edited));
    expect(report.rosters[0]).toMatchObject({ result: 'updated' });
    const stored = (await service.ctx.store.getRoster('so-vhttdl-bac-giang'))!;
    expect(stored.roster.members[2]!.unit).toBe('Phòng Quản lý Thể dục thể thao');
    expect((await service.ctx.store.factsOf('so-vhttdl-bac-giang')).absences).toHaveLength(1);
    const [entry] = await service.ctx.store.audit({ rosterId: 'so-vhttdl-bac-giang', limit: 1 });
    expect(entry).toMatchObject({
      action: 'roster.apply-file',
      actor: 'calendars/so-vhttdl-bac-giang.yaml',
    });
  });

  it('keeps and flags a roster whose file was removed, and unflags it when the file returns', async () => {
    const without = files.filter((file) => file.path !== 'so-vhttdl-bac-giang.yaml');
    expect((await applyCalendars(service.ctx, loadCalendarSet(without))).missing).toEqual([
      'so-vhttdl-bac-giang',
    ]);
    expect((await service.ctx.store.getRoster('so-vhttdl-bac-giang'))!.fileMissing).toBe(true);
    await applyCalendars(service.ctx, loadCalendarSet(files));
    expect((await service.ctx.store.getRoster('so-vhttdl-bac-giang'))!.fileMissing).toBe(false);
  });

  it('never lets a file take over a roster created over the API', async () => {
    const definition = (await service.ctx.store.getRoster('so-vhttdl-bac-giang'))!.roster;
    await createRoster(service.ctx, { ...definition, id: 'so-tu-phap', name: 'Sở Tư pháp' });
    const letter = files.find((file) => file.path === 'so-vhttdl-bac-giang.yaml')!;
    const clash = [
      ...files,
      {
        path: 'so-tu-phap.yaml',
        text: letter.text.replace('id: so-vhttdl-bac-giang', 'id: so-tu-phap'),
      },
    ];
    const report = await applyCalendars(service.ctx, loadCalendarSet(clash));
    expect(report.rosters.find((entry) => entry.id === 'so-tu-phap')).toMatchObject({
      result: 'skipped',
      reason: 'a roster created over the API already has this id',
    });
    expect((await service.ctx.store.getRoster('so-tu-phap'))!.roster.name).toBe('Sở Tư pháp');
  });

  it('skips a broken file with its location, applies the others, and leaves its roster as it was', async () => {
    const before = await service.ctx.store.getRoster('so-vhttdl-bac-giang');
    const broken = withRoster((text) => text.replace('from: 2024-04-15', 'from: 2024-04-31'));
    const report = await applyCalendars(service.ctx, loadCalendarSet(broken));
    expect(report.issues).toEqual([
      expect.objectContaining({
        file: 'so-vhttdl-bac-giang.yaml',
        line: expect.any(Number),
        message: 'no such date in the calendar',
      }),
    ]);
    // Not flagged as missing: the file is there, only broken.
    expect(report.missing).toEqual([]);
    expect(await service.ctx.store.getRoster('so-vhttdl-bac-giang')).toEqual(before);
  });
});
