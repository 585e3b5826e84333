/**
 * Rules a roster must follow beyond the shape of its fields: references point at real members, periods do not
 * overlap, effective-dated lists are in order, seasons cover every day of the year exactly once.
 */
import type * as z from 'zod';
import { isIsoDate } from './dates.ts';
import { type RosterObject, WEEKDAY_KEYS } from './roster-schema.ts';

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

/** `code` and `params` (ids and dates) let the pages say it in Vietnamese. */
function report(
  ctx: Ctx,
  path: Path,
  message: string,
  params?: { code: string; [key: string]: string },
): void {
  ctx.addIssue({ code: 'custom', message, path, ...(params ? { params } : {}) });
}

export function checkRosterSemantics(roster: RosterObject, ctx: Ctx): void {
  const memberIds = new Set<string>();
  roster.members.forEach((member, index) => {
    if (memberIds.has(member.id))
      report(ctx, ['members', index, 'id'], `member id "${member.id}" is used twice`, {
        code: 'member-id-twice',
        memberId: member.id,
      });
    memberIds.add(member.id);
  });
  const requireMember = (id: string, path: Path) => {
    if (!memberIds.has(id))
      report(ctx, path, `no member with id "${id}" in this roster`, {
        code: 'unknown-member',
        memberId: id,
      });
  };

  checkPeriods(roster, ctx, requireMember);
  roster.cover.members?.forEach((id, index) => {
    requireMember(id, ['cover', 'members', index]);
  });
  if (roster.makeUpSaturday.strategy === 'member') {
    if (!roster.makeUpSaturday.memberId)
      report(ctx, ['makeUpSaturday', 'memberId'], 'name the member who serves');
    else requireMember(roster.makeUpSaturday.memberId, ['makeUpSaturday', 'memberId']);
  }
  checkEffectiveOrder(roster.organisation.names, ['organisation', 'names'], ctx);
  checkEffectiveOrder(roster.desk.names, ['desk', 'names'], ctx);
  checkEffectiveOrder(roster.workingHours, ['workingHours'], ctx);
  roster.workingHours.forEach((hours, index) => {
    checkSeasons(hours.seasons, ['workingHours', index, 'seasons'], ctx);
  });
}

function checkPeriods(
  roster: RosterObject,
  ctx: Ctx,
  requireMember: (id: string, path: Path) => void,
): void {
  const periodIds = new Set<string>();
  roster.periods.forEach((period, index) => {
    const at = (...rest: Path): Path => ['periods', index, ...rest];
    if (periodIds.has(period.id)) report(ctx, at('id'), `period id "${period.id}" is used twice`);
    periodIds.add(period.id);
    if (period.to && period.to < period.from)
      report(ctx, at('to'), `ends (${period.to}) before it starts (${period.from})`);
    const next = roster.periods[index + 1];
    if (next) {
      if (next.from <= period.from)
        report(ctx, ['periods', index + 1, 'from'], 'periods must be listed in date order');
      else if (!period.to) report(ctx, at('to'), 'only the last period may be open-ended');
      else if (period.to >= next.from)
        report(ctx, at('to'), `overlaps the next period, which starts ${next.from}`);
    }
    for (const day of WEEKDAY_KEYS) {
      const value = period.pattern[day];
      if (!value) continue;
      const assignments = Array.isArray(value) ? value : [value];
      const positions = new Set<string>();
      const members = new Set<string>();
      assignments.forEach((assignment, slot) => {
        const path = Array.isArray(value) ? at('pattern', day, slot) : at('pattern', day);
        requireMember(assignment.memberId, [...path, 'memberId']);
        if (positions.has(assignment.position))
          report(ctx, [...path, 'position'], `two ${assignment.position} slots on ${day}`);
        if (members.has(assignment.memberId))
          report(ctx, [...path, 'memberId'], `"${assignment.memberId}" holds two slots on ${day}`);
        positions.add(assignment.position);
        members.add(assignment.memberId);
      });
    }
  });
}

function checkEffectiveOrder(entries: { from?: string | undefined }[], path: Path, ctx: Ctx): void {
  entries.forEach((entry, index) => {
    if (index === 0) return;
    const previous = entries[index - 1]?.from;
    if (!entry.from)
      report(
        ctx,
        [...path, index, 'from'],
        'every entry after the first needs the date it takes effect',
      );
    else if (previous && entry.from <= previous)
      report(ctx, [...path, index, 'from'], 'entries must be in date order');
  });
}

/** Seasons repeat every year; check them on a leap year so 29/02 is covered too. */
function checkSeasons(
  seasons: RosterObject['workingHours'][number]['seasons'],
  path: Path,
  ctx: Ctx,
): void {
  const owner = new Map<string, number>();
  seasons.forEach((season, index) => {
    for (const day of seasonDays(season.from, season.to)) {
      const other = owner.get(day);
      if (other !== undefined) {
        report(
          ctx,
          [...path, index, 'from'],
          `overlaps season "${seasons[other]?.name}" on ${day.slice(3)}/${day.slice(0, 2)}`,
        );
        return;
      }
      owner.set(day, index);
    }
    season.sessions.forEach((session, s) => {
      const previous = season.sessions[s - 1];
      if (session.end <= session.start)
        report(ctx, [...path, index, 'sessions', s, 'end'], 'a session must end after it starts');
      if (previous && session.start < previous.end)
        report(
          ctx,
          [...path, index, 'sessions', s, 'start'],
          'sessions must be in order without overlap',
        );
    });
  });
  const missing = seasonDays('01-01', '12-31').find((day) => !owner.has(day));
  if (missing)
    report(
      ctx,
      path,
      `no season covers ${missing.slice(3)}/${missing.slice(0, 2)}: seasons must cover the whole year`,
    );
}

/** Days of the year (`MM-DD`) from `from` to `to` inclusive, wrapping past 31/12. */
export function seasonDays(from: string, to: string): string[] {
  const days: string[] = [];
  const all: string[] = [];
  for (let m = 1; m <= 12; m++) {
    for (let d = 1; d <= 31; d++) {
      const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (isIsoDate(`2024-${md}`)) all.push(md);
    }
  }
  let index = all.indexOf(from);
  for (let guard = 0; guard < all.length; guard++) {
    const day = all[index % all.length]!;
    days.push(day);
    if (day === to) break;
    index++;
  }
  return days;
}
