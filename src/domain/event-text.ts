/**
 * The words of a duty event, in Vietnamese (default) or English: what staff read in their calendar.
 * Titles follow domain.md, e.g. `Trực Bộ phận Một cửa – Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà
 * nghỉ phép)`. Names and places are those in force on the slot's date, so past events keep the names they had.
 */
import { effectiveOn } from './effective.ts';
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
      business: 'đi công tác',
      other: 'vắng',
    },
    makeup: (date: string) => `Thứ Bảy làm bù cho ${date}`,
    swapped: (date: string) => `đổi ca với ngày ${date}`,
    unit: 'Đơn vị',
    place: 'Địa điểm',
    hours: 'Thời gian',
    sessions: ['Buổi sáng', 'Buổi chiều'],
    basis: 'Căn cứ',
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
      business: 'on a business trip',
      other: 'away',
    },
    makeup: (date: string) => `make-up Saturday for ${date}`,
    swapped: (date: string) => `swapped with ${date}`,
    unit: 'Unit',
    place: 'Place',
    hours: 'Hours',
    sessions: ['Morning', 'Afternoon'],
    basis: 'Basis',
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

/** The parenthesised remarks of a slot: whom it covers for and why, a swap, a làm bù day. */
export function slotRemarks(roster: Roster, slot: DutySlot, language: Language = 'vi'): string[] {
  const words = WORDS[language];
  const displaced = roster.members.find((member) => member.id === slot.coversFor);
  const remarks: string[] = [];
  if (displaced && slot.swappedWith && slot.kind === 'override')
    remarks.push(words.swapped(formatDate(slot.swappedWith)));
  else if (displaced)
    remarks.push(absentPhrase(words, memberName(displaced, language), slot.reason));
  if (slot.makeupFor) remarks.push(words.makeup(formatDayAndDate(slot.makeupFor, language)));
  return remarks;
}

/** The label of who serves: `Trực chính: Bà Nguyễn Mạnh Hà`, `Trực thay: …`, or `Chưa có người trực`. */
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
    case 'uncovered':
      return words.uncovered;
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
      ? `${words.unit}: ${memberWithTitle(serving, language)} – ${organisation.shortName ?? organisation.name}`
      : '',
    `${words.place}: ${location}`,
    `${words.hours}: ${slot.sessions
      .map(
        (session) =>
          `${words.sessions[session.start < '12:00' ? 0 : 1]} ${session.start}–${session.end}`,
      )
      .join('; ')}`,
    slot.note ? `${words.note}: ${slot.note}` : '',
    roster.basis ? `${words.basis}: ${basisLine(roster)}` : '',
  ];
  return {
    title: eventTitle(roster, slot, language),
    description: lines.filter(Boolean).join('\n'),
    location,
  };
}

function basisLine(roster: Roster): string {
  const basis = roster.basis!;
  const date =
    basis.date.length === 7
      ? `${basis.date.slice(5, 7)}/${basis.date.slice(0, 4)}`
      : formatDate(basis.date);
  const signer = basis.signerTitle ? `${basis.signerTitle} ${basis.signer}` : basis.signer;
  return `${basis.kind} số ${basis.number} (${date})${basis.issuer ? ` của ${basis.issuer}` : ''}, ${signer}`;
}
