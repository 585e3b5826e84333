/** Loading what expansion needs from the store: a roster, its facts, and the holiday calendar in force. */
import { expandRoster } from '../domain/expand.ts';
import { applyHolidayEdits } from '../domain/holiday-edits.ts';
import { createHolidayCalendar, type HolidayCalendar } from '../domain/holidays.ts';
import type { Expansion } from '../domain/slot.ts';
import { type StoredFacts, type StoredRoster, UnreadableRosterError } from '../storage/records.ts';
import type { Store } from '../storage/store.ts';
import type { ServiceContext } from './context.ts';
import { conflict, notFound } from './errors.ts';

export interface RosterState {
  stored: StoredRoster;
  facts: StoredFacts;
  holidays: HolidayCalendar;
}

// The calendar changes only when a table or an edit does; rebuild it when the store's holiday version moves.
const calendars = new WeakMap<Store, { version: string; calendar: HolidayCalendar }>();

export async function loadHolidayCalendar(store: Store): Promise<HolidayCalendar> {
  const version = await store.holidays.version();
  const cached = calendars.get(store);
  if (cached?.version === version) return cached.calendar;
  const [base, edits] = await Promise.all([store.holidays.baseTables(), store.holidays.edits()]);
  const calendar = createHolidayCalendar(applyHolidayEdits(base, edits));
  calendars.set(store, { version, calendar });
  return calendar;
}

/** A roster to act on; one whose stored definition no longer reads is a 409 saying how to mend it. */
export async function requireRoster(ctx: ServiceContext, rosterId: string): Promise<StoredRoster> {
  const stored = await ctx.store.getRoster(rosterId).catch((error: unknown) => {
    if (!(error instanceof UnreadableRosterError)) throw error;
    const mend =
      error.record.origin === 'file'
        ? `correct ${error.record.sourcePath} and apply it again`
        : `replace it whole with PUT /api/rosters/${rosterId}`;
    throw conflict(`${error.message}: ${mend}`, [], {
      code: 'roster-unreadable',
      params: { rosterId },
    });
  });
  if (!stored) throw notFound(`roster "${rosterId}"`, { entity: 'roster', id: rosterId });
  return stored;
}

export async function loadRosterState(ctx: ServiceContext, rosterId: string): Promise<RosterState> {
  const [stored, facts, holidays] = await Promise.all([
    requireRoster(ctx, rosterId),
    ctx.store.factsOf(rosterId),
    loadHolidayCalendar(ctx.store),
  ]);
  return { stored, facts, holidays };
}

export function expandState(
  state: Pick<RosterState, 'stored' | 'facts' | 'holidays'>,
  from: string,
  to: string,
): Expansion {
  return expandRoster({
    roster: state.stored.roster,
    facts: state.facts,
    holidays: state.holidays,
    from,
    to,
  });
}
