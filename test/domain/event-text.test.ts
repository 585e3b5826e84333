/**
 * The words of a duty event as an officer reads them in a calendar: who is on duty (or whom nobody replaces), the
 * hours (provisional ones marked "dự kiến"), and the assignment letter cited the way official letters cite one.
 */
import { describe, expect, it } from 'vitest';
import { basisCitation, eventText, eventTitle, sessionsText } from '../../src/domain/event-text.ts';
import { expandRoster } from '../../src/domain/expand.ts';
import type { Absence } from '../../src/domain/facts-schema.ts';
import type { Roster } from '../../src/domain/roster-schema.ts';
import { HA, HANH, holidays, LUYEN, letterRoster } from '../support/sample.ts';

const away = (memberId: string, date: string): Absence => ({
  memberId,
  from: date,
  to: date,
  reason: 'leave',
});

function slotOn(date: string, absences: Absence[] = [], roster: Roster = letterRoster) {
  const { slots } = expandRoster({
    roster,
    holidays,
    from: date,
    to: date,
    facts: { absences, overrides: [], swaps: [] },
  });
  return slots[0]!;
}

describe('a day nobody can cover', () => {
  const everyone = [away(HA, '2024-05-08'), away(LUYEN, '2024-05-08'), away(HANH, '2024-05-08')];

  it('reads "Chưa có người trực thay Bà …" with the reason after, in Vietnamese and English', () => {
    const slot = slotOn('2024-05-08', everyone);
    expect(slot.kind).toBe('uncovered');
    expect(eventTitle(letterRoster, slot)).toBe(
      'Trực Bộ phận Một cửa – Chưa có người trực thay Bà Nguyễn Mạnh Hà (nghỉ phép)',
    );
    expect(eventTitle(letterRoster, slot, 'en')).toBe(
      'Duty at Bộ phận Một cửa – Nobody on duty for Nguyễn Mạnh Hà (on leave)',
    );
  });

  it('names nobody as on duty in the description', () => {
    const { description } = eventText(letterRoster, slotOn('2024-05-08', everyone));
    expect(description).not.toContain('Người trực:');
    expect(description.split('\n')[0]).toBe(
      'Địa điểm: Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
    );
  });
});

describe('the description', () => {
  it('labels the person "Người trực:" (not "Đơn vị:") and ends with the letter cited', () => {
    const { description } = eventText(letterRoster, slotOn('2024-05-06'));
    expect(description.split('\n')).toEqual([
      'Người trực: Bà Nguyễn Mạnh Hà – Chuyên viên Văn phòng Sở – Sở VHTTDL tỉnh Bắc Giang',
      'Địa điểm: Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
      'Thời gian: Buổi sáng 07:00–11:30; Buổi chiều 13:30–17:00 (dự kiến)',
      'Căn cứ Công văn số …/SVHTTDL-VP tháng 4/2024 của Sở VHTTDL tỉnh Bắc Giang',
    ]);
    expect(eventText(letterRoster, slotOn('2024-05-06'), 'en').description.split('\n')).toEqual([
      'On duty: Nguyễn Mạnh Hà – Chuyên viên Văn phòng Sở – Sở VHTTDL tỉnh Bắc Giang',
      'Place: Trung tâm Phục vụ hành chính công tỉnh Bắc Giang',
      'Hours: Morning 07:00–11:30; Afternoon 13:30–17:00 (provisional)',
      'Basis: Công văn số …/SVHTTDL-VP of 04/2024, Sở VHTTDL tỉnh Bắc Giang',
    ]);
  });

  it('marks only the hours of a season not confirmed: winter is the province’s, summer the regional norm', () => {
    expect(sessionsText(letterRoster, slotOn('2024-04-15'))).toBe(
      'Buổi sáng 07:30–12:00; Buổi chiều 13:00–16:30',
    );
    expect(sessionsText(letterRoster, slotOn('2024-04-16'))).toBe(
      'Buổi sáng 07:00–11:30; Buổi chiều 13:30–17:00 (dự kiến)',
    );
    const confirmed: Roster = {
      ...letterRoster,
      workingHours: letterRoster.workingHours.map((hours) => ({
        ...hours,
        seasons: hours.seasons.map((season) => ({ ...season, confirmed: true })),
      })),
    };
    expect(sessionsText(confirmed, slotOn('2024-04-16', [], confirmed))).toBe(
      'Buổi sáng 07:00–11:30; Buổi chiều 13:30–17:00',
    );
  });

  it('cites a numbered letter with its day, and one without an issuer', () => {
    const basis = { ...letterRoster.basis!, number: '123/SVHTTDL-VP', date: '2024-04-10' };
    expect(basisCitation(basis)).toBe(
      'Căn cứ Công văn số 123/SVHTTDL-VP ngày 10/04/2024 của Sở VHTTDL tỉnh Bắc Giang',
    );
    expect(basisCitation({ ...basis, kind: 'Quyết định', issuer: undefined })).toBe(
      'Căn cứ Quyết định số 123/SVHTTDL-VP ngày 10/04/2024',
    );
  });
});
