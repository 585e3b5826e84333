/**
 * The shared path of every change to a roster's facts (absences, overrides, swaps): read, validate against what
 * is stored, write atomically (with an outbox row per changed slot for the calendar push, and the roster's feeds marked stale)
 * only if nobody changed the facts meanwhile, retrying a few times if they did; then report the slots that changed.
 * Nothing is rendered here: the feeds render on their next GET or in the background.
 */
import { type IsoDate, maxDate } from '../domain/dates.ts';
import type { RosterFacts } from '../domain/facts-schema.ts';
import { diffSlots, type SlotChange } from '../domain/slot-diff.ts';
import type { GuardedStatement } from '../storage/guarded-write.ts';
import { invalidateFeedsStatement } from '../storage/feed-versions.ts';
import { enqueueStatements } from '../storage/sync-store.ts';
import type { ServiceContext } from './context.ts';
import { conflict } from './errors.ts';
import { correctionStatements } from './month-locks.ts';
import { noticeStatements } from './notice-changes.ts';
import { rosterFeedScopes } from './publish-feeds.ts';
import { expandState, loadRosterState, type RosterState } from './roster-state.ts';

export interface FactChange<T> {
  statements: GuardedStatement[];
  /** The facts as they will be once the statements land. */
  next: RosterFacts;
  /** Days whose slots the change can affect; covers later in the same year may shift, so the range runs to its end. */
  range: { from: IsoDate; to: IsoDate };
  result: T;
}

const ATTEMPTS = 3;

/**
 * What a change would do, computed exactly as `changeFacts` would (same validation, same range, same closed-month
 * rule) but stored nowhere: the web pages show it before the admin confirms.
 */
export async function previewFacts<T>(
  ctx: ServiceContext,
  rosterId: string,
  plan: (state: RosterState) => FactChange<T>,
): Promise<{ state: RosterState; changedSlots: SlotChange[] }> {
  const state = await loadRosterState(ctx, rosterId);
  const change = plan(state);
  const changedSlots = slotsChangedBy(state, change);
  await correctionStatements(ctx, rosterId, [change.range.from, change.range.to], changedSlots);
  return { state, changedSlots };
}

/** The slots a change touches: covers later in the same year may shift, so the comparison runs to its end. */
function slotsChangedBy<T>(state: RosterState, change: FactChange<T>): SlotChange[] {
  const { from } = change.range;
  const to = maxDate(change.range.to, `${change.range.to.slice(0, 4)}-12-31`);
  const before = expandState(state, from, to).slots;
  const after = expandState(
    { ...state, facts: { ...state.facts, ...change.next } as RosterState['facts'] },
    from,
    to,
  ).slots;
  return diffSlots(before, after);
}

export async function changeFacts<T>(
  ctx: ServiceContext,
  rosterId: string,
  plan: (state: RosterState) => FactChange<T>,
): Promise<{ result: T; changedSlots: SlotChange[] }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const state = await loadRosterState(ctx, rosterId);
    const change = plan(state);
    const changedSlots = slotsChangedBy(state, change);
    const now = ctx.now().toISOString();
    const outbox = [
      ...enqueueStatements(
        rosterId,
        changedSlots.map((changed) => changed.key),
        'facts',
        now,
      ),
      ...noticeStatements(ctx, state.stored.roster, changedSlots),
    ];
    // Closed months (month close) are never rewritten silently: a change touching one is refused without a reason
    // (422, nothing stored), else it lands with a correction per locked slot it changes, in this same batch. Closing
    // a month bumps facts_version too, so a close racing this change makes the commit below retry.
    const corrections = await correctionStatements(
      ctx,
      rosterId,
      [change.range.from, change.range.to],
      changedSlots,
    );
    const guard = {
      rosterId,
      column: 'facts_version' as const,
      expected: state.stored.factsVersion,
    };
    const stale = invalidateFeedsStatement(rosterFeedScopes(state.stored.roster));
    const statements = [...change.statements, ...outbox, ...corrections, stale];
    if (!(await ctx.store.commit(guard, now, statements))) continue;
    ctx.feedsChanged?.();
    ctx.afterChange?.(rosterId);
    return { result: change.result, changedSlots };
  }
  throw conflict('the roster was changed by someone else at the same moment; try again', [], {
    code: 'concurrent-change',
  });
}
