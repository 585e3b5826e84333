/** Queueing whole rosters for the calendar push after a change that can touch any of them (a holiday edit). */
import type { ServiceContext } from './context.ts';

/**
 * One statement whatever the number of rosters, and one wake-up of the push: the entries' `afterChange` drains the
 * whole outbox, so waking it once per roster (5,000 drains on Workers) would only repeat the same work.
 */
export async function enqueueEveryRoster(ctx: ServiceContext, reason: string): Promise<void> {
  const queued = await ctx.store.sync.enqueueEveryRoster(reason, ctx.now().toISOString());
  if (queued > 0) ctx.afterChange?.('*');
}
