/** Naming who serves a slot (an override wins over cover), or exchanging two slots' members (a swap). */
import { compileRoster, scheduleOn } from '../domain/compile-roster.ts';
import type { Override, SlotRef, Swap } from '../domain/facts-schema.ts';
import { matchRef } from '../domain/plan-day.ts';
import { formatDate } from '../domain/vietnamese.ts';
import type { StoredOverride, StoredSwap } from '../storage/records.ts';
import { auditStatement, deleteFact, insertOverride, insertSwap } from '../storage/statements.ts';
import { changeFacts, type FactChange } from './change-facts.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid } from './errors.ts';
import type { RosterState } from './roster-state.ts';

const NO_SLOT = {
  closed: 'the office is closed or nobody is scheduled that day',
  ambiguous: 'the day has several slots: name the position',
  missing: 'the day has no slot at that position',
};

/**
 * The position of the slot a reference names; refuses a day without a matching slot, so a fact never silently
 * applies to nothing.
 */
function requireSlot(state: RosterState, ref: SlotRef, field: string): string {
  const match = matchRef(dayOf(state, ref.date).assignments, ref);
  if (typeof match !== 'string') return match.position;
  const message = `no duty slot on ${formatDate(ref.date)}: ${NO_SLOT[match]}`;
  const coded = { code: `no-slot-${match}`, params: { date: ref.date } };
  throw invalid(message, [{ field, message, ...coded }], coded);
}

const dayOf = (state: RosterState, date: string) =>
  scheduleOn(compileRoster(state.stored.roster), state.holidays, date);

/** The stored overrides of the slot at `position` on `date` (with or without the position written out). */
function overridesOfSlot(state: RosterState, date: string, position: string): StoredOverride[] {
  const { assignments } = dayOf(state, date);
  return state.facts.overrides.filter((override) => {
    if (override.date !== date) return false;
    const match = matchRef(assignments, override);
    return typeof match !== 'string' && match.position === position;
  });
}

function requireMember(state: RosterState, memberId: string): void {
  if (!state.stored.roster.members.some((member) => member.id === memberId)) {
    const message = `no member with id "${memberId}" in roster ${state.stored.id}`;
    const coded = { code: 'unknown-member', params: { memberId } };
    throw invalid(message, [{ field: 'memberId', message, ...coded }], coded);
  }
}

export async function setOverride(ctx: ServiceContext, rosterId: string, input: Override) {
  return changeFacts(ctx, rosterId, planOverride(ctx, rosterId, input));
}

/** The change an override makes, validated against the stored state (also what the web pages preview). */
export function planOverride(
  ctx: ServiceContext,
  rosterId: string,
  input: Override,
): (state: RosterState) => FactChange<StoredOverride> {
  return (state) => {
    requireMember(state, input.memberId);
    const position = requireSlot(state, input, 'date');
    // A slot has at most one override: a new one replaces the previous, so the data says what the schedule shows.
    const replaced = overridesOfSlot(state, input.date, position);
    const stamp = stampOf(ctx);
    const id = crypto.randomUUID();
    const override = input;
    const stored: StoredOverride = {
      ...override,
      id,
      rosterId,
      createdAt: stamp.now,
      createdBy: stamp.actor.name,
    };
    const audit = {
      action: replaced.length > 0 ? 'override.replace' : 'override.create',
      rosterId,
      entity: 'override',
      entityId: id,
      ...(replaced.length > 0 ? { before: replaced.length === 1 ? replaced[0] : replaced } : {}),
      after: stored,
    };
    const gone = new Set(replaced.map((old) => old.id));
    return {
      statements: [
        ...replaced.map((old) => deleteFact('overrides', rosterId, old.id)),
        insertOverride(rosterId, id, override, stamp),
        auditStatement(audit, stamp),
      ],
      next: {
        ...state.facts,
        overrides: [...state.facts.overrides.filter((old) => !gone.has(old.id)), stored],
      },
      range: { from: input.date, to: input.date },
      result: stored,
    };
  };
}

export async function addSwap(ctx: ServiceContext, rosterId: string, input: Swap) {
  return changeFacts(ctx, rosterId, planSwap(ctx, rosterId, input));
}

/** The change a swap makes, validated against the stored state (also what a staff request's approval previews). */
export function planSwap(
  ctx: ServiceContext,
  rosterId: string,
  input: Swap,
): (state: RosterState) => FactChange<StoredSwap> {
  return (state) => {
    requireSlot(state, input.first, 'first.date');
    requireSlot(state, input.second, 'second.date');
    const stamp = stampOf(ctx);
    const id = crypto.randomUUID();
    const swap = input;
    const stored: StoredSwap = {
      ...swap,
      id,
      rosterId,
      createdAt: stamp.now,
      createdBy: stamp.actor.name,
    };
    const [from, to] = [input.first.date, input.second.date].sort() as [string, string];
    return {
      statements: [
        insertSwap(rosterId, id, swap, stamp),
        auditStatement(
          { action: 'swap.create', rosterId, entity: 'swap', entityId: id, after: stored },
          stamp,
        ),
      ],
      next: { ...state.facts, swaps: [...state.facts.swaps, stored] },
      range: { from, to },
      result: stored,
    };
  };
}
