/** Queueing whole rosters for the calendar push after a change that can touch any of them (a holiday edit). */
import type { ServiceContext } from './context.ts';

export async function enqueueEveryRoster(ctx: ServiceContext, reason: string): Promise<void> {
  const now = ctx.now().toISOString();
  for (const stored of await ctx.store.listRosters()) {
    await ctx.store.sync.enqueue(stored.id, [null], reason, now);
    ctx.afterChange?.(stored.id);
  }
}
