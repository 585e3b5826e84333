/**
 * The roster draft from the facts, in the order of the roster files (calendars/*.yaml). Only facts the letter gave
 * appear; ids are made from the letter's names (`Nguyễn Mạnh Hà` → `nguyen-manh-ha`).
 */
import { WEEKDAY_KEYS } from '../roster-schema.ts';
import { slugOf } from '../schema-primitives.ts';
import type { BasisFacts } from './extract-basis.ts';
import type { CoverFacts, SessionFacts } from './extract-cover.ts';
import type { MemberFacts } from './extract-members.ts';
import type { DeskFacts } from './extract-desk.ts';
import type { OrganisationFacts } from './extract-organisation.ts';
import type { PeriodFacts } from './extract-period.ts';

export interface DraftFacts {
  basis: BasisFacts;
  organisation: OrganisationFacts;
  desk: DeskFacts;
  members: MemberFacts[];
  period: PeriodFacts;
  cover: CoverFacts | undefined;
  hours: SessionFacts[] | undefined;
}

/** Drops undefined values, so the draft shows only what is known. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function pattern(members: MemberFacts[]) {
  const days: Record<string, unknown> = {};
  for (const day of WEEKDAY_KEYS) {
    const serving = members
      .filter((member) => member.days.includes(day))
      .map((member) => defined({ position: member.role, memberId: member.id }));
    if (serving.length > 0) days[day] = serving.length === 1 ? serving[0] : serving;
  }
  return days;
}

export function buildDraft(facts: DraftFacts): Record<string, unknown> {
  const { basis, organisation, desk, members, period } = facts;
  return defined({
    id: organisation.key && slugOf(organisation.key),
    name:
      desk.title && organisation.plainName && `Lịch trực ${desk.title} – ${organisation.plainName}`,
    organisation: defined({
      id: organisation.id,
      names: [defined({ name: organisation.name, shortName: organisation.shortName })],
    }),
    desk: defined({
      id: desk.title && slugOf(desk.title),
      title: desk.title,
      names: [defined({ location: desk.location })],
    }),
    workingHours: facts.hours && [
      { seasons: [{ name: 'Cả năm', from: '01-01', to: '12-31', sessions: facts.hours }] },
    ],
    members: members.map(({ id, honorific, fullName, title, unit, role }) =>
      defined({ id, honorific, fullName, title, unit, role }),
    ),
    periods: [
      defined({
        id: `phan-cong${period.from ? `-${period.from.slice(0, 7)}` : ''}`,
        from: period.from,
        to: period.to ?? undefined,
        continuesAfterEnd: period.continuesAfterEnd,
        pattern: pattern(members),
      }),
    ],
    cover: facts.cover,
    basis: defined({
      kind: basis.kind,
      number: basis.number,
      date: basis.date,
      subject: basis.subject,
      issuer: organisation.shortName ?? organisation.name,
      signer: basis.signer,
      signerTitle: basis.signerTitle,
    }),
  });
}
