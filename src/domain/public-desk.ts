/**
 * The public face of a desk, for applicants (no secret link): who serves which day, with honorific, name and title
 * only, the hours and the place, and the days the desk is closed with the holiday's name. Never e-mail, phone, unit,
 * covers or absences: an applicant needs to know who to see, not why someone else is away.
 */
import type { IsoDate } from './dates.ts';
import { effectiveOn, seasonOn } from './effective.ts';
import { hoursProvisional } from './event-text.ts';
import type { DesiredEvent } from './feed-state.ts';
import { contentHash } from './hash.ts';
import type { Roster, Session } from './roster-schema.ts';
import type { ClosedDay, DutySlot, Expansion } from './slot.ts';
import { formatClock, type Language, memberName } from './vietnamese.ts';
import { zonedDateTime } from './zone.ts';

export interface PublicDuty {
  /** With the honorific: `Bà Nguyễn Mạnh Hà`; null while nobody is assigned yet. */
  name: string | null;
  title: string | null;
}

export interface PublicDay {
  date: IsoDate;
  /** `07h00–11h30, 13h30–17h00`, with `(dự kiến)` after hours not confirmed yet. */
  hours: string;
  place: string;
  duties: PublicDuty[];
  /** The holiday's name when the desk is closed that day. */
  closed: string | null;
}

export function deskPlace(roster: Roster, date: IsoDate): string {
  const desk = effectiveOn(roster.desk.names, date);
  return desk.address ? `${desk.location}, ${desk.address}` : desk.location;
}

/** `07h00–11h30, 13h30–17h00`, marked provisional while the province has not confirmed the season's hours. */
function hoursOf(roster: Roster, date: IsoDate, sessions: readonly Session[], language: Language) {
  const hours = sessions
    .map((session) => `${formatClock(session.start)}–${formatClock(session.end)}`)
    .join(', ');
  return hoursProvisional(roster, { date }) ? `${hours} (${WORDS[language].provisional})` : hours;
}

function publicDuty(roster: Roster, slot: DutySlot, language: Language): PublicDuty {
  const member = roster.members.find((candidate) => candidate.id === slot.memberId);
  return member
    ? { name: memberName(member, language), title: member.title }
    : { name: null, title: null };
}

/** The days of `expansion` that have a duty or a closure, in date order. */
export function publicDays(roster: Roster, expansion: Expansion, language: Language): PublicDay[] {
  const days = new Map<IsoDate, PublicDay>();
  const dayOf = (date: IsoDate, sessions: readonly Session[]) => {
    let day = days.get(date);
    if (!day) {
      day = {
        date,
        hours: hoursOf(roster, date, sessions, language),
        place: deskPlace(roster, date),
        duties: [],
        closed: null,
      };
      days.set(date, day);
    }
    return day;
  };
  for (const slot of expansion.slots)
    dayOf(slot.date, slot.sessions).duties.push(publicDuty(roster, slot, language));
  for (const closed of expansion.closedDays)
    dayOf(closed.date, seasonOn(roster, closed.date).sessions).closed = closed.name;
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const WORDS = {
  vi: {
    duty: 'Trực',
    closed: 'nghỉ',
    place: 'Địa điểm',
    hours: 'Thời gian',
    pending: 'đang bố trí',
    provisional: 'dự kiến',
  },
  en: {
    duty: 'On duty at',
    closed: 'closed',
    place: 'Place',
    hours: 'Hours',
    pending: 'to be announced',
    provisional: 'provisional',
  },
} as const;

/** `Bà Nguyễn Mạnh Hà, Chuyên viên`, or the words for a slot nobody is assigned to yet. */
export function dutyText(duty: PublicDuty, language: Language): string {
  return duty.name ? `${duty.name}, ${duty.title}` : WORDS[language].pending;
}

function event(uid: string, date: IsoDate, content: Record<string, string>): DesiredEvent {
  const json = JSON.stringify(content);
  return { uid, date, hash: contentHash(json), content: json };
}

/**
 * The events of the public feed: one per slot (`<slot key>/public`) and one per closed day (`…/<date>/closed`),
 * over the desk's hours that day; the same content as the public page.
 */
export function publicEvents(
  roster: Roster,
  expansion: Expansion,
  language: Language = 'vi',
): DesiredEvent[] {
  const words = WORDS[language];
  const description = (date: IsoDate, sessions: readonly Session[]) =>
    `${words.place}: ${deskPlace(roster, date)}\n${words.hours}: ${hoursOf(roster, date, sessions, language)}\n${effectiveOn(roster.organisation.names, date).name}`;
  const duties = expansion.slots.map((slot) =>
    event(`${slot.key}/public@lichtruc`, slot.date, {
      summary: `${words.duty} ${roster.desk.title}: ${dutyText(publicDuty(roster, slot, language), language)}`,
      description: description(slot.date, slot.sessions),
      location: deskPlace(roster, slot.date),
      start: slot.start,
      end: slot.end,
    }),
  );
  return [...duties, ...expansion.closedDays.map((closed) => closedEvent(roster, closed, words))];
}

function closedEvent(roster: Roster, closed: ClosedDay, words: (typeof WORDS)[Language]) {
  const { sessions } = seasonOn(roster, closed.date);
  const first = sessions[0]!;
  const last = sessions[sessions.length - 1]!;
  return event(`${roster.id}/${closed.date}/closed@lichtruc`, closed.date, {
    summary: `${roster.desk.title} ${words.closed}: ${closed.name}`,
    description: `${words.place}: ${deskPlace(roster, closed.date)}`,
    location: deskPlace(roster, closed.date),
    start: zonedDateTime(closed.date, first.start, roster.timeZone),
    end: zonedDateTime(closed.date, last.end, roster.timeZone),
  });
}
