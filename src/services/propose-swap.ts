/**
 * An officer proposes to exchange one of their coming duties with a colleague's: the colleague must be serving the
 * other day, and the swap must be one the roster would accept now. The colleague then accepts it on their own page.
 */
import type { Swap } from '../domain/facts-schema.ts';
import type { Position } from '../domain/roster-schema.ts';
import type { StaffRequest, SwapRequestInput } from '../domain/staff-request.ts';
import { dateInZone } from '../domain/zone.ts';
import { previewFacts } from './change-facts.ts';
import type { ServiceContext } from './context.ts';
import { invalid } from './errors.ts';
import { expandState, loadRosterState, type RosterState } from './roster-state.ts';
import { planSwap } from './set-override.ts';
import { fileRequest, type Requester, requesterRoster } from './staff-requester.ts';

/** The position of the slot `memberId` serves on `date` (at `position` when given), or a refusal for `field`. */
function servedSlot(
  state: RosterState,
  memberId: string,
  date: string,
  field: string,
  position?: Position,
): Position {
  const slot = expandState(state, date, date).slots.find(
    (candidate) =>
      candidate.memberId === memberId &&
      (position === undefined || candidate.position === position),
  );
  if (slot) return slot.position;
  const message = `${memberId} has no duty on ${date}`;
  const coded = { code: 'no-duty', params: { memberId, date } };
  throw invalid(message, [{ field, message, ...coded }], coded);
}

export async function proposeSwap(
  ctx: ServiceContext,
  requester: Requester,
  input: SwapRequestInput,
): Promise<StaffRequest> {
  const stored = requesterRoster(requester, input.rosterId);
  const [date, position] = input.mine.split('/') as [string, Position];
  const today = dateInZone(ctx.now(), stored.roster.timeZone);
  for (const [field, day] of [
    ['mine', date],
    ['theirs', input.theirs],
  ] as const)
    if (day < today) {
      const message = 'only coming duties can be swapped';
      throw invalid(message, [{ field, message }]);
    }
  if (
    !stored.roster.members.some((member) => member.id === input.colleagueId) ||
    input.colleagueId === requester.memberId
  ) {
    const message = 'choose a colleague of this roster';
    throw invalid(message, [{ field: 'colleagueId', message }]);
  }
  const state = await loadRosterState(ctx, stored.id);
  const swap: Swap = {
    first: { date, position: servedSlot(state, requester.memberId, date, 'mine', position) },
    second: {
      date: input.theirs,
      position: servedSlot(state, input.colleagueId, input.theirs, 'theirs'),
    },
    ...(input.note ? { note: input.note } : {}),
  };
  await previewFacts(ctx, stored.id, planSwap(ctx, stored.id, swap));
  return fileRequest(ctx, requester, {
    rosterId: stored.id,
    colleagueId: input.colleagueId,
    detail: { kind: 'swap', swap },
    state: 'proposed',
  });
}
