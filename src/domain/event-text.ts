/**
 * The words of a duty event, in Vietnamese (default) or English: what staff read in their calendar.
 * Titles follow domain.md, e.g. `Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà
 * nghỉ phép)`. Names and places are those in force on the slot's date, so past events keep the names they had.
 */
import { effectiveOn, seasonOn } from './effective.ts';
import type { AbsenceReason } from './facts-schema.ts';
import type { Member, Position, Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';
import {
  formatDate,
  formatDayAndDate,
  type Language,
  memberName,
  memberWithTitle,
} from './vietnamese.ts';

export interface EventText {
  title: string;
  description: string;
  location: string;
}

const WORDS = {
  vi: {
    duty: 'Trực',
    position: { primary: 'Trực chính', backup: 'Trực dự bị' } satisfies Record<Position, string>,
    cover: 'Trực thay',
    override: 'Phân công trực',
    uncovered: 'Chưa có người trực',
    instead: 'thay',
    reasons: {
      leave: 'nghỉ phép',
      training: 'đi học tập, bồi dưỡng',
      sick: 'nghỉ ốm',
      personal: 'nghỉ việc riêng',
      business: 'đi công tác',
      other: 'vắng',
    },
    makeup: (date: string) => `Thứ Bảy làm bù cho ${date}`,
    swapped: (date: string) => `đổi ca với ngày ${date}`,
    serving: 'Người trực',
    place: 'Địa điểm',
    hours: 'Thời gian',
    sessions: ['Buổi sáng', 'Buổi chiều'],
    provisional: 'dự kiến',
    note: 'Ghi chú',
  },
  en: {
    duty: 'Duty at',
    position: { primary: 'Primary', backup: 'Backup' } satisfies Record<Position, string>,
    cover: 'Cover',
    override: 'Assigned',
    uncovered: 'Nobody on duty',
    instead: 'for',
    reasons: {
      leave: 'on leave',
      training: 'in training',
      sick: 'on sick leave',
      personal: 'away on personal matters',
      business: 'on a business trip',
      other: 'away',
    },
    makeup: (date: string) => `make-up Saturday for ${date}`,
    swapped: (date: string) => `swapped with ${date}`,
    serving: 'On duty',
    place: 'Place',
    hours: 'Hours',
    sessions: ['Morning', 'Afternoon'],
    provisional: 'provisional',
    note: 'Note',
  },
} as const;

type Words = (typeof WORDS)[Language];

/** Why someone is away, as written after their name: `nghỉ phép`, `đi học tập, bồi dưỡng`, `on leave`, … */
export function reasonText(reason: AbsenceReason, language: Language = 'vi'): string {
  return WORDS[language].reasons[reason];
}

function absentPhrase(words: Words, name: string, reason: AbsenceReason | null): string {
  return reason ? `${words.instead} ${name} ${words.reasons[reason]}` : `${words.instead} ${name}`;
}

/**
 * The parenthesised remarks of a slot: whom it covers for and why, a swap, a làm bù day. An uncovered slot names
 * the absent member in its label already, so its remark is only the reason.
 */
export function slotRemarks(roster: Roster, slot: DutySlot, language: Language = 'vi'): string[] {
  const words = WORDS[language];
  const displaced = roster.members.find((member) => member.id === slot.coversFor);
  const remarks: string[] = [];
  if (displaced && slot.swappedWith && slot.kind === 'override')
    remarks.push(words.swapped(formatDate(slot.swappedWith)));
  else if (slot.kind === 'uncovered') {
    if (slot.reason) remarks.push(words.reasons[slot.reason]);
  } else if (displaced)
    remarks.push(absentPhrase(words, memberName(displaced, language), slot.reason));
  if (slot.makeupFor) remarks.push(words.makeup(formatDayAndDate(slot.makeupFor, language)));
  return remarks;
}

/**
 * The label of who serves: `Trực chính: Bà Nguyễn Mạnh Hà`, `Trực thay: …`, or, when nobody can,
 * `Chưa có người trực thay Bà Nguyễn Mạnh Hà`.
 */
export function slotLabel(roster: Roster, slot: DutySlot, language: Language = 'vi'): string {
  const words = WORDS[language];
  const serving = roster.members.find((member) => member.id === slot.memberId);
  const who = serving ? memberName(serving, language) : '';
  switch (slot.kind) {
    case 'regular':
    case 'makeup':
      return `${words.position[slot.position]}: ${who}`;
    case 'cover':
      return `${words.cover}: ${who}`;
    case 'override':
      return `${words.override}: ${who}`;
    case 'uncovered': {
      const absent = roster.members.find((member) => member.id === slot.coversFor);
      return absent
        ? `${words.uncovered} ${words.instead} ${memberName(absent, language)}`
        : words.uncovered;
    }
  }
}

export function eventTitle(roster: Roster, slot: DutySlot, language: Language = 'vi'): string {
  const remarks = slotRemarks(roster, slot, language).map((remark) => ` (${remark})`);
  return `${WORDS[language].duty} ${roster.desk.title} – ${slotLabel(roster, slot, language)}${remarks.join('')}`;
}

export function eventText(roster: Roster, slot: DutySlot, language: Language = 'vi'): EventText {
  const words = WORDS[language];
  const desk = effectiveOn(roster.desk.names, slot.date);
  const organisation = effectiveOn(roster.organisation.names, slot.date);
  const serving: Member | undefined = roster.members.find((member) => member.id === slot.memberId);
  const location = desk.address ? `${desk.location}, ${desk.address}` : desk.location;
  const lines = [
    serving
      ? `${words.serving}: ${memberWithTitle(serving, language)} – ${organisation.shortName ?? organisation.name}`
      : '',
    `${words.place}: ${location}`,
    `${words.hours}: ${sessionsText(roster, slot, language)}`,
    slot.note ? `${words.note}: ${slot.note}` : '',
    roster.basis ? basisCitation(roster.basis, language) : '',
  ];
  return {
    title: eventTitle(roster, slot, language),
    description: lines.filter(Boolean).join('\n'),
    location,
  };
}

/** True when the hours of the slot's season are a norm the province has not confirmed (`confirmed: false`). */
export function hoursProvisional(roster: Roster, slot: Pick<DutySlot, 'date'>): boolean {
  return !seasonOn(roster, slot.date).confirmed;
}

/** ` (dự kiến)` after hours that are not confirmed yet, else nothing. */
export function provisionalSuffix(
  roster: Roster,
  slot: DutySlot,
  language: Language = 'vi',
): string {
  return hoursProvisional(roster, slot) ? ` (${WORDS[language].provisional})` : '';
}

/** `Buổi sáng 07:00–11:30; Buổi chiều 13:30–17:00 (dự kiến)`. */
export function sessionsText(roster: Roster, slot: DutySlot, language: Language = 'vi'): string {
  const words = WORDS[language];
  const sessions = slot.sessions.map(
    (session) =>
      `${words.sessions[session.start < '12:00' ? 0 : 1]} ${session.start}–${session.end}`,
  );
  return `${sessions.join('; ')}${provisionalSuffix(roster, slot, language)}`;
}

/**
 * The assignment document cited the way official letters cite one: `Căn cứ Công văn số …/SVHTTDL-VP tháng 4/2024
 * của Sở VHTTDL tỉnh Bắc Giang`. A number left blank in the letter (`/SVHTTDL-VP`) keeps its blank as `…`.
 */
export function basisCitation(
  basis: NonNullable<Roster['basis']>,
  language: Language = 'vi',
): string {
  const number = basis.number.startsWith('/') ? `…${basis.number}` : basis.number;
  const [year, month] = basis.date.split('-') as [string, string];
  if (language === 'en') {
    const when = basis.date.length === 7 ? `${month}/${year}` : formatDate(basis.date);
    return `Basis: ${basis.kind} số ${number} of ${when}${basis.issuer ? `, ${basis.issuer}` : ''}`;
  }
  const when =
    basis.date.length === 7 ? `tháng ${Number(month)}/${year}` : `ngày ${formatDate(basis.date)}`;
  return `Căn cứ ${basis.kind} số ${number} ${when}${basis.issuer ? ` của ${basis.issuer}` : ''}`;
}
