/** Naming who serves a slot (an override wins over cover), or exchanging two slots' members (a swap). */
import { compileRoster, scheduleOn } from '../domain/compile-roster.ts';
import type { Override, SlotRef, Swap } from '../domain/facts-schema.ts';
import { matchRef } from '../domain/plan-day.ts';
import { formatDate } from '../domain/vietnamese.ts';
import type { StoredOverride, StoredSwap } from '../storage/records.ts';
import { auditStatement, insertOverride, insertSwap } from '../storage/statements.ts';
import { changeFacts, type FactChange } from './change-facts.ts';
import { type ServiceContext, stampOf } from './context.ts';
import { invalid } from './errors.ts';
import type { RosterState } from './roster-state.ts';

const NO_SLOT = {
  closed: 'the office is closed or nobody is scheduled that day',
  ambiguous: 'the day has several slots: name the position',
  missing: 'the day has no slot at that position',
};

/** Refuses a reference to a day without a matching slot, so a fact never silently applies to nothing. */
function requireSlot(state: RosterState, ref: SlotRef, field: string): void {
  const day = scheduleOn(compileRoster(state.stored.roster), state.holidays, ref.date);
  const match = matchRef(day.assignments, ref);
  if (typeof match !== 'string') return;
  const message = `no duty slot on ${formatDate(ref.date)}: ${NO_SLOT[match]}`;
  const coded = { code: `no-slot-${match}`, params: { date: ref.date } };
  throw invalid(message, [{ field, message, ...coded }], coded);
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
    requireSlot(state, input, 'date');
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
    return {
      statements: [
        insertOverride(rosterId, id, override, stamp),
        auditStatement(
          { action: 'override.create', rosterId, entity: 'override', entityId: id, after: stored },
          stamp,
        ),
      ],
      next: { ...state.facts, overrides: [...state.facts.overrides, stored] },
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
